import { type TeamSummary, type UserSummary } from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceView, SavedNotice, SubmitRow, TextField } from '../shared/form-fields.component';
import { useApiResource } from '../shared/use-api-resource.hook';
import { useEditing } from '../shared/use-editing.hook';
import { useSubmission } from '../shared/use-submission.hook';
import { AdminPageHeader } from '../admin-page-header.component';
import { UserEditor } from './user-editor.component';
import { emptyUserDraft, teamNameProblem, userDraftOf } from './user-form';
import { createTeam, fetchTeams, fetchUsers, renameTeam } from './users.api';

/** Users (create, role, teams, languages, skills, deactivate) and teams (create, rename, who is in them). */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useApiResource('users', fetchUsers);
  const teams = useApiResource('teams', fetchTeams);
  const { editing, savedMessage, open, finish, cancel } = useEditing<string>();
  const teamList = teams.state.status === 'ready' ? teams.state.data : [];

  const onUserSaved = (user: UserSummary, isNew: boolean) => {
    finish(t(isNew ? 'admin.users.created' : 'admin.users.saved', { name: user.displayName }));
    users.reload();
    teams.reload();
  };

  return (
    <>
      <AdminPageHeader title={t('admin.users.title')} intro={t('admin.users.intro')} />
      <SavedNotice message={savedMessage} />
      <div className="admin-columns">
        <section className="admin-section" aria-labelledby="users-heading">
          <div className="admin-section__header">
            <h2 id="users-heading">{t('admin.users.listTitle')}</h2>
            <button
              type="button"
              className="button button--primary"
              onClick={() => open('new')}
              disabled={editing === 'new'}
              data-testid="user-new"
            >
              {t('admin.users.new')}
            </button>
          </div>
          {editing === 'new' ? (
            <UserEditor
              initial={emptyUserDraft}
              teams={teamList}
              onSaved={(user) => onUserSaved(user, true)}
              onCancel={cancel}
            />
          ) : null}
          <ResourceView state={users.state}>
            {(list) => (
              <UsersTable
                users={list}
                teams={teamList}
                editingId={editing}
                onEdit={open}
                onSaved={(user) => onUserSaved(user, false)}
                onCancel={cancel}
              />
            )}
          </ResourceView>
        </section>
        <section className="admin-section admin-section--aside" aria-labelledby="teams-heading">
          <h2 id="teams-heading">{t('admin.teams.title')}</h2>
          <ResourceView state={teams.state}>
            {(list) => (
              <TeamsPanel
                teams={list}
                users={users.state.status === 'ready' ? users.state.data : []}
                onChanged={() => {
                  teams.reload();
                  users.reload();
                }}
              />
            )}
          </ResourceView>
        </section>
      </div>
    </>
  );
}

function UsersTable({
  users,
  teams,
  editingId,
  onEdit,
  onSaved,
  onCancel,
}: {
  users: UserSummary[];
  teams: TeamSummary[];
  editingId: string | null;
  onEdit: (userId: string) => void;
  onSaved: (user: UserSummary) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid="users-table">
        <caption className="visually-hidden">{t('admin.users.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.teams')}</th>
            <th scope="col">{t('admin.users.languages')}</th>
            <th scope="col">{t('admin.users.skills')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions.label')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) =>
            editingId === user.id ? (
              <tr key={user.id} className="admin-table__editing">
                <td colSpan={7}>
                  <UserEditor
                    user={user}
                    initial={userDraftOf(user)}
                    teams={teams}
                    onSaved={onSaved}
                    onCancel={onCancel}
                  />
                </td>
              </tr>
            ) : (
              <tr key={user.id} data-testid="user-row" data-email={user.email}>
                <th scope="row">
                  <span className="admin-table__primary">{user.displayName}</span>
                  <span className="admin-table__secondary">{user.email}</span>
                </th>
                <td>{t(`admin.roles.${user.role}`)}</td>
                <td>{user.teams.map((team) => team.name).join(', ') || '—'}</td>
                <td>{user.languages.join(', ') || '—'}</td>
                <td>{user.skills.join(', ') || '—'}</td>
                <td>
                  <span className={`badge ${user.isActive ? 'badge--ok' : 'badge--off'}`}>
                    {user.isActive ? t('admin.users.active') : t('admin.users.inactive')}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onEdit(user.id)}
                    aria-label={t('admin.users.editTitle', { name: user.displayName })}
                    data-testid="user-edit"
                  >
                    {t('admin.actions.edit')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function TeamsPanel({
  teams,
  users,
  onChanged,
}: {
  teams: TeamSummary[];
  users: UserSummary[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const creation = useSubmission();

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    const found = teamNameProblem(
      name,
      teams.map((team) => team.name),
    );
    setProblem(found ? t(`admin.validation.${found}`) : null);
    if (found) return;
    void creation.submit(
      () => createTeam(name.trim()),
      () => {
        setName('');
        onChanged();
      },
    );
  };

  return (
    <>
      <ul className="admin-team-list" data-testid="teams-list">
        {teams.map((team) => (
          <TeamItem
            key={team.id}
            team={team}
            teams={teams}
            members={users.filter((user) => user.teams.some((membership) => membership.id === team.id))}
            onChanged={onChanged}
          />
        ))}
      </ul>
      <form className="admin-card admin-form" noValidate onSubmit={onCreate} data-testid="team-create-form">
        <h3 className="admin-card__title">{t('admin.teams.createTitle')}</h3>
        <TextField
          id="new-team-name"
          label={t('admin.teams.name')}
          value={name}
          onChange={setName}
          error={problem}
          testId="team-name"
          isRequired
        />
        <SubmitRow
          label={t('admin.teams.create')}
          isSending={creation.isSending}
          failure={creation.failure}
          testId="team-create"
        />
      </form>
    </>
  );
}

function TeamItem({
  team,
  teams,
  members,
  onChanged,
}: {
  team: TeamSummary;
  teams: TeamSummary[];
  members: UserSummary[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [isRenaming, setIsRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useSubmission();

  const onRename = (event: FormEvent) => {
    event.preventDefault();
    const found = teamNameProblem(
      name,
      teams.filter((other) => other.id !== team.id).map((other) => other.name),
    );
    setProblem(found ? t(`admin.validation.${found}`) : null);
    if (found) return;
    void rename.submit(
      () => renameTeam(team.id, name.trim()),
      () => {
        setIsRenaming(false);
        onChanged();
      },
    );
  };

  return (
    <li className="admin-team" data-testid="team-item" data-team={team.name}>
      {isRenaming ? (
        <form className="admin-form" noValidate onSubmit={onRename}>
          <TextField
            id={`team-${team.id}-name`}
            label={t('admin.teams.newName', { name: team.name })}
            value={name}
            onChange={setName}
            error={problem}
            isRequired
          />
          <SubmitRow
            label={t('admin.actions.save')}
            isSending={rename.isSending}
            failure={rename.failure}
            isSmall
            onCancel={() => {
              setIsRenaming(false);
              setName(team.name);
              setProblem(null);
            }}
          />
        </form>
      ) : (
        <div className="admin-team__header">
          <span className="admin-team__name">{team.name}</span>
          <span className="badge">{t('admin.teams.memberCount', { total: team.memberCount })}</span>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setIsRenaming(true)}
            aria-label={t('admin.teams.rename', { name: team.name })}
          >
            {t('admin.actions.rename')}
          </button>
        </div>
      )}
      <p className="admin-team__members">
        {members.length ? members.map((member) => member.displayName).join(', ') : t('admin.teams.noMembers')}
      </p>
    </li>
  );
}
