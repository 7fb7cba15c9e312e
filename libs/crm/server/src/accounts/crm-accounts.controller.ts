import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CrmAccountView } from '@vigie/contracts';
import { allRoles, Roles } from '@vigie/server';
import { ActorUserId } from '../http/actor-user-id.decorator';
import { toAttributes } from '../contacts/attributes';
import { CrmAccountDto, ListAccountsQueryDto } from './crm-account.dto';
import type { CrmAccountInput } from './crm-account.repository';
import { CrmAccountsService } from './crm-accounts.service';

function toInput(body: CrmAccountDto): CrmAccountInput {
  return {
    name: body.name.trim(),
    ownerUserId: body.ownerUserId ?? null,
    tier: body.tier ?? null,
    value: body.value ?? null,
    attributes: toAttributes(body.attributes),
    tags: body.tags ?? [],
  };
}

@ApiTags('crm')
@Controller('crm/accounts')
export class CrmAccountsController {
  constructor(private readonly accounts: CrmAccountsService) {}

  @Roles(...allRoles)
  @Get()
  list(@Query() query: ListAccountsQueryDto): Promise<CrmAccountView[]> {
    return this.accounts.list({ limit: query.limit ?? 50, search: query.search ?? null });
  }

  @Roles(...allRoles)
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CrmAccountView> {
    return this.accounts.get(id);
  }

  @Roles('supervisor', 'admin')
  @Post()
  create(@Body() body: CrmAccountDto, @ActorUserId() actorUserId: string): Promise<CrmAccountView> {
    return this.accounts.create({ input: toInput(body), actorUserId });
  }

  @Roles('supervisor', 'admin')
  @Put(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CrmAccountDto,
    @ActorUserId() actorUserId: string,
  ): Promise<CrmAccountView> {
    return this.accounts.update({ id, input: toInput(body), actorUserId });
  }
}
