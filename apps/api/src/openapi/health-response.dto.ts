import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One check of a probe: up or down, nothing more (details go to the logs). */
export class HealthCheckStatusDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

const CHECKS = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/HealthCheckStatusDto' },
  description: 'By check name (database, redis, migrations)',
} as const;

/** Body of /health, /health/live and /health/ready (Terminus's shape), 200 and 503 alike. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!:
    'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional({ ...CHECKS, description: 'Checks that are up' })
  info?: Record<string, HealthCheckStatusDto>;
  @ApiPropertyOptional({ ...CHECKS, description: 'Checks that are down' })
  error?: Record<string, HealthCheckStatusDto>;
  @ApiProperty({ ...CHECKS, description: 'Every check' })
  details!: Record<string, HealthCheckStatusDto>;
}
