import { identityEntities } from '@vigie/identity-server';

/** Every TypeORM entity of every domain. */
export const entities = [...identityEntities];
