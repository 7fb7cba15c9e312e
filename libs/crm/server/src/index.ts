export { CrmModule, crmEntities } from './crm.module';
export { ContactsService } from './contacts/contacts.service';
export { CrmAccountsService } from './accounts/crm-accounts.service';
export { ContactMergesService } from './merges/contact-merges.service';
export { CustomerHistory, type CustomerHistorySource } from './customers/customer-history';
export { type ContactIdentityInput, identityKey } from './contacts/contact-identity.repository';
export { CrmConnectorsService, type CrmWebhookPayload } from './connector/crm-connectors.service';
export {
  crmSignatureScheme,
  signatureHeader as crmSignatureHeader,
  signatureHeaderValue,
  verifySignature,
} from './connector/webhook-signature';
export { LinkProposalsService } from './proposals/link-proposals.service';
