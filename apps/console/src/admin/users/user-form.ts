import {
  type CreateUserRequest,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '@vigie/contracts';
import { formatListInput, invalidLanguages, parseListInput } from '../shared/list-input';

/** The API's rules (`CreateUserDto`), checked here first so the admin is told before sending. */
export const minPasswordLength = 12;
const maxDisplayNameLength = 120;
const maxSkillLength = 40;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The user form as typed: lists as comma-separated text. */
export type UserDraft = {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  languages: string;
  skills: string;
  teamIds: string[];
  isActive: boolean;
};

export type UserField = 'email' | 'displayName' | 'password' | 'languages' | 'skills';
export type UserProblem =
  'required' | 'email' | 'passwordTooShort' | 'tooLong' | 'languages' | 'skillTooLong';
export type UserProblems = Partial<Record<UserField, UserProblem>>;

export const emptyUserDraft: UserDraft = {
  email: '',
  displayName: '',
  password: '',
  role: 'agent',
  languages: 'fr',
  skills: '',
  teamIds: [],
  isActive: true,
};

export function userDraftOf(user: UserSummary): UserDraft {
  return {
    email: user.email,
    displayName: user.displayName,
    password: '',
    role: user.role,
    languages: formatListInput(user.languages),
    skills: formatListInput(user.skills),
    teamIds: user.teams.map((team) => team.id),
    isActive: user.isActive,
  };
}

function commonProblems(draft: UserDraft, isPasswordRequired: boolean): UserProblems {
  const problems: UserProblems = {};
  const displayName = draft.displayName.trim();
  if (displayName === '') problems.displayName = 'required';
  else if (displayName.length > maxDisplayNameLength) problems.displayName = 'tooLong';
  if (draft.password === '') {
    if (isPasswordRequired) problems.password = 'required';
  } else if (draft.password.length < minPasswordLength) problems.password = 'passwordTooShort';
  if (invalidLanguages(parseListInput(draft.languages)).length > 0) problems.languages = 'languages';
  if (parseListInput(draft.skills).some((skill) => skill.length > maxSkillLength))
    problems.skills = 'skillTooLong';
  return problems;
}

/** A new user's request, or what to fix. */
export function parseNewUser(
  draft: UserDraft,
): { kind: 'ok'; request: CreateUserRequest } | { kind: 'invalid'; problems: UserProblems } {
  const problems = commonProblems(draft, true);
  const email = draft.email.trim().toLowerCase();
  if (email === '') problems.email = 'required';
  else if (!emailPattern.test(email)) problems.email = 'email';
  if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    request: {
      email,
      displayName: draft.displayName.trim(),
      password: draft.password,
      role: draft.role,
      languages: parseListInput(draft.languages),
      skills: parseListInput(draft.skills),
      teamIds: draft.teamIds,
    },
  };
}

/** The changes to an existing user (the password only when a new one is typed), or what to fix. */
export function parseUserChanges(
  draft: UserDraft,
): { kind: 'ok'; request: UpdateUserRequest } | { kind: 'invalid'; problems: UserProblems } {
  const problems = commonProblems(draft, false);
  if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    request: {
      displayName: draft.displayName.trim(),
      role: draft.role,
      languages: parseListInput(draft.languages),
      skills: parseListInput(draft.skills),
      teamIds: draft.teamIds,
      isActive: draft.isActive,
      ...(draft.password !== '' ? { password: draft.password } : {}),
    },
  };
}

const maxTeamNameLength = 80;

export type TeamNameProblem = 'required' | 'tooLong' | 'duplicate';

/** Why a team name cannot be used (the API also refuses a name already taken, ignoring case), or null. */
export function teamNameProblem(name: string, existingNames: readonly string[]): TeamNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > maxTeamNameLength) return 'tooLong';
  if (existingNames.some((existing) => existing.toLowerCase() === trimmed.toLowerCase())) return 'duplicate';
  return null;
}
