import { en } from './en';
import { fr } from './fr';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a resource tree as a dotted key with its value. */
function leaves(tree: Tree, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null ? leaves(value, path) : [[path, value]];
  });
}

const resources = { fr, en };

describe('translation resources', () => {
  it('have exactly the same keys in French and English', () => {
    const frenchKeys = leaves(fr)
      .map(([key]) => key)
      .sort();
    const englishKeys = leaves(en)
      .map(([key]) => key)
      .sort();
    expect(englishKeys).toEqual(frenchKeys);
  });

  it.each(Object.entries(resources))('has only non-empty strings in %s', (_language, resource) => {
    const invalid = leaves(resource).filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(invalid).toEqual([]);
  });

  it.each(Object.entries(resources))(
    'uses the same interpolation variables in %s as in French',
    (_language, resource) => {
      const variables = (value: unknown) =>
        String(value)
          .match(/{{\s*\w+\s*}}/g)
          ?.sort() ?? [];
      const french = new Map(leaves(fr));
      const mismatches = leaves(resource).filter(
        ([key, value]) => JSON.stringify(variables(value)) !== JSON.stringify(variables(french.get(key))),
      );
      expect(mismatches).toEqual([]);
    },
  );
});
