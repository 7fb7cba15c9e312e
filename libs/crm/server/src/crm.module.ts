import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CrmAccount } from './accounts/crm-account.entity';
import { CrmAccountsController } from './accounts/crm-accounts.controller';
import { CrmAccountRepository } from './accounts/crm-account.repository';
import { CrmAccountsService } from './accounts/crm-accounts.service';
import { CrmAuditRepository } from './audit/crm-audit.repository';
import { CrmConnectorRepository } from './connector/crm-connector.repository';
import { CrmConnectorsController, CrmWebhookController } from './connector/crm-connectors.controller';
import { CrmConnectorsService } from './connector/crm-connectors.service';
import { CrmSyncService } from './connector/crm-sync.service';
import { ContactIdentity } from './contacts/contact-identity.entity';
import { ContactIdentityRepository, IdentityRecordRepository } from './contacts/contact-identity.repository';
import { ContactLinksService } from './contacts/contact-links.service';
import { ContactNoteRepository } from './contacts/contact-note.repository';
import { Contact } from './contacts/contact.entity';
import { ContactRepository } from './contacts/contact.repository';
import { ContactsService } from './contacts/contacts.service';
import { CustomerHistory } from './customers/customer-history';
import { CustomerPictureService } from './customers/customer-picture.service';
import { CustomerPrivacyService } from './customers/customer-privacy.service';
import { CustomersController } from './customers/customers.controller';
import { ContactMergeRepository } from './merges/contact-merge.repository';
import { ContactMergesService } from './merges/contact-merges.service';
import { LinkProposalsService } from './proposals/link-proposals.service';

export const crmEntities = [Contact, ContactIdentity, CrmAccount];

@Module({
  imports: [TypeOrmModule.forFeature(crmEntities)],
  controllers: [CrmAccountsController, CustomersController, CrmConnectorsController, CrmWebhookController],
  providers: [
    ContactIdentityRepository,
    ContactRepository,
    ContactsService,
    CrmAccountRepository,
    CrmAccountsService,
    CrmAuditRepository,
    IdentityRecordRepository,
    ContactNoteRepository,
    ContactLinksService,
    ContactMergeRepository,
    ContactMergesService,
    CustomerHistory,
    CustomerPictureService,
    CustomerPrivacyService,
    CrmConnectorRepository,
    CrmConnectorsService,
    CrmSyncService,
    LinkProposalsService,
  ],
  exports: [
    ContactsService,
    CrmAccountsService,
    ContactMergesService,
    CustomerHistory,
    CrmConnectorsService,
    LinkProposalsService,
  ],
})
export class CrmModule {}
