import { DataSource } from 'typeorm';
import type { ContactMergeView, CustomerPicture, DuplicateSuggestion } from '@vigie/contracts';
import { ContactsService, CrmAccountsService } from '@vigie/crm-server';
import {
  type ApiTestContext,
  ApiClient,
  connectSocket,
  startApiForTest,
  waitForConnect,
} from '../testing/api-test-context';
import { seedContact, seedConversation, userIdOf } from './crm-test-helpers';

describe('CRM contacts: picture, links, reversible merges, export and erase (real database)', () => {
  let context: ApiTestContext;
  let agent: ApiClient;
  let supervisor: ApiClient;
  let admin: ApiClient;
  let ops: ApiClient;
  let sequence = 0;

  const nextId = () => `77${Date.now() % 100000}${(sequence += 1)}`;
  const contact = (displayName: string, accountId: string | null = null) =>
    seedContact(context, {
      externalUserId: nextId(),
      handle: displayName.replace(/\W/g, '_').toLowerCase(),
      displayName,
      accountId,
    });
  const picture = async (id: string) =>
    (await agent.request('GET', `/api/crm/contacts/${id}`)).body as CustomerPicture;

  beforeAll(async () => {
    context = await startApiForTest();
    [agent, supervisor, admin, ops] = [
      new ApiClient(context.url),
      new ApiClient(context.url),
      new ApiClient(context.url),
      new ApiClient(context.url),
    ];
    await agent.login('camille@vigie.demo');
    await supervisor.login('hugo@vigie.demo');
    await admin.login('admin@vigie.demo');
    await ops.login('ines@vigie.demo');
  });
  afterAll(() => context.close());

  it('refuses every CRM route without a session (401)', async () => {
    const anonymous = new ApiClient(context.url);
    const id = await contact('Nobody Home');
    for (const [method, path] of [
      ['GET', `/api/crm/contacts/${id}`],
      ['POST', '/api/crm/merges'],
      ['GET', '/api/crm/accounts'],
      ['POST', `/api/crm/contacts/${id}/erase`],
      ['GET', '/api/crm/connectors'],
    ] as const) {
      expect((await anonymous.request(method, path, method === 'POST' ? {} : undefined)).status).toBe(401);
    }
  });

  it('lets agents read and link but keeps merge, undo, export and erase for supervisors and admins (403)', async () => {
    const [left, right] = [await contact('Role One'), await contact('Role Two')];
    const merge = { survivorId: left, mergedId: right };
    expect((await agent.request('POST', '/api/crm/merges', merge)).status).toBe(403);
    expect((await agent.request('GET', `/api/crm/contacts/${left}/export`)).status).toBe(403);
    expect((await agent.request('POST', `/api/crm/contacts/${left}/erase`)).status).toBe(403);
    expect((await supervisor.request('POST', `/api/crm/contacts/${left}/erase`)).status).toBe(403);
    expect((await agent.request('POST', '/api/crm/accounts', { name: 'X' })).status).toBe(403);
    expect((await ops.request('PATCH', `/api/crm/contacts/${left}`, { tags: ['x'] })).status).toBe(403);
    expect((await agent.request('GET', '/api/crm/connectors')).status).toBe(403);
    expect((await ops.request('GET', `/api/crm/contacts/${left}`)).status).toBe(200);
  });

  it('answers 400 with a clear message for bad input and 404 for unknown contacts', async () => {
    const id = await contact('Bad Input');
    const notUuid = await supervisor.request('POST', '/api/crm/merges', { survivorId: 'abc', mergedId: id });
    expect(notUuid.status).toBe(400);
    expect((notUuid.body as { message: string }).message).toContain('survivorId must be a contact id (uuid)');
    const badEmail = await agent.request('POST', `/api/crm/contacts/${id}/identities`, {
      channel: 'email',
      value: 'not-an-email',
    });
    expect(badEmail.status).toBe(400);
    expect((badEmail.body as { message: string }).message).toContain('e-mail address');
    const badTier = await admin.request('POST', '/api/crm/accounts', { name: 'T', tier: 'gold' });
    expect((badTier.body as { message: string }).message).toContain(
      'tier must be one of: vip, premium, standard',
    );
    expect((await agent.request('PATCH', `/api/crm/contacts/${id}`, {})).status).toBe(400);
    expect(
      (await agent.request('PATCH', `/api/crm/contacts/${id}`, { attributes: { plan: 3 } })).status,
    ).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect((await agent.request('GET', `/api/crm/contacts/${unknown}`)).status).toBe(404);
    expect(
      (await supervisor.request('POST', '/api/crm/merges', { survivorId: id, mergedId: unknown })).status,
    ).toBe(404);
    expect(
      (await supervisor.request('POST', '/api/crm/merges', { survivorId: id, mergedId: id })).status,
    ).toBe(400);
  });

  it('merges two contacts keeping every identity, conversation and note, then undoes it exactly', async () => {
    const ownerId = await userIdOf(context, 'lea@vigie.demo');
    const account = (
      await admin.request('POST', '/api/crm/accounts', {
        name: 'Famille Durand',
        ownerUserId: ownerId,
        tier: 'premium',
        value: 300,
      })
    ).body as { id: string };
    const survivor = await contact('Élodie Durand');
    const duplicate = await contact('elodie durand', account.id);
    const first = await seedConversation(context, {
      contactId: survivor,
      text: 'Ma box ne marche plus',
      externalId: nextId(),
    });
    const second = await seedConversation(context, {
      contactId: duplicate,
      text: 'toujours pas de réseau',
      externalId: nextId(),
    });
    await agent.request('POST', `/api/crm/contacts/${duplicate}/notes`, { body: 'Prefers DMs' });
    await agent.request('PATCH', `/api/crm/contacts/${survivor}`, { tags: ['fibre'] });

    const suggestions = (await agent.request('GET', `/api/crm/contacts/${survivor}/duplicates`))
      .body as DuplicateSuggestion[];
    expect(suggestions[0]).toMatchObject({
      contactId: duplicate,
      reasons: expect.arrayContaining(['same full name']),
    });

    const merged = await supervisor.request('POST', '/api/crm/merges', {
      survivorId: survivor,
      mergedId: duplicate,
    });
    expect(merged.status).toBe(201);
    const merge = merged.body as ContactMergeView;

    const whole = await picture(survivor);
    expect(whole.mergedContactIds).toEqual([duplicate]);
    expect(whole.identities).toHaveLength(2);
    expect(whole.conversations.map((conversation) => conversation.id).sort()).toEqual(
      [first.conversationId, second.conversationId].sort(),
    );
    expect(whole.notes.map((note) => note.body)).toEqual(['Prefers DMs']);
    expect(whole.account).toMatchObject({ id: account.id, tier: 'premium', owner: { id: ownerId } });
    // The merged contact's id still works: it answers with the survivor (ids stay stable for the inbox).
    expect((await picture(duplicate)).id).toBe(survivor);
    const facts = await context.vigie.app.get(CrmAccountsService).routingFacts([duplicate, survivor]);
    expect(facts.get(survivor)?.ownerUserId).toBe(ownerId);
    expect(facts.get(duplicate)?.ownerUserId).toBe(ownerId);
    // Conversations were not rewritten: undo has nothing to guess.
    const rows = (await context.vigie.app
      .get(DataSource)
      .query(`SELECT contact_id FROM conversation WHERE id = $1`, [second.conversationId])) as {
      contact_id: string;
    }[];
    expect(rows[0]?.contact_id).toBe(duplicate);

    const undone = await supervisor.request('POST', `/api/crm/merges/${merge.id}/undo`);
    expect(undone.status).toBe(200);
    expect((undone.body as ContactMergeView).undoneAt).not.toBeNull();
    const survivorAfter = await picture(survivor);
    const duplicateAfter = await picture(duplicate);
    expect(survivorAfter.account).toBeNull();
    expect(survivorAfter.conversations.map((conversation) => conversation.id)).toEqual([
      first.conversationId,
    ]);
    expect(survivorAfter.tags).toEqual(['fibre']);
    expect(duplicateAfter.id).toBe(duplicate);
    expect(duplicateAfter.notes).toHaveLength(1);
    expect(duplicateAfter.account?.id).toBe(account.id);
    expect((await supervisor.request('POST', `/api/crm/merges/${merge.id}/undo`)).status).toBe(409);

    const audit = (await context.vigie.app
      .get(DataSource)
      .query(
        `SELECT action FROM crm_audit WHERE contact_id = $1 AND action LIKE 'contact.merge%' ORDER BY created_at, action`,
        [survivor],
      )) as { action: string }[];
    expect(audit.map((row) => row.action).sort()).toEqual(['contact.merge_undone', 'contact.merged']);
  });

  it('keeps a contact id stable across a merge: the merged author still records under its own id', async () => {
    const xUserId = nextId();
    const author = await seedContact(context, {
      externalUserId: xUserId,
      handle: 'stable_author',
      displayName: 'Stable Author',
    });
    const survivor = await contact('Stable Survivor');
    const merge = (
      await supervisor.request('POST', '/api/crm/merges', { survivorId: survivor, mergedId: author })
    ).body as ContactMergeView;
    const recorded = await context.vigie.app.get(DataSource).transaction((manager) =>
      context.vigie.app.get(ContactsService).recordAuthor({
        manager,
        identity: {
          channel: 'x',
          externalUserId: xUserId,
          handle: 'stable_author',
          displayName: 'Stable Author',
          followersCount: 5,
          isVerified: false,
          language: 'fr',
        },
      }),
    );
    expect(recorded.id).toBe(author);
    expect((await picture(author)).id).toBe(survivor);
    await supervisor.request('POST', `/api/crm/merges/${merge.id}/undo`);
    expect((await picture(author)).id).toBe(author);
  });

  it('runs concurrent merges of the same contacts one at a time: one wins, the others get 409, no cycle', async () => {
    const [a, b, c] = [await contact('Race A'), await contact('Race B'), await contact('Race C')];
    const answers = await Promise.all([
      supervisor.request('POST', '/api/crm/merges', { survivorId: a, mergedId: b }),
      admin.request('POST', '/api/crm/merges', { survivorId: b, mergedId: a }),
      supervisor.request('POST', '/api/crm/merges', { survivorId: c, mergedId: b }),
      admin.request('POST', '/api/crm/merges', { survivorId: c, mergedId: a }),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const rows = (await context.vigie.app
      .get(DataSource)
      .query(`SELECT id, merged_into_id FROM contact WHERE id = ANY($1::uuid[])`, [[a, b, c]])) as {
      id: string;
      merged_into_id: string | null;
    }[];
    // Exactly one root among the three or two (the merge graph is a forest), and every picture resolves.
    const roots = new Set(await Promise.all([a, b, c].map(async (id) => (await picture(id)).id)));
    expect(rows.filter((row) => row.merged_into_id === null).length).toBe(roots.size);
    const active = (await context.vigie.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS count FROM contact_merge WHERE undone_at IS NULL AND merged_id = ANY($1::uuid[])`,
        [[a, b, c]],
      )) as { count: number }[];
    expect(active[0]?.count).toBe(statuses.filter((status) => status === 201).length);
  });

  it('tells the consoles after commit when contacts are merged and the merge undone (socket.io)', async () => {
    const socket = connectSocket(context.url, agent.cookie);
    await waitForConnect(socket);
    try {
      const [left, right] = [await contact('Socket Left'), await contact('Socket Right')];
      const merged = new Promise((resolve) => socket.once('contact.merged', resolve));
      const merge = (
        await supervisor.request('POST', '/api/crm/merges', { survivorId: left, mergedId: right })
      ).body as ContactMergeView;
      expect(await merged).toEqual({ mergeId: merge.id, survivorId: left, mergedId: right });
      const undone = new Promise((resolve) => socket.once('contact.merge_undone', resolve));
      await supervisor.request('POST', `/api/crm/merges/${merge.id}/undo`);
      expect(await undone).toEqual({ mergeId: merge.id, survivorId: left, mergedId: right });
    } finally {
      socket.disconnect();
    }
  });

  it('links an e-mail by hand, refuses the same e-mail on another contact (409), and unlinks it', async () => {
    const [jane, other] = [await contact('Jane Link'), await contact('Other Link')];
    const linked = await agent.request('POST', `/api/crm/contacts/${jane}/identities`, {
      channel: 'email',
      value: ' Jane@Example.COM ',
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({
      channel: 'email',
      externalUserId: 'jane@example.com',
      linkedByUserId: expect.any(String),
    });
    const taken = await agent.request('POST', `/api/crm/contacts/${other}/identities`, {
      channel: 'email',
      value: 'jane@example.com',
    });
    expect(taken.status).toBe(409);
    expect((taken.body as { message: string }).message).toContain('merge the two contacts');
    const identityId = (linked.body as { id: string }).id;
    expect((await agent.request('DELETE', `/api/crm/identities/${identityId}`)).status).toBe(204);
    expect((await picture(jane)).identities.map((identity) => identity.channel)).toEqual(['x']);
  });

  it('exports everything held about a contact, then erases it with an audit entry', async () => {
    const id = await contact('Gdpr Person');
    const { messageId } = await seedConversation(context, {
      contactId: id,
      text: 'mon numéro est 06 12 34 56 78',
      externalId: nextId(),
    });
    await agent.request('POST', `/api/crm/contacts/${id}/notes`, { body: 'Lives in Lyon' });

    const exported = await supervisor.request('GET', `/api/crm/contacts/${id}/export`);
    expect(exported.status).toBe(200);
    const document = exported.body as {
      exportedContact: CustomerPicture;
      inbox: { messages: { text: string }[] };
    };
    expect(document.exportedContact.notes[0]?.body).toBe('Lives in Lyon');
    expect(document.inbox.messages.map((message) => message.text)).toEqual(['mon numéro est 06 12 34 56 78']);

    const erased = await admin.request('POST', `/api/crm/contacts/${id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      contactId: id,
      erased: { contacts: 1, identities: 1, notes: 1, inbox: { messages: 1 } },
    });
    const dataSource = context.vigie.app.get(DataSource);
    const [message] = (await dataSource.query(`SELECT text, raw FROM message WHERE id = $1`, [
      messageId,
    ])) as { text: string; raw: unknown }[];
    expect(message).toEqual({ text: '[erased]', raw: null });
    const after = await picture(id);
    expect(after).toMatchObject({
      displayName: null,
      identities: [],
      notes: [],
      erasedAt: expect.any(String),
    });
    const audit = (await dataSource.query(
      `SELECT action, details FROM crm_audit WHERE contact_id = $1 AND action = 'contact.erased'`,
      [id],
    )) as { details: Record<string, unknown> }[];
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.details)).not.toContain('Gdpr');
    expect((await admin.request('POST', `/api/crm/contacts/${id}/erase`)).status).toBe(409);
  });
});
