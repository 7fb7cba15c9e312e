import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '@vigie/kernel';
import { Public } from '@vigie/server';
import { XWebhookService } from './x-webhook.service';

/**
 * X's Account Activity webhook, one URL per account. Public (X has no session) but every POST is verified by
 * its HMAC signature over the raw body, which the API keeps for this route (http-setup).
 */
@ApiExcludeController()
@Controller('webhooks/x')
export class XWebhookController {
  constructor(private readonly webhooks: XWebhookService) {}

  @Public()
  @Get(':accountId')
  crc(
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Query('crc_token') crcToken: string | undefined,
  ): Promise<{ response_token: string }> {
    if (!crcToken) throw new DomainError({ code: 'invalid', message: 'crc_token is required.' });
    return this.webhooks.answerCrc({ accountId, crcToken });
  }

  @Public()
  @Post(':accountId')
  @HttpCode(200)
  async receive(
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Headers('x-twitter-webhooks-signature') signature: string | undefined,
    @Req() request: Request,
  ): Promise<void> {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    await this.webhooks.receive({ accountId, rawBody, signature, ip: request.ip });
  }
}
