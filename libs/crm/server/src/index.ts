export { CrmModule, crmEntities } from './crm.module';
export { ContactsService } from './contacts/contacts.service';
export type { ContactIdentityInput } from './contacts/contact-identity.repository';
