import {
  type RoutingAgentView,
  type RoutingBrandSettingsView,
  type RoutingTeamSettingsView,
  type SkillFallbackMode,
  type SkillRuleBody,
  type TeamSkillRulesBody,
} from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRoutingAgents } from '../../routing/routing.api';
import { type ApiResult } from '../../shared/http';
import { AdminPageHeader } from '../admin-page-header.component';
import {
  CheckboxField,
  RequestError,
  ResourceView,
  SavedNotice,
  SelectField,
  SubmitRow,
  TextField,
} from '../shared/form-fields.component';
import { useApiResource } from '../shared/use-api-resource.hook';
import { useSubmission } from '../shared/use-submission.hook';
import { HoursEditor } from './hours-editor.component';
import {
  fetchRoutingSettings,
  putAgentCapacity,
  putAgentHours,
  putBrandPolicy,
  putBrandSkillRules,
  putTeamHours,
  putTeamSkillRules,
} from './routing-settings.api';
import { SkillRulesEditor } from './skill-rules-editor.component';
import {
  parseCapacity,
  parseSkillRuleDrafts,
  type SkillRuleDraft,
  type SkillRuleProblem,
  skillRuleDraftOf,
} from './skill-rules-form';

const routingPolicies = ['round_robin', 'least_loaded'] as const;
const fallbacks: readonly SkillFallbackMode[] = ['wait', 'any_agent'];

/** How conversations reach agents: each brand's policy and skill rules, teams' hours and rules, agents' capacity. */
export function RoutingPage() {
  const { t } = useTranslation();
  const settings = useApiResource('routing-settings', fetchRoutingSettings);
  const agents = useApiResource('routing-agents', fetchRoutingAgents);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const saved = (message: string) => {
    setSavedMessage(message);
    settings.reload();
    agents.reload();
  };
  return (
    <>
      <AdminPageHeader title={t('admin.routing.title')} intro={t('admin.routing.intro')} />
      <SavedNotice message={savedMessage} />
      <ResourceView state={settings.state}>
        {({ brands, teams }) => (
          <>
            <section className="admin-section" aria-labelledby="routing-brands-heading">
              <h2 id="routing-brands-heading">{t('admin.routing.brandsTitle')}</h2>
              {brands.map((brand) => (
                <BrandRouting
                  key={`${brand.brandId}:${JSON.stringify(brand)}`}
                  brand={brand}
                  onSaved={saved}
                />
              ))}
            </section>
            <section className="admin-section" aria-labelledby="routing-teams-heading">
              <h2 id="routing-teams-heading">{t('admin.routing.teamsTitle')}</h2>
              {teams.map((team) => (
                <TeamRouting key={`${team.teamId}:${JSON.stringify(team)}`} team={team} onSaved={saved} />
              ))}
            </section>
          </>
        )}
      </ResourceView>
      <section className="admin-section" aria-labelledby="routing-agents-heading">
        <h2 id="routing-agents-heading">{t('admin.routing.agentsTitle')}</h2>
        <p className="admin-muted">{t('admin.routing.agentsHint')}</p>
        <ResourceView state={agents.state}>
          {(list) => (
            <ul className="routing-agents">
              {list.map((agent) => (
                <AgentRouting
                  key={`${agent.userId}:${agent.capacity}:${JSON.stringify(agent.hours ?? null)}`}
                  agent={agent}
                  onSaved={saved}
                />
              ))}
            </ul>
          )}
        </ResourceView>
      </section>
    </>
  );
}

function BrandRouting({
  brand,
  onSaved,
}: {
  brand: RoutingBrandSettingsView;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState(brand.policy);
  const policySubmission = useSubmission();
  const headingId = `routing-brand-${brand.brandId}`;

  const savePolicy = (event: FormEvent) => {
    event.preventDefault();
    void policySubmission.submit(
      () => putBrandPolicy({ brandId: brand.brandId, policy }),
      () => onSaved(t('admin.routing.policySaved', { name: brand.name })),
    );
  };

  return (
    <article className="admin-card" aria-labelledby={headingId} data-testid="routing-brand">
      <h3 id={headingId} className="admin-card__title">
        {brand.name}
      </h3>
      <form className="admin-form" noValidate onSubmit={savePolicy}>
        <fieldset className="admin-fieldset">
          <legend className="field__label">{t('admin.routing.policy')}</legend>
          {routingPolicies.map((value) => (
            <div key={value} className="admin-checkbox">
              <input
                id={`${headingId}-${value}`}
                type="radio"
                name={`${headingId}-policy`}
                value={value}
                checked={policy === value}
                aria-describedby={`${headingId}-${value}-hint`}
                onChange={() => setPolicy(value)}
              />
              <label htmlFor={`${headingId}-${value}`}>{t(`admin.routing.policies.${value}`)}</label>
              <span id={`${headingId}-${value}-hint`} className="admin-field__hint">
                {t(`admin.routing.policyHints.${value}`)}
              </span>
            </div>
          ))}
        </fieldset>
        <SubmitRow
          label={t('admin.routing.savePolicy')}
          isSending={policySubmission.isSending}
          failure={policySubmission.failure}
          isSmall
        />
      </form>
      <SkillRulesForm
        idPrefix={headingId}
        rules={brand.skillRules}
        fallback={brand.skillFallback}
        onSave={(body) =>
          putBrandSkillRules({
            brandId: brand.brandId,
            body: { rules: body.rules ?? [], fallback: body.fallback ?? 'wait' },
          })
        }
        onSaved={() => onSaved(t('admin.routing.rulesSaved', { name: brand.name }))}
      />
    </article>
  );
}

/**
 * A brand's or a team's skill rules and fallback. A team's are optional (`isOptional`): without its own, the
 * brand's apply, and `null` is sent for both.
 */
function SkillRulesForm({
  idPrefix,
  rules,
  fallback,
  isOptional = false,
  onSave,
  onSaved,
}: {
  idPrefix: string;
  rules: SkillRuleBody[] | null;
  fallback: SkillFallbackMode | null;
  isOptional?: boolean;
  onSave: (body: TeamSkillRulesBody) => Promise<ApiResult<unknown>>;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [hasOwnRules, setHasOwnRules] = useState(!isOptional || rules !== null);
  const [drafts, setDrafts] = useState<SkillRuleDraft[]>(() => (rules ?? []).map(skillRuleDraftOf));
  const [fallbackMode, setFallbackMode] = useState<SkillFallbackMode>(fallback ?? 'wait');
  const [problems, setProblems] = useState(new Map<number, SkillRuleProblem>());
  const { isSending, failure, submit } = useSubmission();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!hasOwnRules) {
      setProblems(new Map());
      void submit(() => onSave({ rules: null, fallback: null }), onSaved);
      return;
    }
    const parsed = parseSkillRuleDrafts(drafts);
    setProblems(parsed.kind === 'invalid' ? parsed.problems : new Map());
    if (parsed.kind === 'ok')
      void submit(() => onSave({ rules: parsed.rules, fallback: fallbackMode }), onSaved);
  };

  return (
    <form className="admin-form" noValidate onSubmit={save}>
      <h4 className="admin-subheading">{t('admin.routing.skillRules')}</h4>
      {isOptional ? (
        <CheckboxField
          id={`${idPrefix}-own-rules`}
          label={t('admin.routing.teamOwnRules')}
          hint={hasOwnRules ? undefined : t('admin.routing.teamBrandRules')}
          checked={hasOwnRules}
          onChange={setHasOwnRules}
        />
      ) : (
        <p className="admin-muted">{t('admin.routing.skillRulesHint')}</p>
      )}
      {hasOwnRules ? (
        <>
          <SkillRulesEditor idPrefix={idPrefix} drafts={drafts} onChange={setDrafts} problems={problems} />
          <FallbackSelect id={`${idPrefix}-fallback`} value={fallbackMode} onChange={setFallbackMode} />
        </>
      ) : null}
      <SubmitRow label={t('admin.routing.saveRules')} isSending={isSending} failure={failure} isSmall />
    </form>
  );
}

function FallbackSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: SkillFallbackMode;
  onChange: (value: SkillFallbackMode) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('admin.routing.fallback')}
      value={value}
      onChange={(next) => onChange(fallbacks.find((item) => item === next) ?? 'wait')}
      options={fallbacks.map((item) => ({ value: item, label: t(`admin.routing.fallbacks.${item}`) }))}
    />
  );
}

function TeamRouting({
  team,
  onSaved,
}: {
  team: RoutingTeamSettingsView;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = `routing-team-${team.teamId}`;
  return (
    <article className="admin-card" aria-labelledby={headingId} data-testid="routing-team">
      <h3 id={headingId} className="admin-card__title">
        {team.name}
      </h3>
      <h4 className="admin-subheading">{t('admin.routing.teamHours')}</h4>
      <HoursEditor
        idPrefix={`${headingId}-hours`}
        calendar={team.hours}
        noneLabel={t('admin.routing.teamNoHours')}
        onSave={(calendar) => putTeamHours({ teamId: team.teamId, calendar })}
        onSaved={() => onSaved(t('admin.routing.hoursSaved', { name: team.name }))}
      />
      <SkillRulesForm
        idPrefix={headingId}
        rules={team.skillRules}
        fallback={team.skillFallback}
        isOptional
        onSave={(body) => putTeamSkillRules({ teamId: team.teamId, body })}
        onSaved={() => onSaved(t('admin.routing.rulesSaved', { name: team.name }))}
      />
    </article>
  );
}

function AgentRouting({ agent, onSaved }: { agent: RoutingAgentView; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [capacityProblem, setCapacityProblem] = useState<string | null>(null);
  const [isEditingHours, setIsEditingHours] = useState(false);
  const capacitySubmission = useSubmission();
  const idPrefix = `routing-agent-${agent.userId}`;

  const saveCapacity = (event: FormEvent) => {
    event.preventDefault();
    const value = parseCapacity(capacity);
    setCapacityProblem(value === null ? t('admin.validation.capacity') : null);
    if (value !== null)
      void capacitySubmission.submit(
        () => putAgentCapacity({ userId: agent.userId, capacity: value }),
        () => onSaved(t('admin.routing.capacitySaved', { name: agent.displayName })),
      );
  };

  return (
    <li className="admin-card routing-agent" data-testid="routing-agent">
      <div className="admin-section__header">
        <h3 className="admin-card__title">{agent.displayName}</h3>
        <span className="badge">{t(`routing.status.${agent.status}`)}</span>
        <span className="admin-muted">
          {t('admin.routing.load', { open: agent.openCount, capacity: agent.capacity })} ·{' '}
          {t(`admin.routing.hoursSources.${agent.hoursSource ?? 'none'}`)}
          {agent.isWithinHours === false ? ` · ${t('admin.routing.outsideHours')}` : ''}
        </span>
      </div>
      <form className="admin-form calendar-editor__inline" noValidate onSubmit={saveCapacity}>
        <TextField
          id={`${idPrefix}-capacity`}
          label={t('admin.routing.capacity')}
          type="number"
          inputMode="numeric"
          value={capacity}
          onChange={setCapacity}
          error={capacityProblem}
        />
        <button
          type="submit"
          className="button button--secondary button--small"
          disabled={capacitySubmission.isSending}
        >
          {t('admin.routing.saveCapacity')}
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          aria-expanded={isEditingHours}
          onClick={() => setIsEditingHours((current) => !current)}
        >
          {t('admin.routing.editHours')}
        </button>
      </form>
      <RequestError failure={capacitySubmission.failure} />
      {isEditingHours ? (
        <HoursEditor
          idPrefix={`${idPrefix}-hours`}
          calendar={agent.hours ?? null}
          noneLabel={t('admin.routing.agentTeamHours')}
          onSave={(calendar) => putAgentHours({ userId: agent.userId, calendar })}
          onSaved={() => onSaved(t('admin.routing.hoursSaved', { name: agent.displayName }))}
        />
      ) : null}
    </li>
  );
}
