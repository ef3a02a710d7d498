import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AlertRuleService } from '@app/batch';
import { PageQueryDto } from '../http/page-query.dto';
import { API_KEY_SCHEME, ApiErrors } from '../openapi/api-errors.decorator';
import { AlertRuleListResponseDto, AlertRuleResponseDto } from './alert-rule-response.dto';
import { CreateAlertRuleDto } from './create-alert-rule.dto';

/** Alert rules: what to watch (a kind and its parameters) and whom to tell (channels). */
@ApiTags('alerts')
@ApiSecurity(API_KEY_SCHEME)
@ApiErrors(401, 429)
@Controller('api/alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRuleService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create an alert rule',
    description:
      'Kinds: batch_failed, batch_stalled, symbol_stale, repeated_failures, data_anomaly, provider_errors. Bad kinds, parameters or channels answer 400 naming the field; a channel URL obeys WEBHOOK_ALLOWED_HOSTS (400 WEBHOOK_HOST_NOT_ALLOWED).',
  })
  @ApiCreatedResponse({ type: AlertRuleResponseDto })
  @ApiErrors(400, 413)
  async create(@Body() body: CreateAlertRuleDto): Promise<AlertRuleResponseDto> {
    return {
      success: true,
      ...(await this.rules.create({
        name: body.name,
        kind: body.kind,
        params: body.params,
        channels: body.channels,
        enabled: body.enabled,
      })),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Every alert rule, oldest first' })
  @ApiOkResponse({ type: AlertRuleListResponseDto })
  @ApiErrors(400)
  async list(@Query() query: PageQueryDto): Promise<AlertRuleListResponseDto> {
    return { success: true, ...(await this.rules.list(query.page, query.page_size)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert rule' })
  @ApiParam({ name: 'id', example: 1 })
  @ApiOkResponse({ type: AlertRuleResponseDto })
  @ApiErrors(400, 404)
  async get(@Param('id') id: string): Promise<AlertRuleResponseDto> {
    return { success: true, ...(await this.rules.get(id)) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an alert rule',
    description: 'Its open alerts are resolved without notification; its alerts stay listed.',
  })
  @ApiParam({ name: 'id', example: 1 })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.rules.delete(id);
  }
}
