import { ValidateBy, ValidationOptions } from 'class-validator';
import { sourceProblem } from '@app/market-data';

/** A series' source as a client names it (libs/market-data's grammar; lower-cased after). */
export function IsSourceName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSourceName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && sourceProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property ?? 'source'} must be a source name such as binance: ${
            typeof args?.value === 'string'
              ? sourceProblem(args.value)
              : 'expected one value, as text'
          }`,
      },
    },
    options,
  );
}
