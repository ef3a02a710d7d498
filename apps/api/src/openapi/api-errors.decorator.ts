import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponseDto } from './api-error-response.dto';

/** Name of the API-key security scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'apiKey';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, …',
  401: 'UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS',
  404: 'NOT_FOUND: no such batch',
  409: "CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied",
  413: 'PAYLOAD_TOO_LARGE: the body is larger than the limit',
  422: 'LISTING_NOT_A_LISTING, LISTING_CORRUPT, LISTING_EMPTY, LISTING_TOO_LARGE: what came back is not a usable listing; nothing changed',
  429: 'RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After',
  502: "LISTING_UNREACHABLE, LISTING_NOT_FOUND: the listing's host did not answer, failed or has no such file; nothing changed",
  503: 'QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing',
};

/** Documents error answers of the given statuses with the project's error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      status === 429
        ? ApiResponse({
            status,
            description: ERROR_DESCRIPTIONS[status],
            type: ApiErrorResponseDto,
            headers: {
              'Retry-After': {
                description: 'Seconds until the key may call again',
                schema: { type: 'integer' },
              },
            },
          })
        : ApiResponse({
            status,
            description: ERROR_DESCRIPTIONS[status] ?? 'Error',
            type: ApiErrorResponseDto,
          }),
    ),
  );
}
