import { ApiProperty } from '@nestjs/swagger';
import { API_ROLES } from '@app/common';

/** Answer of `POST /api/session` and `GET /api/session`. */
export class SessionResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ enum: API_ROLES, description: '`read`: GET only; `admin`: anything' })
  role!: string;
  @ApiProperty({
    enum: ['key', 'session'],
    description: 'How this request authenticated: X-API-KEY header or session cookie',
  })
  via!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Send it as X-CSRF-Token with every change made with the cookie; null without a session',
  })
  csrf_token!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at!: string | null;
}
