import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_CHANNEL_TYPES, ALERT_KINDS } from '@app/persistence';

const INT = { type: 'integer' } as const;

/** A channel: `{type: "slack", url}`, `{type: "email", to}` or `{type: "webhook", url}`. */
export class AlertChannelDto {
  @ApiProperty({ enum: ALERT_CHANNEL_TYPES, example: 'slack' }) type!: string;
  @ApiPropertyOptional({
    description:
      'slack and webhook: the http(s) URL (a Slack URL is shown as its origin only: it is a credential)',
    example: 'https://hooks.slack.com/…',
  })
  url?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'email: the recipients',
    example: ['ops@example.com'],
  })
  to?: string[];
}

/** A rule, with its parameters' defaults filled in. */
export class AlertRuleDto {
  @ApiProperty({ ...INT, example: 1 }) id!: number;
  @ApiProperty({ example: 'Nightly batch failed' }) name!: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { min_failed_ratio: 0.5 } })
  params!: Record<string, unknown>;
  @ApiProperty({ type: [AlertChannelDto] }) channels!: AlertChannelDto[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

/** Answer of create (201) and of one rule. */
export class AlertRuleResponseDto extends AlertRuleDto {
  @ApiProperty({ enum: [true] }) success!: true;
}

/** Answer of `GET /api/alert-rules`. */
export class AlertRuleListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [AlertRuleDto] }) items!: AlertRuleDto[];
  @ApiProperty(INT) total!: number;
  @ApiProperty(INT) page!: number;
  @ApiProperty(INT) page_size!: number;
}
