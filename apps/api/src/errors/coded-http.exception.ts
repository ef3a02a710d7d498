import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorCode } from './error-codes';

/** An HTTP error raised by the API itself with its own error code (e.g. 400 INVALID_SYMBOL). */
export class CodedHttpException extends HttpException {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
  ) {
    super(message, status);
  }
}
