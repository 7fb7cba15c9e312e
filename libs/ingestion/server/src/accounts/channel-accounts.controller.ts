import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BrandSummary, ChannelAccountSummary } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { IngestionSupervisor } from '../ingestion/ingestion-supervisor.service';
import { ConnectXAccountDto, CreateBrandDto } from './channel-account.dto';
import { ChannelAccountsService, toChannelAccountSummary } from './channel-accounts.service';

@ApiTags('channel accounts')
@Controller()
export class ChannelAccountsController {
  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly supervisor: IngestionSupervisor,
  ) {}

  @Roles('admin', 'supervisor', 'ops')
  @Get('brands')
  listBrands(): Promise<BrandSummary[]> {
    return this.accounts.listBrands();
  }

  @Roles('admin')
  @Post('brands')
  createBrand(@Body() body: CreateBrandDto): Promise<BrandSummary> {
    return this.accounts.createBrand(body);
  }

  @Roles('admin', 'ops')
  @Get('channel-accounts')
  listAccounts(): Promise<ChannelAccountSummary[]> {
    return this.accounts.listAccounts();
  }

  @Roles('admin')
  @Post('channel-accounts/x')
  async connectX(@Body() body: ConnectXAccountDto): Promise<ChannelAccountSummary> {
    const account = await this.accounts.connectX(body);
    await this.supervisor.restartAccount(account.id);
    return toChannelAccountSummary(account);
  }

  @Roles('admin')
  @Post('channel-accounts/:id/reconnect')
  @HttpCode(200)
  async reconnect(@Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelAccountSummary> {
    const account = await this.accounts.setConnected({ id, isConnected: true });
    await this.supervisor.restartAccount(id);
    return toChannelAccountSummary(account);
  }

  @Roles('admin')
  @Post('channel-accounts/:id/disconnect')
  @HttpCode(200)
  async disconnect(@Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelAccountSummary> {
    const account = await this.accounts.setConnected({ id, isConnected: false });
    await this.supervisor.stopAccount(id);
    return toChannelAccountSummary(account);
  }
}
