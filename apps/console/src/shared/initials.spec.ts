import { initials } from './initials';

describe('initials', () => {
  it.each([
    { displayName: 'Camille Martin', expected: 'CM' },
    { displayName: 'Jean-Pierre de la Fontaine', expected: 'JF' },
    { displayName: 'élodie', expected: 'É' },
    { displayName: '  Zoé   Petit  ', expected: 'ZP' },
    { displayName: '', expected: '' },
  ])('gives $expected for $displayName', ({ displayName, expected }) => {
    expect(initials(displayName)).toBe(expected);
  });
});
