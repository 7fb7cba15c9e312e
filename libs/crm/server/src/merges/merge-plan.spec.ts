import { DomainError } from '@vigie/kernel';
import { type MergeableContact, planMerge, planUndo } from './merge-plan';

const contact = (overrides: Partial<MergeableContact> & { id: string }): MergeableContact => ({
  displayName: null,
  language: null,
  accountId: null,
  attributes: {},
  tags: [],
  mergedIntoId: null,
  erasedAt: null,
  ...overrides,
});

describe('planMerge', () => {
  it('keeps the survivor values and fills only its empty fields from the merged contact', () => {
    const changes = planMerge({
      survivor: contact({ id: 's', displayName: 'Jane', attributes: { plan: 'fibre' }, tags: ['b2c'] }),
      merged: contact({
        id: 'm',
        displayName: 'Jane D.',
        language: 'fr',
        accountId: 'a1',
        attributes: { plan: 'adsl', city: 'Lyon' },
        tags: ['b2c', 'vip'],
      }),
    });
    expect(changes).toEqual({
      before: { language: null, accountId: null, attributes: { plan: 'fibre' }, tags: ['b2c'] },
      after: {
        language: 'fr',
        accountId: 'a1',
        attributes: { plan: 'fibre', city: 'Lyon' },
        tags: ['b2c', 'vip'],
      },
    });
  });

  it('changes nothing when the merged contact brings nothing new', () => {
    expect(
      planMerge({ survivor: contact({ id: 's', displayName: 'A' }), merged: contact({ id: 'm' }) }),
    ).toEqual({
      before: {},
      after: {},
    });
  });

  it.each([
    ['itself', contact({ id: 's' }), contact({ id: 's' }), 'invalid'],
    ['an already merged contact', contact({ id: 's' }), contact({ id: 'm', mergedIntoId: 'x' }), 'conflict'],
    ['into a merged survivor', contact({ id: 's', mergedIntoId: 'x' }), contact({ id: 'm' }), 'conflict'],
    ['an erased contact', contact({ id: 's' }), contact({ id: 'm', erasedAt: new Date(0) }), 'conflict'],
  ])('refuses merging %s', (_label, survivor, merged, code) => {
    expect(() => planMerge({ survivor, merged })).toThrow(DomainError);
    try {
      planMerge({ survivor, merged });
    } catch (error) {
      expect((error as DomainError).code).toBe(code);
    }
  });
});

describe('planUndo', () => {
  const changes = {
    before: { language: null, tags: ['b2c'] },
    after: { language: 'fr', tags: ['b2c', 'vip'] },
  };

  it('reverts every field the merge filled when nobody touched it since', () => {
    const survivorNow = contact({ id: 's', language: 'fr', tags: ['b2c', 'vip'] });
    expect(planUndo({ survivorNow, changes })).toEqual({ language: null, tags: ['b2c'] });
  });

  it('keeps a later edit instead of reverting it', () => {
    const survivorNow = contact({ id: 's', language: 'en', tags: ['b2c', 'vip'] });
    expect(planUndo({ survivorNow, changes })).toEqual({ tags: ['b2c'] });
  });
});
