import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Body of `POST /api/session`: the API key to sign in with (never logged, never stored). */
export class SignInDto {
  @ApiProperty({ description: 'One of API_KEYS', example: 'a-key-of-API_KEYS' })
  @Length(1, 512, { message: 'api_key must be 1 to 512 characters long' })
  @IsString({ message: 'api_key must be a string' })
  api_key!: string;
}
