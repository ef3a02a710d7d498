import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * An ISO 8601 date or date-time (`2024-01-31`, `2024-01-31T09:00:00Z`) that `new Date()` reads
 * as a valid instant; week and ordinal dates, which it cannot read, are refused.
 */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isISO8601(value, { strict: true }) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date or date-time (e.g. 2024-01-31 or 2024-01-31T09:00:00Z)`,
      },
    },
    options,
  );
}
