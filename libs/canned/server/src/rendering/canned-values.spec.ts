import type { ConversationDetail, MessageView, RenderedCannedAnswer } from '@vigie/contracts';
import { uniqueClashOf } from '../answers/canned-answer.repository';
import { byLanguage, cannedValues, conversationLanguage, formattingLanguage } from './canned-values';

describe('cannedValues', () => {
  it('names the customer by display name, with the @handle apart', () => {
    expect(
      cannedValues({
        contact: { displayName: ' Chloé Martin ', handle: 'chloe_m' },
        agentName: 'Léa Bernard',
        brandName: 'Vigie Telecom',
        nextOpening: 'demain à 9h',
      }),
    ).toEqual({
      'customer.name': 'Chloé Martin',
      'customer.handle': '@chloe_m',
      'agent.name': 'Léa Bernard',
      'brand.name': 'Vigie Telecom',
      next_opening: 'demain à 9h',
    });
  });

  it.each([
    [{ displayName: null, handle: 'chloe_m' }, '@chloe_m', '@chloe_m'],
    [{ displayName: '  ', handle: 'chloe_m' }, '@chloe_m', '@chloe_m'],
    [{ displayName: null, handle: null }, null, null],
  ])('falls back to the handle, or to nothing, for %p', (contact, name, handle) => {
    const values = cannedValues({ contact, agentName: '', brandName: null, nextOpening: null });
    expect(values).toMatchObject({ 'customer.name': name, 'customer.handle': handle, 'agent.name': null });
  });
});

describe('formattingLanguage', () => {
  it.each([
    ['fr', 'en', 'fr'],
    ['en', 'fr', 'en'],
    ['de', 'fr', 'fr'],
    ['de', undefined, 'en'],
  ] as const)('formats an answer in %p for a console in %p in %p', (answer, locale, expected) => {
    expect(formattingLanguage(answer, locale)).toBe(expected);
  });
});

describe('conversationLanguage and byLanguage', () => {
  const message = (direction: MessageView['direction'], language: string | null) =>
    ({ direction, language }) as MessageView;
  const conversation = (messages: MessageView[], contactLanguage: string | null) =>
    ({ messages, contact: { language: contactLanguage } }) as ConversationDetail;

  it('reads the customer’s latest message’s language, else their profile’s', () => {
    expect(
      conversationLanguage(conversation([message('inbound', 'fr'), message('inbound', 'EN-gb')], 'de')),
    ).toBe('en');
    expect(
      conversationLanguage(conversation([message('outbound', 'fr'), message('inbound', null)], 'de')),
    ).toBe('de');
    expect(conversationLanguage(conversation([], null))).toBeNull();
  });

  it('puts the answers in the customer’s language first, keeping each group’s order', () => {
    const answer = (id: string, language: string) => ({ id, language }) as RenderedCannedAnswer;
    const ordered = byLanguage(
      [answer('a', 'en'), answer('b', 'fr'), answer('c', 'en'), answer('d', 'fr')],
      'fr',
    );
    expect(ordered.map((item) => item.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(byLanguage([answer('a', 'en')], null).map((item) => item.id)).toEqual(['a']);
  });
});

describe('uniqueClashOf', () => {
  it.each([
    [{ code: '23505', constraint: 'canned_answer_title_key' }, 'title'],
    [{ code: '23505', driverError: { constraint: 'canned_answer_shortcut_key' } }, 'shortcut'],
    [{ code: '23505', constraint: 'another_key' }, null],
    [{ code: '23503', constraint: 'canned_answer_title_key' }, null],
    [new Error('boom'), null],
  ])('reads %p as %p', (error, expected) => {
    expect(uniqueClashOf(error)).toBe(expected);
  });
});
