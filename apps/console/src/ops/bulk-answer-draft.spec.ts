import { answerTexts, checkVariant, newRequestKey } from './bulk-answer-draft';

describe('bulk answer draft', () => {
  it('counts a variant as X does, keeping 17 characters for the customer’s “@handle ”', () => {
    expect(checkVariant('Panne en cours, nos équipes sont dessus.')).toEqual({
      used: 40,
      max: 263,
      isEmpty: false,
      isTooLong: false,
    });
    expect(checkVariant('x'.repeat(263)).isTooLong).toBe(false);
    expect(checkVariant('x'.repeat(264)).isTooLong).toBe(true);
    // A link counts 23 whatever its length.
    expect(checkVariant(`Suivez l’état : https://status.example.com/${'a'.repeat(100)}`).used).toBe(16 + 23);
  });

  it('treats a blank variant as not written', () => {
    expect(checkVariant('   ')).toEqual({ used: 0, max: 263, isEmpty: true, isTooLong: false });
  });

  it('sends the written variants only, and nothing when one is too long or none is written', () => {
    expect(answerTexts({ fr: 'Panne en cours', en: ' ' })).toEqual({ fr: 'Panne en cours' });
    expect(answerTexts({ fr: 'Panne en cours', en: 'Outage in progress' })).toEqual({
      fr: 'Panne en cours',
      en: 'Outage in progress',
    });
    expect(answerTexts({ fr: '', en: '' })).toBeNull();
    expect(answerTexts({ fr: 'Panne', en: 'x'.repeat(300) })).toBeNull();
  });

  it('makes request keys the API accepts, different each time', () => {
    const key = newRequestKey();
    expect(key).toMatch(/^[A-Za-z0-9_:.-]{8,100}$/);
    expect(newRequestKey()).not.toBe(key);
    expect(newRequestKey(() => new Uint8Array(16).fill(171))).toBe(`ops-${'ab'.repeat(16)}`);
  });
});
