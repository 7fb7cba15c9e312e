import { type CannedAnswerView } from '@vigie/contracts';
import { cannedDraftOf, exampleRendering, parseCannedDraft } from './canned-answer-form';

const existing: CannedAnswerView = {
  id: 'a1',
  brandId: 'b1',
  language: 'fr',
  title: 'Panne réseau',
  body: 'Bonjour {{customer.name}}, nos équipes sont sur la panne.',
  shortcut: 'panne',
  variables: ['customer.name'],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  deletedAt: null,
};
const typed = {
  language: 'fr',
  title: ' Horaires ',
  shortcut: ' /Horaires ',
  body: ' Nous ouvrons {{next_opening}}. ',
};

describe('the canned answer form', () => {
  it('builds the request as the API stores it: trimmed, shortcut without its slash', () => {
    expect(parseCannedDraft({ draft: typed, brandId: 'b1', others: [existing] })).toEqual({
      kind: 'ok',
      request: {
        brandId: 'b1',
        language: 'fr',
        title: 'Horaires',
        body: 'Nous ouvrons {{next_opening}}.',
        shortcut: 'horaires',
      },
    });
  });

  it('sends no shortcut when the field is empty', () => {
    const parsed = parseCannedDraft({ draft: { ...typed, shortcut: '  ' }, brandId: 'b1', others: [] });
    expect(parsed.kind === 'ok' && parsed.request.shortcut).toBeNull();
  });

  it.each([
    ['no title', { title: ' ' }, { title: { code: 'required' } }],
    ['a title taken in that language', { title: 'PANNE RÉSEAU' }, { title: { code: 'duplicate' } }],
    ['a shortcut taken in that language', { shortcut: '/panne' }, { shortcut: { code: 'duplicate' } }],
    ['a shortcut with a space', { shortcut: 'pan ne' }, { shortcut: { code: 'shortcut' } }],
    ['no text', { body: '' }, { body: { code: 'required' } }],
    [
      'unknown variables',
      { body: 'Bonjour {{client.nom}} {{ agent }}' },
      { body: { code: 'unknownVariables', names: ['{{client.nom}}', '{{agent}}'] } },
    ],
    ['a variable left open', { body: 'Bonjour {{customer.name}' }, { body: { code: 'malformedVariable' } }],
    ['a language that is not a code', { language: 'français' }, { language: { code: 'language' } }],
  ])('refuses %s', (_what, changes, problems) => {
    expect(parseCannedDraft({ draft: { ...typed, ...changes }, brandId: 'b1', others: [existing] })).toEqual({
      kind: 'invalid',
      problems,
    });
  });

  it('lets another language, or a deleted answer, keep the same title', () => {
    const deleted = { ...existing, deletedAt: '2026-11-02T00:00:00.000Z' };
    expect(
      parseCannedDraft({ draft: { ...typed, title: 'Panne réseau' }, brandId: 'b1', others: [deleted] }).kind,
    ).toBe('ok');
    expect(
      parseCannedDraft({
        draft: { ...typed, language: 'en', title: 'Panne réseau' },
        brandId: 'b1',
        others: [existing],
      }).kind,
    ).toBe('ok');
  });

  it('reads a stored answer for editing', () => {
    expect(cannedDraftOf({ ...existing, shortcut: null })).toEqual({
      language: 'fr',
      title: 'Panne réseau',
      shortcut: '',
      body: existing.body,
    });
  });

  it('fills the example with the values given, as text', () => {
    expect(
      exampleRendering(
        'Bonjour {{customer.name}}, {{agent.name}} de {{brand.name}} ({{customer.handle}}) {{next_opening}}',
        {
          'customer.name': '<b>Camille</b>',
          'customer.handle': '@camille',
          'agent.name': 'Léa',
          'brand.name': 'Vigie',
          next_opening: 'lundi à 9h',
        },
      ),
    ).toBe('Bonjour <b>Camille</b>, Léa de Vigie (@camille) lundi à 9h');
  });
});
