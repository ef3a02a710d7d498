import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { CodedHttpException } from '../errors/coded-http.exception';
import { inputProblem } from './input-shape';

const LABELS: Partial<Record<ArgumentMetadata['type'], (data?: string) => string>> = {
  body: () => 'request body',
  query: () => 'query',
  param: (data) => `path parameter ${data ?? ''}`.trim(),
};

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform) reporting the first
 * problem of each property, and refusing a body that is not a JSON object before looking inside.
 * Before anything is transformed, one cheap walk refuses bodies too deep or too wide, prototype
 * keys and control characters in any body, query or path input (see inputProblem). Guards ran
 * before: a request without a key is a 401 whatever its body.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const label = LABELS[metadata.type];
    const problem = label === undefined ? null : inputProblem(value, label(metadata.data));
    if (problem !== null) {
      throw new CodedHttpException(
        problem.code,
        problem.message,
        problem.at === undefined ? undefined : { at: problem.at },
      );
    }
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
