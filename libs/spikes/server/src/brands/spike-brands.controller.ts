import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type {
  SpikeBrandSettings,
  SpikeWebhookCreated,
  SpikeWebhookDeliveryView,
  SpikeWebhookView,
  UpdateSpikeBrandSettingsRequest,
} from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { ActingUserId } from '../incidents/acting-user-id.decorator';
import { CreateSpikeWebhookDto, UpdateSpikeWebhookDto } from '../webhooks/incident-webhooks.dto';
import { IncidentWebhooksService } from '../webhooks/incident-webhooks.service';
import { SpikeBrandSettingsService } from './spike-brand-settings.service';

export class UpdateSpikeBrandSettingsDto implements UpdateSpikeBrandSettingsRequest {
  @ApiProperty({ minimum: 1, maximum: 1440, example: 30 })
  @IsInt({ message: 'firstUpdateMinutes must be a whole number of minutes' })
  @Min(1, { message: 'firstUpdateMinutes must be between 1 and 1440' })
  @Max(1440, { message: 'firstUpdateMinutes must be between 1 and 1440' })
  firstUpdateMinutes!: number;
}

/** A brand's incident settings and outbound incident webhooks (docs/spikes.md); admins change them. */
@ApiTags('spikes')
@Controller('spikes')
export class SpikeBrandsController {
  constructor(
    private readonly settings: SpikeBrandSettingsService,
    private readonly webhooks: IncidentWebhooksService,
  ) {}

  @Roles('ops', 'supervisor', 'admin')
  @Get('brands/:brandId/settings')
  getSettings(@Param('brandId', new ParseUUIDPipe()) brandId: string): Promise<SpikeBrandSettings> {
    return this.settings.get(brandId);
  }

  @Roles('admin')
  @Put('brands/:brandId/settings')
  updateSettings(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Body() body: UpdateSpikeBrandSettingsDto,
    @ActingUserId() userId: string,
  ): Promise<SpikeBrandSettings> {
    return this.settings.update({ brandId, firstUpdateMinutes: body.firstUpdateMinutes, userId });
  }

  @Roles('admin')
  @Get('brands/:brandId/webhooks')
  listWebhooks(@Param('brandId', new ParseUUIDPipe()) brandId: string): Promise<SpikeWebhookView[]> {
    return this.webhooks.list(brandId);
  }

  /** 201 with the webhook, and the secret once when Vigie generated it. */
  @Roles('admin')
  @Post('brands/:brandId/webhooks')
  createWebhook(
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Body() body: CreateSpikeWebhookDto,
    @ActingUserId() userId: string,
  ): Promise<SpikeWebhookCreated> {
    return this.webhooks.create({
      brandId,
      name: body.name,
      url: body.url,
      secret: body.secret ?? null,
      events: body.events ?? null,
      userId,
    });
  }

  @Roles('admin')
  @Patch('webhooks/:id')
  updateWebhook(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateSpikeWebhookDto,
  ): Promise<SpikeWebhookView> {
    return this.webhooks.update({ id, ...body });
  }

  @Roles('admin')
  @Delete('webhooks/:id')
  @HttpCode(204)
  removeWebhook(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Roles('admin')
  @Get('webhooks/:id/deliveries')
  deliveries(@Param('id', new ParseUUIDPipe()) id: string): Promise<SpikeWebhookDeliveryView[]> {
    return this.webhooks.deliveries(id);
  }
}
