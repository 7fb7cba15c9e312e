import { type BrandSummary, type SlaMetricName, type SlaPolicyView } from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPageHeader } from '../admin-page-header.component';
import {
  CheckboxField,
  CheckboxGroup,
  FormProblems,
  NewItemButton,
  RequestError,
  ResourceView,
  SavedNotice,
  SelectField,
  SubmitRow,
  TextField,
} from '../shared/form-fields.component';
import { type ApiResult } from '../../shared/http';
import { useEditing } from '../shared/use-editing.hook';
import { useSubmission } from '../shared/use-submission.hook';
import { PolicyPicker, usePolicySelection } from './policy-picker.component';
import { deleteSlaPolicy, putSlaPolicy } from './sla-policies.api';
import { isBuiltInDefault } from './sla-policy-body';
import {
  contactTierValues,
  conversationKindValues,
  escalationValues,
  hasConditions,
  parseSlaPolicyDraft,
  priorityValues,
  type SlaPolicyDraft,
  type SlaPolicyField,
  type SlaPolicyProblem,
  slaMetricNames,
  slaPolicyDraftOf,
} from './sla-policy-form';

type Editing = { kind: 'new' } | { kind: 'edit'; name: string };

/** A brand's SLA policies in matching order: conditions, targets, warnings and escalation; create and delete. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const selection = usePolicySelection();
  const { editing, savedMessage, open, finish, cancel } = useEditing<Editing>();
  const { brand } = selection;
  const done = (message: string) => {
    finish(message);
    selection.reloadPolicies();
  };
  return (
    <>
      <AdminPageHeader title={t('admin.sla.title')} intro={t('admin.sla.intro')} />
      <PolicyPicker selection={selection} hasPolicySelect={false} />
      <SavedNotice message={savedMessage} />
      {brand ? (
        <ResourceView state={selection.policies}>
          {(policies) => (
            <>
              <PolicyTable
                brand={brand}
                policies={policies}
                onEdit={(name) => open({ kind: 'edit', name })}
                onDeleted={(name) => done(t('admin.sla.deleted', { name }))}
              />
              {editing === null ? (
                <NewItemButton
                  label={t('admin.sla.new')}
                  onClick={() => open({ kind: 'new' })}
                  testId="sla-new"
                />
              ) : (
                <PolicyForm
                  key={editing.kind === 'new' ? 'new' : editing.name}
                  brand={brand}
                  policies={policies}
                  editing={editing}
                  onSaved={(saved) =>
                    done(t('admin.sla.saved', { name: saved.name, version: saved.version }))
                  }
                  onCancel={cancel}
                />
              )}
            </>
          )}
        </ResourceView>
      ) : null}
    </>
  );
}

function PolicyTable({
  brand,
  policies,
  onEdit,
  onDeleted,
}: {
  brand: BrandSummary;
  policies: SlaPolicyView[];
  onEdit: (name: string) => void;
  onDeleted: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const removal = useSubmission();
  const targetText = (view: SlaPolicyView, metric: SlaMetricName) => {
    const target = view.spec.targets[metric];
    return target ? t(`admin.sla.targetShort.${target.hours}`, { minutes: target.minutes }) : '—';
  };
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid="sla-table">
        <caption className="visually-hidden">{t('admin.sla.listOf', { name: brand.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.sla.position')}</th>
            <th scope="col">{t('admin.sla.name')}</th>
            <th scope="col">{t('admin.sla.appliesTo')}</th>
            {slaMetricNames.map((metric) => (
              <th key={metric} scope="col">
                {t(`admin.sla.metrics.${metric}`)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions.label')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {policies.map((view) => (
            <tr key={view.name} data-testid="sla-row" data-policy={view.name}>
              <td>{view.position}</td>
              <th scope="row">
                <span className="admin-table__primary">{view.name}</span>
                <span className="admin-table__secondary">
                  {isBuiltInDefault(view)
                    ? t('admin.sla.builtIn')
                    : t('admin.sla.version', { version: view.version })}
                </span>
              </th>
              <td>
                {hasConditions(view) ? <ConditionsSummary view={view} /> : t('admin.sla.allConversations')}
              </td>
              {slaMetricNames.map((metric) => (
                <td key={metric}>{targetText(view, metric)}</td>
              ))}
              <td className="admin-table__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onEdit(view.name)}
                  aria-label={t('admin.sla.editLabel', { name: view.name })}
                >
                  {t('admin.actions.edit')}
                </button>
                {isBuiltInDefault(view) ? null : confirming === view.name ? (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    disabled={removal.isSending}
                    onClick={() =>
                      void removal.submit(
                        () => deleteSlaPolicy({ brandId: brand.id, name: view.name }),
                        () => {
                          setConfirming(null);
                          onDeleted(view.name);
                        },
                      )
                    }
                  >
                    {t('admin.sla.confirmDelete', { name: view.name })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() => setConfirming(view.name)}
                    aria-label={t('admin.sla.deleteLabel', { name: view.name })}
                  >
                    {t('admin.actions.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RequestError failure={removal.failure} />
    </div>
  );
}

function ConditionsSummary({ view }: { view: SlaPolicyView }) {
  const { t } = useTranslation();
  const { conditions } = view.spec;
  const parts = [
    conditions.priorities?.length
      ? conditions.priorities.map((value) => t(`admin.sla.priorities.${value}`)).join(', ')
      : null,
    conditions.conversationKinds?.length
      ? conditions.conversationKinds.map((value) => t(`admin.sla.kinds.${value}`)).join(', ')
      : null,
    conditions.contactTiers?.length
      ? conditions.contactTiers.map((value) => t(`admin.sla.tiers.${value}`)).join(', ')
      : null,
    conditions.intents?.length ? `${t('admin.sla.intents')} ${conditions.intents.join(', ')}` : null,
    conditions.tags?.length ? `${t('admin.sla.tags')} ${conditions.tags.join(', ')}` : null,
    conditions.channels?.length ? `${t('admin.sla.channels')} ${conditions.channels.join(', ')}` : null,
  ].filter((part): part is string => part !== null);
  return <>{parts.join(' · ')}</>;
}

function PolicyForm({
  brand,
  policies,
  editing,
  onSaved,
  onCancel,
}: {
  brand: BrandSummary;
  policies: SlaPolicyView[];
  editing: { kind: 'new' } | { kind: 'edit'; name: string };
  onSaved: (policy: SlaPolicyView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const edited = editing.kind === 'edit' ? policies.find((view) => view.name === editing.name) : undefined;
  // A new policy starts from the brand's first one: its calendar and out-of-hours templates come along.
  const base = edited ?? policies[0];
  const isNew = edited === undefined || isBuiltInDefault(edited);
  const [draft, setDraft] = useState<SlaPolicyDraft>(() =>
    slaPolicyDraftOf(base, {
      isNew,
      position:
        edited === undefined
          ? Math.min(1000, Math.max(0, ...policies.map((view) => view.position + 1)))
          : undefined,
    }),
  );
  const [problems, setProblems] = useState<Partial<Record<SlaPolicyField, SlaPolicyProblem>>>({});
  const { isSending, failure, submit } = useSubmission();
  const change = <K extends keyof SlaPolicyDraft>(key: K, value: SlaPolicyDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const problemText = (field: SlaPolicyField) =>
    problems[field] ? t(`admin.validation.${problems[field]}`) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSlaPolicyDraft({
      draft,
      base,
      otherNames: policies
        .filter((view) => view.id !== null && view.name !== edited?.name)
        .map((view) => view.name),
    });
    setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
    if (parsed.kind === 'invalid') return;
    const send = async (): Promise<ApiResult<SlaPolicyView>> => {
      const saved = await putSlaPolicy({ brandId: brand.id, name: parsed.name, body: parsed.body });
      // A renamed policy is saved under its new name, then the old one is removed.
      if (saved.kind === 'ok' && edited && !isNew && parsed.name !== edited.name) {
        const removed = await deleteSlaPolicy({ brandId: brand.id, name: edited.name });
        if (removed.kind === 'failed') return removed;
      }
      return saved;
    };
    void submit(send, onSaved);
  };

  const title = edited ? t('admin.sla.editTitle', { name: edited.name }) : t('admin.sla.createTitle');
  return (
    <form
      className="admin-card admin-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={title}
      data-testid="sla-form"
    >
      <h2 className="admin-card__title">{title}</h2>
      {isNew ? <p className="notice notice--info">{t('admin.sla.newNotice', { name: base.name })}</p> : null}
      <div className="admin-form__grid">
        <TextField
          id="sla-name"
          label={t('admin.sla.name')}
          value={draft.name}
          onChange={(value) => change('name', value)}
          error={problemText('name')}
          hint={t('admin.sla.nameHint')}
          testId="sla-name"
          isRequired
        />
        <TextField
          id="sla-position"
          label={t('admin.sla.position')}
          type="number"
          inputMode="numeric"
          value={draft.position}
          onChange={(value) => change('position', value)}
          error={problemText('position')}
          hint={t('admin.sla.positionHint')}
        />
      </div>

      <fieldset className="admin-fieldset">
        <legend className="field__label">{t('admin.sla.conditionsTitle')}</legend>
        <p className="admin-muted">{t('admin.sla.conditionsHint')}</p>
        <CheckboxGroup
          idPrefix="sla-priorities"
          legend={t('admin.sla.prioritiesLabel')}
          options={priorityValues.map((value) => ({ value, label: t(`admin.sla.priorities.${value}`) }))}
          selected={draft.priorities}
          onChange={(value) => change('priorities', value)}
        />
        <CheckboxGroup
          idPrefix="sla-kinds"
          legend={t('admin.sla.kindsLabel')}
          options={conversationKindValues.map((value) => ({ value, label: t(`admin.sla.kinds.${value}`) }))}
          selected={draft.conversationKinds}
          onChange={(value) => change('conversationKinds', value)}
        />
        <CheckboxGroup
          idPrefix="sla-tiers"
          legend={t('admin.sla.tiersLabel')}
          options={contactTierValues.map((value) => ({ value, label: t(`admin.sla.tiers.${value}`) }))}
          selected={draft.contactTiers}
          onChange={(value) => change('contactTiers', value)}
        />
        <div className="admin-form__grid">
          <TextField
            id="sla-intents"
            label={t('admin.sla.intentsLabel')}
            value={draft.intents}
            onChange={(value) => change('intents', value)}
            hint={t('admin.sla.listHint')}
          />
          <TextField
            id="sla-tags"
            label={t('admin.sla.tagsLabel')}
            value={draft.tags}
            onChange={(value) => change('tags', value)}
            error={problemText('tags')}
            hint={t('admin.sla.listHint')}
          />
          <TextField
            id="sla-channels"
            label={t('admin.sla.channelsLabel')}
            value={draft.channels}
            onChange={(value) => change('channels', value)}
            hint={t('admin.sla.listHint')}
          />
        </div>
      </fieldset>

      <fieldset className="admin-fieldset">
        <legend className="field__label">{t('admin.sla.targetsTitle')}</legend>
        {slaMetricNames.map((metric) => {
          const target = draft.targets[metric];
          const setTarget = (changes: Partial<typeof target>) =>
            change('targets', { ...draft.targets, [metric]: { ...target, ...changes } });
          return (
            <div key={metric} className="sla-target" data-testid={`sla-target-${metric}`}>
              <CheckboxField
                id={`sla-${metric}-enabled`}
                label={t(`admin.sla.metrics.${metric}`)}
                checked={target.isEnabled}
                onChange={(isEnabled) => setTarget({ isEnabled })}
              />
              {target.isEnabled ? (
                <div className="admin-form__grid">
                  <TextField
                    id={`sla-${metric}-minutes`}
                    label={t('admin.sla.targetMinutes')}
                    type="number"
                    inputMode="numeric"
                    value={target.minutes}
                    onChange={(minutes) => setTarget({ minutes })}
                    error={problemText(`targets.${metric}`)}
                  />
                  <SelectField
                    id={`sla-${metric}-hours`}
                    label={t('admin.sla.hoursKind')}
                    value={target.hours}
                    onChange={(hours) => setTarget({ hours: hours === 'calendar' ? 'calendar' : 'business' })}
                    options={[
                      { value: 'business', label: t('admin.sla.hours.business') },
                      { value: 'calendar', label: t('admin.sla.hours.calendar') },
                    ]}
                  />
                  <CheckboxField
                    id={`sla-${metric}-pending`}
                    label={t('admin.sla.pausedWhenPending')}
                    checked={target.isPausedWhenPending}
                    onChange={(isPausedWhenPending) => setTarget({ isPausedWhenPending })}
                  />
                </div>
              ) : problems[`targets.${metric}`] ? (
                <span className="admin-field__error">{problemText(`targets.${metric}`)}</span>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <div className="admin-form__grid">
        <TextField
          id="sla-promise"
          label={t('admin.sla.customerPromise')}
          type="number"
          inputMode="numeric"
          value={draft.customerPromiseMinutes}
          onChange={(value) => change('customerPromiseMinutes', value)}
          error={problemText('customerPromiseMinutes')}
          hint={t('admin.sla.customerPromiseHint')}
        />
        <TextField
          id="sla-warnings"
          label={t('admin.sla.warnings')}
          value={draft.warningPercents}
          onChange={(value) => change('warningPercents', value)}
          error={problemText('warningPercents')}
          hint={t('admin.sla.warningsHint')}
        />
      </div>
      <CheckboxGroup
        idPrefix="sla-escalation"
        legend={t('admin.sla.escalationLabel')}
        options={escalationValues.map((value) => ({ value, label: t(`admin.sla.escalations.${value}`) }))}
        selected={draft.escalation}
        onChange={(value) => change('escalation', value)}
      />
      {Object.keys(problems).length > 0 ? (
        <FormProblems problems={Object.values(problems).map((problem) => t(`admin.validation.${problem}`))} />
      ) : null}
      <SubmitRow
        label={t('admin.actions.save')}
        isSending={isSending}
        failure={failure}
        testId="sla-save"
        onCancel={onCancel}
      />
    </form>
  );
}
