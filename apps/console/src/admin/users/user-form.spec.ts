import { type UserSummary } from '@vigie/contracts';
import { emptyUserDraft, parseNewUser, parseUserChanges, teamNameProblem, userDraftOf } from './user-form';

const typed = {
  ...emptyUserDraft,
  email: ' Nadia@Vigie.Demo ',
  displayName: ' Nadia Haddad ',
  password: 'a-long-password',
};

describe('the user form', () => {
  it('builds a new user’s request: e-mail lower-cased, lists split, teams kept', () => {
    const parsed = parseNewUser({
      ...typed,
      languages: 'FR, en, fr',
      skills: 'billing, , network',
      teamIds: ['t1'],
    });
    expect(parsed).toEqual({
      kind: 'ok',
      request: {
        email: 'nadia@vigie.demo',
        displayName: 'Nadia Haddad',
        password: 'a-long-password',
        role: 'agent',
        languages: ['fr', 'en'],
        skills: ['billing', 'network'],
        teamIds: ['t1'],
      },
    });
  });

  it.each([
    ['no e-mail', { email: ' ' }, { email: 'required' }],
    ['a malformed e-mail', { email: 'nadia@' }, { email: 'email' }],
    ['no name', { displayName: '  ' }, { displayName: 'required' }],
    ['no password', { password: '' }, { password: 'required' }],
    ['a short password', { password: 'short' }, { password: 'passwordTooShort' }],
    ['a language that is not a code', { languages: 'français' }, { languages: 'languages' }],
    ['a very long skill', { skills: 'x'.repeat(41) }, { skills: 'skillTooLong' }],
  ])('refuses a new user with %s', (_what, changes, problems) => {
    expect(parseNewUser({ ...typed, ...changes })).toEqual({ kind: 'invalid', problems });
  });

  it('sends a password change only when a new one is typed, and the activity', () => {
    const user: UserSummary = {
      id: 'u1',
      email: 'camille@vigie.demo',
      displayName: 'Camille Martin',
      role: 'agent',
      languages: ['fr'],
      skills: ['billing'],
      teams: [{ id: 't1', name: 'Care FR' }],
      isActive: true,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const draft = userDraftOf(user);
    expect(draft).toMatchObject({ languages: 'fr', skills: 'billing', teamIds: ['t1'], password: '' });
    expect(parseUserChanges({ ...draft, isActive: false })).toEqual({
      kind: 'ok',
      request: {
        displayName: 'Camille Martin',
        role: 'agent',
        languages: ['fr'],
        skills: ['billing'],
        teamIds: ['t1'],
        isActive: false,
      },
    });
    expect(parseUserChanges({ ...draft, password: 'a-new-long-password' })).toMatchObject({
      request: { password: 'a-new-long-password' },
    });
    expect(parseUserChanges({ ...draft, password: 'short' })).toEqual({
      kind: 'invalid',
      problems: { password: 'passwordTooShort' },
    });
  });

  it.each([
    ['', 'required'],
    ['x'.repeat(81), 'tooLong'],
    [' care fr ', 'duplicate'],
    ['Care Pro', null],
  ])('checks the team name %j', (name, problem) => {
    expect(teamNameProblem(name, ['Care FR', 'Care EN'])).toBe(problem);
  });
});
