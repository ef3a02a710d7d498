import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { ALERT_KINDS } from '@app/persistence';
import { AlertChannelDto } from './alert-rule-response.dto';

/**
 * Body of `POST /api/alert-rules`. The kind's parameters and each channel are checked in depth by
 * AlertRuleService (400 naming the field: `params.minutes`, `channels[0].url`).
 */
export class CreateAlertRuleDto {
  // With stopAtFirstError, class-validator checks a property's decorators from the bottom up.
  @ApiProperty({ description: 'A name for people', example: 'Nightly batch failed' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters long' })
  @IsString({ message: 'name must be a string' })
  @IsDefined({ message: 'name is required' })
  name!: string;

  @ApiProperty({ enum: ALERT_KINDS, example: 'batch_failed' })
  @IsIn(ALERT_KINDS, { message: `kind must be one of ${ALERT_KINDS.join(', ')}` })
  @IsDefined({ message: `kind is required (one of ${ALERT_KINDS.join(', ')})` })
  kind!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Parameters of the kind (defaults filled in): batch_failed {min_failed_ratio: 0.5, provider?}; batch_stalled {minutes: 30, provider?}; symbol_stale {sessions: 3, interval: "1d", source?, symbols?}; repeated_failures {count: 3, provider?}; data_anomaly {kinds: [all], window_minutes: 60, source?}; provider_errors {ratio: 0.5, window_minutes: 15, min_attempts: 20, provider?}',
    example: { min_failed_ratio: 0.2 },
  })
  @IsOptional()
  @IsObject({ message: 'params must be an object' })
  params?: Record<string, unknown>;

  @ApiProperty({
    type: [AlertChannelDto],
    description:
      'Where notifications go: Slack incoming webhooks, e-mail (needs SMTP_URL), signed webhooks; at most 10. URLs obey WEBHOOK_ALLOWED_HOSTS.',
  })
  @ArrayMaxSize(10, { message: 'channels may hold at most 10' })
  @IsArray({ message: 'channels must be an array' })
  @IsDefined({ message: 'channels is required (an array, may be empty)' })
  channels!: unknown[];

  @ApiPropertyOptional({ description: 'false: stored but not evaluated', default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
