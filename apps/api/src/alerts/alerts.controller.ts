import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AlertService } from '@app/batch';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import {
  AlertDetailResponseDto,
  AlertListResponseDto,
  AlertResponseDto,
} from './alert-response.dto';
import { ListAlertsQueryDto } from './list-alerts-query.dto';

/** Alerts the rules opened: list, one with its deliveries, acknowledge. */
@ApiTags('alerts')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertService) {}

  @Get()
  @ApiOperation({
    summary: 'Alerts, newest first',
    description:
      'Filter by state (firing, acknowledged, resolved), rule_id, kind, subject; paginated.',
  })
  @ApiOkResponse({ type: AlertListResponseDto })
  @ApiErrors(400)
  async list(@Query() query: ListAlertsQueryDto): Promise<AlertListResponseDto> {
    return {
      success: true,
      ...(await this.alerts.list({
        state: query.state,
        ruleId: query.rule_id,
        kind: query.kind,
        subject: query.subject,
        page: query.page,
        pageSize: query.page_size,
      })),
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One alert with its deliveries',
    description: 'Each notification (channel, firing or resolved) with every attempt.',
  })
  @ApiParam({ name: 'id', example: 7 })
  @ApiOkResponse({ type: AlertDetailResponseDto })
  @ApiErrors(400, 404)
  async get(@Param('id') id: string): Promise<AlertDetailResponseDto> {
    return { success: true, ...(await this.alerts.get(id)) };
  }

  @Post(':id/ack')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Acknowledge an alert',
    description:
      'firing → acknowledged: still open, not notified again until it resolves. Acknowledging twice is harmless; a resolved alert answers 409.',
  })
  @ApiParam({ name: 'id', example: 7 })
  @ApiOkResponse({ type: AlertResponseDto })
  @ApiErrors(400, 404, 409)
  async acknowledge(@Param('id') id: string): Promise<AlertResponseDto> {
    return { success: true, ...(await this.alerts.acknowledge(id)) };
  }
}
