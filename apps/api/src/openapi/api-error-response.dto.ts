import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ERROR_CODES, ApiErrorCode } from '../errors/error-codes';

/** The `error` member of every error answer (documentation only; see errors/api-error.ts). */
export class ApiErrorDetailDto {
  @ApiProperty({
    description: 'Stable, machine-readable code',
    enum: API_ERROR_CODES,
    enumName: 'ApiErrorCode',
    example: 'VALIDATION_FAILED',
  })
  code!: ApiErrorCode;

  @ApiProperty({
    description: 'What went wrong, for humans',
    example: 'interval must be one of 1m, 5m, 15m, 30m, 1h, 1d, 1wk, 1mo',
  })
  message!: string;

  @ApiPropertyOptional({
    description: 'Extra data (e.g. the messages of each field)',
    type: 'object',
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

/** Body of every error answer: `{success:false, error:{code, message, details?}}`. */
export class ApiErrorResponseDto {
  @ApiProperty({ enum: [false] })
  success!: false;

  @ApiProperty({ type: ApiErrorDetailDto })
  error!: ApiErrorDetailDto;
}
