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
import { ApiTags } from '@nestjs/swagger';
import type {
  ContactIdentityView,
  ContactMergeView,
  ContactNoteView,
  CustomerPicture,
  DuplicateSuggestion,
} from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { allRoles, Roles } from '@vigie/server';
import { toAttributes } from '../contacts/attributes';
import { ContactLinksService } from '../contacts/contact-links.service';
import { ActorUserId } from '../http/actor-user-id.decorator';
import { ContactMergesService } from '../merges/contact-merges.service';
import {
  AddNoteDto,
  LinkIdentityDto,
  MergeContactsDto,
  MoveIdentityDto,
  UpdateContactDto,
} from './customer.dto';
import { LinkProposalsService } from '../proposals/link-proposals.service';
import { CustomerPictureService } from './customer-picture.service';
import { CustomerPrivacyService } from './customer-privacy.service';

const uuid = () => new ParseUUIDPipe();

@ApiTags('crm')
@Controller('crm')
export class CustomersController {
  constructor(
    private readonly pictures: CustomerPictureService,
    private readonly links: ContactLinksService,
    private readonly merges: ContactMergesService,
    private readonly privacy: CustomerPrivacyService,
    private readonly proposals: LinkProposalsService,
  ) {}

  @Roles(...allRoles)
  @Get('contacts/:id')
  picture(@Param('id', uuid()) id: string): Promise<CustomerPicture> {
    return this.pictures.picture(id);
  }

  @Roles('agent', 'supervisor', 'admin')
  @Patch('contacts/:id')
  async update(
    @Param('id', uuid()) id: string,
    @Body() body: UpdateContactDto,
    @ActorUserId() actorUserId: string,
  ): Promise<CustomerPicture> {
    if (Object.values(body).every((value) => value === undefined)) {
      throw new DomainError({
        code: 'invalid',
        message: 'Nothing to change: send displayName, accountId, attributes or tags.',
      });
    }
    const changes = {
      ...(body.displayName !== undefined ? { displayName: body.displayName?.trim() || null } : {}),
      ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
      ...(body.attributes !== undefined ? { attributes: toAttributes(body.attributes) } : {}),
      ...(body.tags !== undefined ? { tags: [...new Set(body.tags)] } : {}),
    };
    await this.links.update({ contactId: id, changes, actorUserId });
    return this.pictures.picture(id);
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('contacts/:id/notes')
  addNote(
    @Param('id', uuid()) id: string,
    @Body() body: AddNoteDto,
    @ActorUserId() actorUserId: string,
  ): Promise<ContactNoteView> {
    return this.links.addNote({ contactId: id, body: body.body, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('contacts/:id/identities')
  linkIdentity(
    @Param('id', uuid()) id: string,
    @Body() body: LinkIdentityDto,
    @ActorUserId() actorUserId: string,
  ): Promise<ContactIdentityView> {
    if (body.channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.value.trim())) {
      throw new DomainError({
        code: 'invalid',
        message: 'value must be an e-mail address for channel email',
      });
    }
    if (body.channel === 'phone' && !/^\+?[\d\s().-]{6,20}$/.test(body.value.trim())) {
      throw new DomainError({ code: 'invalid', message: 'value must be a phone number for channel phone' });
    }
    return this.links.linkIdentity({ contactId: id, channel: body.channel, value: body.value, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Put('identities/:identityId')
  @HttpCode(204)
  moveIdentity(
    @Param('identityId', uuid()) identityId: string,
    @Body() body: MoveIdentityDto,
    @ActorUserId() actorUserId: string,
  ): Promise<void> {
    return this.links.moveIdentity({ identityId, contactId: body.contactId, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Delete('identities/:identityId')
  @HttpCode(204)
  unlinkIdentity(
    @Param('identityId', uuid()) identityId: string,
    @ActorUserId() actorUserId: string,
  ): Promise<void> {
    return this.links.unlinkIdentity({ identityId, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('link-proposals/:id/accept')
  @HttpCode(200)
  acceptProposal(
    @Param('id', uuid()) id: string,
    @ActorUserId() actorUserId: string,
  ): Promise<ContactIdentityView> {
    return this.proposals.accept({ proposalId: id, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('link-proposals/:id/reject')
  @HttpCode(204)
  rejectProposal(@Param('id', uuid()) id: string, @ActorUserId() actorUserId: string): Promise<void> {
    return this.proposals.reject({ proposalId: id, actorUserId });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Get('contacts/:id/duplicates')
  duplicates(@Param('id', uuid()) id: string): Promise<DuplicateSuggestion[]> {
    return this.pictures.duplicates(id);
  }

  @Roles('supervisor', 'admin')
  @Post('merges')
  merge(@Body() body: MergeContactsDto, @ActorUserId() actorUserId: string): Promise<ContactMergeView> {
    return this.merges.merge({ survivorId: body.survivorId, mergedId: body.mergedId, actorUserId });
  }

  @Roles('supervisor', 'admin')
  @Post('merges/:id/undo')
  @HttpCode(200)
  undo(@Param('id', uuid()) id: string, @ActorUserId() actorUserId: string): Promise<ContactMergeView> {
    return this.merges.undo({ mergeId: id, actorUserId });
  }

  @Roles('supervisor', 'admin')
  @Get('contacts/:id/export')
  export(
    @Param('id', uuid()) id: string,
    @ActorUserId() actorUserId: string,
  ): Promise<Record<string, unknown>> {
    return this.privacy.export({ contactId: id, actorUserId });
  }

  @Roles('admin')
  @Post('contacts/:id/erase')
  @HttpCode(200)
  erase(
    @Param('id', uuid()) id: string,
    @ActorUserId() actorUserId: string,
  ): Promise<{ contactId: string; erased: Record<string, unknown> }> {
    return this.privacy.erase({ contactId: id, actorUserId });
  }
}
