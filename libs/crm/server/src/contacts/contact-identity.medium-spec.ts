import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@vigie/database';
import { createTestDatabase, type TestDatabase } from '@vigie/testing';
import {
  type ContactIdentityInput,
  ContactIdentityRepository,
  identityKey,
} from './contact-identity.repository';

const author = (
  externalUserId: string,
  changes: Partial<ContactIdentityInput> = {},
): ContactIdentityInput => ({
  channel: 'x',
  externalUserId,
  handle: `user_${externalUserId}`,
  displayName: `User ${externalUserId}`,
  followersCount: 10,
  isVerified: false,
  language: 'fr',
  ...changes,
});

describe('ContactIdentityRepository.upsertMany (real database)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let other: DataSource;
  const identities = () => new ContactIdentityRepository(dataSource);
  const count = async (sql: string) => Number(((await dataSource.query(sql)) as { n: string }[])[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ connection: database.connection, entities: [] }));
    other = new DataSource(buildDataSourceOptions({ connection: database.connection, entities: [] }));
    await dataSource.initialize();
    await other.initialize();
  });
  afterAll(async () => {
    await other?.destroy();
    await dataSource?.destroy();
    await database?.destroy();
  });

  it('creates new authors and updates known ones in one batch, known values winning over nulls', async () => {
    const first = await dataSource.transaction((manager) =>
      identities().upsertMany(manager, [author('1'), author('2', { isVerified: true, followersCount: 500 })]),
    );
    const second = await dataSource.transaction((manager) =>
      identities().upsertMany(manager, [
        author('2', { handle: 'renamed', displayName: null, followersCount: null, isVerified: false }),
        author('3'),
        author('3', { displayName: 'Newest profile of the batch' }),
      ]),
    );
    expect(second.get(identityKey({ channel: 'x', externalUserId: '2' }))).toMatchObject({
      contactId: first.get('x 2')?.contactId,
      handle: 'renamed',
      displayName: 'User 2',
      followersCount: 500,
      isVerified: true,
    });
    expect(second.get('x 3')?.displayName).toBe('Newest profile of the batch');
    expect(second.size).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM contact`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM contact_identity`)).toBe(3);
  });

  it('lets two transactions creating the same authors at once end with one contact each', async () => {
    const batch = Array.from({ length: 40 }, (_, index) => author(`race_${index}`));
    const [left, right] = await Promise.all([
      dataSource.transaction((manager) => identities().upsertMany(manager, batch)),
      other.transaction((manager) =>
        new ContactIdentityRepository(other).upsertMany(manager, [...batch].reverse()),
      ),
    ]);
    for (const input of batch)
      expect(left.get(identityKey(input))?.contactId).toBe(right.get(identityKey(input))?.contactId);
    expect(
      await count(`SELECT count(*) AS n FROM contact_identity WHERE external_user_id LIKE 'race_%'`),
    ).toBe(40);
    // No orphan contact left behind by the transaction that lost the race.
    expect(
      await count(
        `SELECT count(*) AS n FROM contact c WHERE NOT EXISTS (SELECT 1 FROM contact_identity i WHERE i.contact_id = c.id)`,
      ),
    ).toBe(0);
  });
});
