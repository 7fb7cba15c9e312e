import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactIdentity } from './contacts/contact-identity.entity';
import { ContactIdentityRepository } from './contacts/contact-identity.repository';
import { Contact } from './contacts/contact.entity';
import { ContactsService } from './contacts/contacts.service';

export const crmEntities = [Contact, ContactIdentity];

@Module({
  imports: [TypeOrmModule.forFeature(crmEntities)],
  providers: [ContactIdentityRepository, ContactsService],
  exports: [ContactsService],
})
export class CrmModule {}
