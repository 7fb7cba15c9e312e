import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type {
  CrmConnectorCreated,
  CrmConnectorView,
  CrmUpsertReport,
  CrmWebhookDeliveryView,
} from '@vigie/contracts';
import { Public, Roles } from '@vigie/server';
import { ActorUserId } from '../http/actor-user-id.decorator';
import { CreateConnectorDto, CrmUpsertDto } from './crm-connector.dto';
import { CrmConnectorsService } from './crm-connectors.service';
import { crmSignatureScheme, deliveryHeader, signatureHeader } from './webhook-signature';

@ApiTags('crm')
@Controller('crm')
export class CrmConnectorsController {
  constructor(private readonly connectors: CrmConnectorsService) {}

  @Roles('admin')
  @Get('connectors')
  list(): Promise<CrmConnectorView[]> {
    return this.connectors.list();
  }

  @Roles('admin')
  @Post('connectors')
  create(@Body() body: CreateConnectorDto, @ActorUserId() actorUserId: string): Promise<CrmConnectorCreated> {
    return this.connectors.create({
      name: body.name,
      kind: body.kind,
      outboundUrl: body.outboundUrl ?? null,
      events: body.events ?? [],
      actorUserId,
    });
  }

  @Roles('admin')
  @Get('connectors/:id/deliveries')
  deliveries(@Param('id', new ParseUUIDPipe()) id: string): Promise<CrmWebhookDeliveryView[]> {
    return this.connectors.deliveries(id);
  }

  /** The inbound upsert API for an admin session (scripts, one-off imports). */
  @Roles('admin')
  @Post('sync')
  @HttpCode(200)
  upsert(@Body() body: CrmUpsertDto, @ActorUserId() actorUserId: string): Promise<CrmUpsertReport> {
    return this.connectors.upsertAsUser({ request: body, actorUserId });
  }
}

/** The external CRM's signed webhook: no session, an HMAC over the raw bytes instead (docs/crm.md). */
@ApiTags('crm')
@Controller('webhooks/crm')
export class CrmWebhookController {
  constructor(private readonly connectors: CrmConnectorsService) {}

  @Public()
  @ApiSecurity(crmSignatureScheme)
  @Post(':connectorId')
  @HttpCode(200)
  receive(
    @Param('connectorId', new ParseUUIDPipe()) connectorId: string,
    @Headers(signatureHeader) signature: string | undefined,
    @Headers(deliveryHeader) deliveryId: string | undefined,
    @Req() request: Request,
  ): Promise<CrmUpsertReport> {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.connectors.receive({ connectorId, signature, deliveryId, rawBody });
  }
}
