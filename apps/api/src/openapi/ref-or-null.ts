import type { Type } from '@nestjs/common';
import { getSchemaPath } from '@nestjs/swagger';

/**
 * The schema of a property holding an object of `model` or null (`nullable` does not combine
 * with a $ref). The model must be registered (`@ApiExtraModels(model)` on the class).
 */
export const REF_OR_NULL = (model: Type<unknown>) => ({
  oneOf: [{ $ref: getSchemaPath(model) }, { type: 'null' }],
});
