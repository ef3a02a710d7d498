import { ApiProperty } from '@nestjs/swagger';
import { ALERT_EVENTS, ALERT_KINDS, ALERT_STATES } from '@app/persistence';
import { AlertChannelDto } from './alert-rule-response.dto';

const INT = { type: 'integer' } as const;
const ISO_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;

/** One alert: a rule's finding about one subject. */
export class AlertDto {
  @ApiProperty({ ...INT, example: 7 }) id!: number;
  @ApiProperty({ ...INT, example: 1 }) rule_id!: number;
  @ApiProperty({ example: 'Nightly batch failed' }) rule_name!: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind!: string;
  @ApiProperty({
    description: 'What it is about: batch:<id>, <source>:<symbol>, provider:<name>',
    example: 'batch:42',
  })
  subject!: string;
  @ApiProperty({ enum: ALERT_STATES }) state!: string;
  @ApiProperty({ example: 'batch 42 (job-1795457971739) ended with 7 of 10 symbols failed (70%)' })
  message!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The subject as fields (batch_id; source, symbol; provider) and the figures',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) first_at!: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'Last change: fired, its message changed (figures), acknowledged not counted, resolved',
  })
  last_at!: string;
  @ApiProperty(ISO_OR_NULL) resolved_at!: string | null;
  @ApiProperty(ISO_OR_NULL) acknowledged_at!: string | null;
}

/** One attempt of a notification. */
export class NotificationAttemptDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty(INT) attempt!: number;
  @ApiProperty({ type: 'integer', nullable: true }) status_code!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ enum: ['delivered', 'retried', 'failed'] }) outcome!: string;
}

/** One notification of an alert (a channel, firing or resolved) and its attempts. */
export class AlertDeliveryDto {
  @ApiProperty(INT) id!: number;
  @ApiProperty({
    example: 'alert-12',
    description: 'Sent as X-Market-Ingest-Delivery (and in the body): de-duplicate on it',
  })
  delivery_id!: string;
  @ApiProperty({ enum: ALERT_EVENTS }) event!: string;
  @ApiProperty({ type: AlertChannelDto }) channel!: AlertChannelDto;
  @ApiProperty(INT) attempts!: number;
  @ApiProperty({ type: [NotificationAttemptDto] }) attempt_log!: NotificationAttemptDto[];
  @ApiProperty({ type: 'integer', nullable: true }) last_status_code!: number | null;
  @ApiProperty({ type: String, nullable: true }) last_error!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty(ISO_OR_NULL) delivered_at!: string | null;
  @ApiProperty(ISO_OR_NULL) failed_at!: string | null;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
}

/** Answer of `POST /api/alerts/:id/ack`. */
export class AlertResponseDto extends AlertDto {
  @ApiProperty({ enum: [true] }) success!: true;
}

/** Answer of `GET /api/alerts/:id`: the alert and its deliveries. */
export class AlertDetailResponseDto extends AlertResponseDto {
  @ApiProperty({ type: [AlertDeliveryDto] }) deliveries!: AlertDeliveryDto[];
}

/** Answer of `GET /api/alerts`. */
export class AlertListResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [AlertDto] }) items!: AlertDto[];
  @ApiProperty(INT) total!: number;
  @ApiProperty(INT) page!: number;
  @ApiProperty(INT) page_size!: number;
}
