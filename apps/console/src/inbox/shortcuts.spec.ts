import { shortcutFor } from './shortcuts';

const key = (value: string, overrides: Partial<Parameters<typeof shortcutFor>[0]> = {}) => ({
  key: value,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...overrides,
});

describe('keyboard shortcuts', () => {
  it.each([
    ['j', 'next'],
    ['k', 'previous'],
    ['r', 'reply'],
    ['e', 'resolve'],
    ['s', 'snooze'],
    ['a', 'assign'],
    ['?', 'help'],
    ['x', null],
    ['Enter', null],
  ])('reads %p as %p', (value, expected) => {
    expect(shortcutFor(key(value))).toBe(expected);
  });

  it.each([{ ctrlKey: true }, { metaKey: true }, { altKey: true }])(
    'leaves the browser its shortcuts when a modifier is held (%p)',
    (modifier) => {
      expect(shortcutFor(key('r', modifier))).toBeNull();
    },
  );
});
