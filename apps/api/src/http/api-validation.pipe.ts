import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform) reporting the first
 * problem of each property, and refusing a body that is not a JSON object before looking inside.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      typeof metadata.metatype === 'function' &&
      metadata.metatype !== Object &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new BadRequestException([
        'request body must be a JSON object (Content-Type: application/json)',
      ]);
    }
    return super.transform(value, metadata);
  }
}
