import type { CannedAnswerList, CannedAnswerView, ConversationCannedAnswers } from '@vigie/contracts';
import { demoCannedAnswers } from '@vigie/canned-server';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };

/**
 * Canned answers on a real database: supervisors and admins write them, agents list them and get them filled in
 * for a conversation (customer, agent, brand, the next opening from the SLA calendar), with the clock driven by
 * the test. The demo brand's calendar is the default one: Mon-Fri 09:00-19:00 in Paris.
 */
describe('canned answers (real database, fake X through the real client)', () => {
  let context: IngestionTestContext;
  let lea: ApiClient;
  let hugo: ApiClient;
  let ines: ApiClient;
  let brandId: string;

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    [lea, hugo, ines] = (await Promise.all(
      ['lea', 'hugo', 'ines'].map(async (name) => {
        const client = new ApiClient(context.api.url);
        await client.login(`${name}@vigie.demo`);
        return client;
      }),
    )) as [ApiClient, ApiClient, ApiClient];
    brandId = context.demo.brandId;
    await waitForStream(context);
  });
  afterAll(() => context?.close());

  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  async function conversationOf(params: {
    author: string;
    name: string;
    text: string;
    lang: string;
  }): Promise<string> {
    await createCustomer(context, params.author, { name: params.name, lang: params.lang });
    const post = await injectPost(context, { author: params.author, text: params.text, lang: params.lang });
    let conversationId = '';
    await waitUntil(async () => {
      const rows = (await context.dataSource.query(
        `SELECT m.conversation_id FROM message m JOIN sla_clock c ON c.conversation_id = m.conversation_id
         WHERE m.external_id = $1 LIMIT 1`,
        [post.id],
      )) as { conversation_id: string }[];
      conversationId = rows[0]?.conversation_id ?? '';
      return conversationId !== '';
    });
    return conversationId;
  }

  const list = async (client: ApiClient, query: string) => {
    const answer = await client.request('GET', `/api/canned-answers?${query}`);
    expect(answer.status).toBe(200);
    return (answer.body as CannedAnswerList).items;
  };

  it('seeds the demo brand’s answers in French and English once', async () => {
    const french = await list(lea, `brandId=${brandId}&language=fr`);
    const english = await list(lea, `brandId=${brandId}&language=EN`);
    const expected = (language: string) =>
      demoCannedAnswers
        .filter((answer) => answer.language === language)
        .map((answer) => answer.title)
        .sort((left, right) => left.localeCompare(right, 'fr'));
    expect(french.map((answer) => answer.title)).toEqual(expected('fr'));
    expect(english.map((answer) => answer.title)).toEqual(expected('en'));
    expect(french.find((answer) => answer.shortcut === 'horaires')).toMatchObject({
      variables: ['customer.name', 'next_opening', 'brand.name'],
      deletedAt: null,
    });
  });

  it('refuses a caller without a session (401), agents writing and ops reading (403)', async () => {
    expect((await new ApiClient(context.api.url).request('GET', '/api/canned-answers')).status).toBe(401);
    const body = { brandId, language: 'fr', title: 'Essai agent', body: 'Bonjour' };
    expect((await lea.request('POST', '/api/canned-answers', body)).status).toBe(403);
    const [any] = await list(lea, `brandId=${brandId}`);
    expect((await lea.request('PATCH', `/api/canned-answers/${any?.id}`, { title: 'x' })).status).toBe(403);
    expect((await lea.request('DELETE', `/api/canned-answers/${any?.id}`)).status).toBe(403);
    expect((await ines.request('GET', '/api/canned-answers')).status).toBe(403);
    const deleted = await lea.request('GET', '/api/canned-answers?includeDeleted=true');
    expect(deleted.status).toBe(403);
    expect((deleted.body as { message: string }).message).toBe(
      'Only supervisors and admins see deleted canned answers.',
    );
  });

  it.each([
    [
      'an unknown variable',
      { body: 'Bonjour {{customer.email}} et {{ticket}}' },
      'Unknown variables {{customer.email}}, {{ticket}} in the canned answer. Known variables: {{customer.name}}, {{customer.handle}}, {{agent.name}}, {{brand.name}}, {{next_opening}}.',
    ],
    ['a variable left open', { body: 'Bonjour {{customer.name' }, 'A variable is not closed'],
    ['a blank body', { body: '   ' }, 'body must not be empty.'],
    ['a long title', { title: 'x'.repeat(121) }, 'title must be 1 to 120 characters.'],
    ['a language of three letters', { language: 'fra' }, 'language must be two letters'],
    ['a shortcut with spaces', { shortcut: 'mon raccourci' }, 'shortcut must be 1 to 32'],
    ['no title', { title: undefined }, 'title must be a string'],
    ['a brand that is not an id', { brandId: 'vigie' }, 'brandId must be a UUID'],
    ['an unknown property', { isShared: true }, 'property isShared should not exist'],
  ])('answers %s with a 400 that says what is wrong', async (_case, change, message) => {
    const answer = await hugo.request('POST', '/api/canned-answers', {
      brandId,
      language: 'fr',
      title: 'Essai',
      body: 'Bonjour {{customer.name}}',
      ...change,
    });
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain(message);
  });

  it('creates, finds, edits, soft-deletes and restores an answer; titles and shortcuts are unique among live ones', async () => {
    const created = await hugo.request('POST', '/api/canned-answers', {
      brandId,
      language: 'FR',
      title: '  Coupure fibre ',
      body: 'Bonjour {{customer.name}}, la fibre est coupée dans votre quartier. {{ agent.name }}',
      shortcut: '/Fibre',
    });
    expect(created.status).toBe(201);
    const answer = created.body as CannedAnswerView;
    expect(answer).toMatchObject({
      brandId,
      language: 'fr',
      title: 'Coupure fibre',
      shortcut: 'fibre',
      variables: ['customer.name', 'agent.name'],
      deletedAt: null,
    });
    expect((await lea.request('GET', `/api/canned-answers/${answer.id}`)).body).toEqual(answer);

    // Found by agents by its words, accents and case ignored; LIKE wildcards are plain characters.
    expect((await list(lea, 'q=COUPEE')).map((item) => item.id)).toEqual([answer.id]);
    expect((await list(lea, `brandId=${brandId}&q=fibre`)).map((item) => item.id)).toEqual([answer.id]);
    expect(await list(lea, 'q=%25')).toEqual([]);

    const unknownBrand = await hugo.request('POST', '/api/canned-answers', {
      brandId: '00000000-0000-4000-8000-000000000000',
      language: 'fr',
      title: 'Sans marque',
      body: 'Bonjour',
    });
    expect(unknownBrand.status).toBe(404);
    const sameTitle = await hugo.request('POST', '/api/canned-answers', {
      brandId,
      language: 'fr',
      title: 'coupure FIBRE',
      body: 'Autre texte',
    });
    expect(sameTitle.status).toBe(409);
    expect((sameTitle.body as { message: string }).message).toContain('already has this title');
    const sameShortcut = await hugo.request('POST', '/api/canned-answers', {
      brandId,
      language: 'fr',
      title: 'Autre coupure',
      body: 'Autre texte',
      shortcut: 'fibre',
    });
    expect(sameShortcut.status).toBe(409);
    expect((sameShortcut.body as { message: string }).message).toContain('already uses this shortcut');
    // The same title in another language is another answer.
    expect(
      (
        await hugo.request('POST', '/api/canned-answers', {
          brandId,
          language: 'en',
          title: 'Coupure fibre',
          body: 'Hi',
        })
      ).status,
    ).toBe(201);

    const edited = await hugo.request('PATCH', `/api/canned-answers/${answer.id}`, {
      body: 'Bonjour {{customer.name}}, la fibre revient {{next_opening}}.',
      shortcut: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ shortcut: null, variables: ['customer.name', 'next_opening'] });
    const badEdit = await hugo.request('PATCH', `/api/canned-answers/${answer.id}`, { body: '{{agent}}' });
    expect(badEdit.status).toBe(400);

    expect((await hugo.request('DELETE', `/api/canned-answers/${answer.id}`)).status).toBe(204);
    expect((await list(lea, 'q=fibre&language=fr')).map((item) => item.id)).toEqual([]);
    const withDeleted = await list(hugo, 'q=fibre&language=fr&includeDeleted=true');
    expect(withDeleted).toHaveLength(1);
    expect(withDeleted[0]?.deletedAt).not.toBeNull();
    expect((await hugo.request('PATCH', `/api/canned-answers/${answer.id}`, { title: 'x' })).status).toBe(
      409,
    );
    expect((await hugo.request('DELETE', `/api/canned-answers/${answer.id}`)).status).toBe(204);

    // Its title is free while it is deleted; restoring it then clashes.
    const replacement = await hugo.request('POST', '/api/canned-answers', {
      brandId,
      language: 'fr',
      title: 'Coupure fibre',
      body: 'Nouveau texte',
    });
    expect(replacement.status).toBe(201);
    const clash = await hugo.request('POST', `/api/canned-answers/${answer.id}/restore`);
    expect(clash.status).toBe(409);
    expect(
      (await hugo.request('DELETE', `/api/canned-answers/${(replacement.body as CannedAnswerView).id}`))
        .status,
    ).toBe(204);
    const restored = await hugo.request('POST', `/api/canned-answers/${answer.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: answer.id, deletedAt: null });
    expect(
      (await hugo.request('GET', '/api/canned-answers/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await hugo.request('GET', '/api/canned-answers/not-an-id')).status).toBe(400);
  });

  it('fills the answers in for a conversation: customer, agent, brand and the next opening in the answer’s language', async () => {
    // Wednesday 10:00 in Paris, open: the next opening is after tonight's closing, tomorrow at 09:00.
    await setTime('2026-11-18T10:00:00+01:00');
    const conversationId = await conversationOf({
      author: 'canned_chloe',
      name: 'Chloé Martin',
      text: '@VigieTelecom plus de réseau depuis ce matin',
      lang: 'fr',
    });
    const answer = await lea.request('GET', `/api/conversations/${conversationId}/canned-answers?locale=fr`);
    expect(answer.status).toBe(200);
    const filled = answer.body as ConversationCannedAnswers;
    expect(filled).toMatchObject({ conversationId, language: 'fr' });
    // The customer's language first.
    const languages = filled.items.map((item) => item.language);
    expect(languages.slice(0, languages.lastIndexOf('fr') + 1).every((language) => language === 'fr')).toBe(
      true,
    );
    const byShortcut = (shortcut: string, language: string) =>
      filled.items.find((item) => item.shortcut === shortcut && item.language === language);
    expect(byShortcut('panne', 'fr')).toMatchObject({
      text: 'Bonjour Chloé Martin, nous sommes désolés pour cette coupure. Nos équipes techniques sont mobilisées et nous revenons vers vous dès que le réseau est rétabli. Léa Bernard, Vigie Telecom',
      missingVariables: [],
    });
    expect(byShortcut('dm', 'fr')?.text).toContain('Bonjour @canned_chloe,');
    expect(byShortcut('horaires', 'fr')?.text).toBe(
      'Bonjour Chloé Martin, merci pour votre message. Notre équipe vous répondra demain à 9h. Vigie Telecom',
    );
    expect(byShortcut('hours', 'en')?.text).toBe(
      'Hi Chloé Martin, thanks for your message. Our team will answer tomorrow at 9:00. Vigie Telecom',
    );

    // Friday 19:30, closed: Monday 09:00. Hugo fills them in with his own name; `q` narrows the list.
    await setTime('2026-11-20T19:30:00+01:00');
    const friday = (
      await hugo.request('GET', `/api/conversations/${conversationId}/canned-answers?q=horaires`)
    ).body as ConversationCannedAnswers;
    expect(friday.items.map((item) => item.text)).toEqual([
      'Bonjour Chloé Martin, merci pour votre message. Notre équipe vous répondra lundi à 9h. Vigie Telecom',
    ]);
    const panne = (await hugo.request('GET', `/api/conversations/${conversationId}/canned-answers?q=panne`))
      .body as ConversationCannedAnswers;
    expect(panne.items[0]?.text).toContain('Hugo Petit, Vigie Telecom');

    expect((await ines.request('GET', `/api/conversations/${conversationId}/canned-answers`)).status).toBe(
      403,
    );
    expect(
      (await lea.request('GET', '/api/conversations/00000000-0000-4000-8000-000000000000/canned-answers'))
        .status,
    ).toBe(404);
    expect(
      (await lea.request('GET', `/api/conversations/${conversationId}/canned-answers?locale=de`)).status,
    ).toBe(400);
  });

  it('inserts a hostile customer name as it is: never read as a template, never as markup', async () => {
    const hostile = '{{agent.name}} <img src=x onerror=alert(1)>';
    const conversationId = await conversationOf({
      author: 'canned_hostile',
      name: hostile,
      text: '@VigieTelecom bonjour, ma box ne marche plus',
      lang: 'fr',
    });
    const filled = (
      await lea.request('GET', `/api/conversations/${conversationId}/canned-answers?q=remerciement`)
    ).body as ConversationCannedAnswers;
    expect(filled.items.map((item) => item.text)).toEqual([
      `Merci ${hostile} pour votre retour ! Belle journée de la part de toute l’équipe Vigie Telecom.`,
    ]);
  });
});
