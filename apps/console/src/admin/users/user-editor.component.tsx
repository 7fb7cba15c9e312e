import { roles, type TeamSummary, type UserSummary } from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  SubmitRow,
  TextField,
} from '../shared/form-fields.component';
import { fieldDetails } from '../shared/request-failure';
import { useSubmission } from '../shared/use-submission.hook';
import { createUser, updateUser } from './users.api';
import {
  minPasswordLength,
  parseNewUser,
  parseUserChanges,
  type UserDraft,
  type UserField,
  type UserProblems,
} from './user-form';

/** Creates a user (`user` absent) or edits one: name, role, teams, languages, skills, activity, password. */
export function UserEditor({
  user,
  initial,
  teams,
  onSaved,
  onCancel,
}: {
  user?: UserSummary;
  initial: UserDraft;
  teams: TeamSummary[];
  onSaved: (user: UserSummary) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<UserProblems>({});
  const { isSending, failure, submit } = useSubmission();
  const idPrefix = user ? `user-${user.id}` : 'new-user';
  const change = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const errorOf = (field: UserField): string | null => {
    const problem = problems[field];
    if (problem) return t(`admin.validation.${problem}`, { min: minPasswordLength });
    const details = fieldDetails(failure, field);
    return details.length ? details.join('; ') : null;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (user) {
      const parsed = parseUserChanges(draft);
      setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
      if (parsed.kind === 'ok') void submit(() => updateUser(user.id, parsed.request), onSaved);
      return;
    }
    const parsed = parseNewUser(draft);
    setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
    if (parsed.kind === 'ok') void submit(() => createUser(parsed.request), onSaved);
  };

  return (
    <form
      className="admin-card admin-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={
        user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.createTitle')
      }
      data-testid={user ? 'user-editor' : 'user-create-form'}
    >
      <h3 className="admin-card__title">
        {user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.createTitle')}
      </h3>
      <div className="admin-form__grid">
        {user ? null : (
          <TextField
            id={`${idPrefix}-email`}
            label={t('admin.users.email')}
            type="email"
            value={draft.email}
            onChange={(value) => change('email', value)}
            error={errorOf('email')}
            testId="user-email"
            isRequired
          />
        )}
        <TextField
          id={`${idPrefix}-name`}
          label={t('admin.users.displayName')}
          value={draft.displayName}
          onChange={(value) => change('displayName', value)}
          error={errorOf('displayName')}
          testId="user-display-name"
          isRequired
        />
        <TextField
          id={`${idPrefix}-password`}
          label={user ? t('admin.users.newPassword') : t('admin.users.password')}
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(value) => change('password', value)}
          error={errorOf('password')}
          hint={t(user ? 'admin.users.newPasswordHint' : 'admin.users.passwordHint', {
            min: minPasswordLength,
          })}
          testId="user-password"
          isRequired={!user}
        />
        <SelectField
          id={`${idPrefix}-role`}
          label={t('admin.users.role')}
          value={draft.role}
          onChange={(value) => change('role', roles.find((role) => role === value) ?? 'agent')}
          options={roles.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
          hint={t(`admin.roleHints.${draft.role}`)}
          testId="user-role"
        />
        <TextField
          id={`${idPrefix}-languages`}
          label={t('admin.users.languages')}
          value={draft.languages}
          onChange={(value) => change('languages', value)}
          error={errorOf('languages')}
          hint={t('admin.users.languagesHint')}
          testId="user-languages"
        />
        <TextField
          id={`${idPrefix}-skills`}
          label={t('admin.users.skills')}
          value={draft.skills}
          onChange={(value) => change('skills', value)}
          error={errorOf('skills')}
          hint={t('admin.users.skillsHint')}
          testId="user-skills"
        />
      </div>
      {teams.length > 0 ? (
        <CheckboxGroup
          idPrefix={`${idPrefix}-team`}
          legend={t('admin.users.teams')}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
          selected={draft.teamIds}
          onChange={(teamIds) => change('teamIds', teamIds)}
        />
      ) : (
        <p className="admin-muted">{t('admin.users.noTeams')}</p>
      )}
      {user ? (
        <CheckboxField
          id={`${idPrefix}-active`}
          label={t('admin.users.isActive')}
          hint={t('admin.users.isActiveHint')}
          checked={draft.isActive}
          onChange={(checked) => change('isActive', checked)}
          testId="user-active"
        />
      ) : null}
      <SubmitRow
        label={user ? t('admin.actions.save') : t('admin.users.create')}
        isSending={isSending}
        failure={failure}
        testId="user-save"
        onCancel={onCancel}
      />
    </form>
  );
}
