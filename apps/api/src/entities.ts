import { crmEntities } from '@vigie/crm-server';
import { identityEntities } from '@vigie/identity-server';
import { inboxEntities } from '@vigie/inbox-server';
import { ingestionEntities } from '@vigie/ingestion-server';

/** Every TypeORM entity of every domain. */
export const entities = [...identityEntities, ...ingestionEntities, ...inboxEntities, ...crmEntities];
