import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';
import { URL_LISTING_SOURCES, type UrlListingSource } from '@app/market-data';

/** Body of `POST /api/universe/sync`: the listings that have a URL (a csv is a file: the CLI). */
export class SyncUniverseDto {
  @ApiProperty({
    description:
      'jpx: JPX_LISTING_URL (TSE issues, provider yahoo); binance: BINANCE_BASE_URL/fapi/v1/exchangeInfo; bybit: BYBIT_BASE_URL/v5/market/instruments-info?category=linear',
    enum: URL_LISTING_SOURCES,
    example: 'jpx',
  })
  @IsIn(URL_LISTING_SOURCES, {
    message: `source must be one of ${URL_LISTING_SOURCES.join(', ')} (a csv listing syncs from a file: npm run universe -- sync csv --file <path>)`,
  })
  @IsDefined({ message: 'source is required (jpx, binance or bybit)' })
  source!: UrlListingSource;
}
