import { type Role } from '@vigie/contracts';
import {
  canChangeLinks,
  linkDraftProblem,
  maxLinkValueLength,
  unlinkOutcome,
  type LinkableChannel,
  type LinkDraftProblem,
} from './customer-links';
import { contactIdentityFixture } from './customer.fixture';

describe('linkDraftProblem', () => {
  it.each<[LinkableChannel, string, LinkDraftProblem | null]>([
    ['email', '', 'empty'],
    ['email', '   ', 'empty'],
    ['crm', 'ab', 'tooShort'],
    ['crm', 'x'.repeat(maxLinkValueLength + 1), 'tooLong'],
    ['email', 'martine.bernard', 'notEmail'],
    ['email', 'martine@acme', 'notEmail'],
    ['email', 'martine bernard@acme.fr', 'notEmail'],
    ['email', '  martine@acme.fr  ', null],
    ['phone', '06 12', 'notPhone'],
    ['phone', 'call me at 0612345678', 'notPhone'],
    ['phone', '+33 (6) 12.34.56-78', null],
    ['crm', 'HS-42', null],
    ['crm', 'not an e-mail at all', null],
  ])('on %s, "%s" is %s', (channel, value, expected) => {
    expect(linkDraftProblem(channel, value)).toBe(expected);
  });

  it('refuses a too long address as too long before checking its shape', () => {
    expect(linkDraftProblem('email', `${'a'.repeat(250)}@acme.fr`)).toBe('tooLong');
  });
});

describe('canChangeLinks', () => {
  it.each<[Role, boolean]>([
    ['agent', true],
    ['supervisor', true],
    ['admin', true],
    ['ops', false],
  ])('lets %s link and unlink: %s', (role, expected) => {
    expect(canChangeLinks(role)).toBe(expected);
  });
});

describe('unlinkOutcome', () => {
  it('splits an X account off into a customer of its own', () => {
    expect(unlinkOutcome(contactIdentityFixture({ channel: 'x' }))).toBe('splitOff');
  });

  it.each(['email', 'phone', 'crm'] as const)('deletes a hand-linked %s', (channel) => {
    expect(unlinkOutcome(contactIdentityFixture({ channel }))).toBe('deleted');
  });
});
