import { Injectable, PipeTransform } from '@nestjs/common';
import { parseSymbol, SYMBOL_MAX_LENGTH } from '@app/market-data';
import { CodedHttpException } from '../errors/coded-http.exception';

/** What the OpenAPI document says of a `:symbol` path parameter. */
export const SYMBOL_PARAM_DESCRIPTION = `Symbol (1-${SYMBOL_MAX_LENGTH} ASCII letters, digits and . _ = ^ & -; any case, read upper-cased)`;

/**
 * A `:symbol` path parameter, checked with the grammar of libs/market-data (the one every provider's
 * symbols fall within) before it is upper-cased: 400 INVALID_SYMBOL naming it otherwise.
 */
@Injectable()
export class SymbolPipe implements PipeTransform<string, string> {
  transform(raw: string): string {
    const parsed = parseSymbol(raw);
    if ('symbol' in parsed) return parsed.symbol;
    throw new CodedHttpException(
      'INVALID_SYMBOL',
      `symbol must be 1-${SYMBOL_MAX_LENGTH} ASCII letters, digits and . _ = ^ & -: ${JSON.stringify(raw)} (${parsed.problem})`,
      { field: 'symbol', symbol: raw },
    );
  }
}
