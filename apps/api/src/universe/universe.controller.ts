import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { toUniverseSyncView, UniverseSyncService } from '@app/market-data';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { SyncUniverseDto } from './sync-universe.dto';
import { UniverseSyncResponseDto } from './universe-sync-response.dto';

/** The instrument universe: sync the registry from an exchange's listing. */
@ApiTags('universe')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/universe')
export class UniverseController {
  constructor(private readonly universe: UniverseSyncService) {}

  @Post('sync')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sync the instrument registry from a listing',
    description:
      'Downloads the listing, then applies it in one transaction: new instruments added, changed ones updated, missing ones of that listing delisted (inactive, delisted_date = the listing date), returning ones relisted. The same listing twice changes nothing; a listing that cannot be read changes nothing (502/422); one older than the last applied is refused (409).',
  })
  @ApiOkResponse({ type: UniverseSyncResponseDto })
  @ApiErrors(400, 409, 422, 502)
  async sync(@Body() body: SyncUniverseDto): Promise<UniverseSyncResponseDto> {
    return { success: true, ...toUniverseSyncView(await this.universe.sync(body.source)) };
  }
}
