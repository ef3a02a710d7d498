import { ValidateBy, ValidationOptions } from 'class-validator';

/** Why `value` is not an array of strings of `min` to `max` characters, or null. */
export function stringListProblem(
  value: unknown,
  noun: string,
  min: number,
  max: number,
): string | null {
  if (!Array.isArray(value)) return `${noun}s must be an array of strings`;
  for (const item of value) {
    if (typeof item !== 'string') return `each ${noun} must be a string`;
    if (item.length < min || item.length > max) {
      return `each ${noun} must be ${min} to ${max} characters long`;
    }
  }
  return null;
}

/**
 * An array of strings of `min` to `max` characters each, checked in one loop. It replaces
 * `@IsString({ each: true })` + `@Length(min, max, { each: true })`, whose per-element machinery
 * cost 10-40 ms of one event-loop turn on a 15,000-symbol body (measured on the API's
 * validation pipe); this loop costs well under a millisecond. The message names the first problem.
 */
export function IsStringList(
  noun: string,
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringList',
      validator: {
        validate: (value: unknown) => stringListProblem(value, noun, min, max) === null,
        defaultMessage: (args) =>
          stringListProblem(args?.value, noun, min, max) ?? `${noun}s must be an array of strings`,
      },
    },
    options,
  );
}
