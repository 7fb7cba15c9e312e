import { messageIntents } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, TextField } from '../shared/form-fields.component';
import {
  emptySkillRuleDraft,
  ruleConversationKinds,
  type SkillRuleDraft,
  type SkillRuleProblem,
} from './skill-rules-form';

/** Edits a list of skill rules: "conversations that … need the skills …". */
export function SkillRulesEditor({
  idPrefix,
  drafts,
  onChange,
  problems,
}: {
  idPrefix: string;
  drafts: SkillRuleDraft[];
  onChange: (drafts: SkillRuleDraft[]) => void;
  problems: Map<number, SkillRuleProblem>;
}) {
  const { t } = useTranslation();
  const update = (index: number, changes: Partial<SkillRuleDraft>) =>
    onChange(drafts.map((draft, position) => (position === index ? { ...draft, ...changes } : draft)));
  return (
    <div className="skill-rules">
      {drafts.length === 0 ? <p className="admin-muted">{t('admin.routing.noRules')}</p> : null}
      <ol className="skill-rules__list">
        {drafts.map((draft, index) => {
          const prefix = `${idPrefix}-rule-${index}`;
          const problem = problems.get(index);
          return (
            <li key={index} className="skill-rules__rule" data-testid="skill-rule">
              <fieldset className="admin-fieldset" aria-invalid={problem ? true : undefined}>
                <legend className="field__label">
                  {t('admin.routing.ruleNumber', { index: index + 1 })}
                </legend>
                <CheckboxGroup
                  idPrefix={`${prefix}-intents`}
                  legend={t('admin.routing.whenIntents')}
                  options={messageIntents.map((intent) => ({
                    value: intent,
                    label: t(`inbox.filters.intents.${intent}`),
                  }))}
                  selected={draft.intents}
                  onChange={(selected) =>
                    update(index, { intents: messageIntents.filter((intent) => selected.includes(intent)) })
                  }
                />
                <CheckboxGroup
                  idPrefix={`${prefix}-kinds`}
                  legend={t('admin.routing.whenKinds')}
                  options={ruleConversationKinds.map((kind) => ({
                    value: kind,
                    label: t(`admin.sla.kinds.${kind}`),
                  }))}
                  selected={draft.conversationKinds}
                  onChange={(conversationKinds) => update(index, { conversationKinds })}
                />
                <div className="admin-form__grid">
                  <TextField
                    id={`${prefix}-languages`}
                    label={t('admin.routing.whenLanguages')}
                    value={draft.languages}
                    onChange={(languages) => update(index, { languages })}
                    hint={t('admin.users.languagesHint')}
                  />
                  <TextField
                    id={`${prefix}-tags`}
                    label={t('admin.routing.whenTags')}
                    value={draft.tags}
                    onChange={(tags) => update(index, { tags })}
                    hint={t('admin.sla.listHint')}
                  />
                  <TextField
                    id={`${prefix}-channels`}
                    label={t('admin.routing.whenChannels')}
                    value={draft.channels}
                    onChange={(channels) => update(index, { channels })}
                    hint={t('admin.sla.listHint')}
                  />
                  <TextField
                    id={`${prefix}-skills`}
                    label={t('admin.routing.thenSkills')}
                    value={draft.skills}
                    onChange={(skills) => update(index, { skills })}
                    error={problem ? t(`admin.routing.ruleProblems.${problem}`) : null}
                    hint={t('admin.users.skillsHint')}
                  />
                </div>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => onChange(drafts.filter((_, position) => position !== index))}
                >
                  {t('admin.routing.removeRule', { index: index + 1 })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onChange([...drafts, emptySkillRuleDraft])}
      >
        {t('admin.routing.addRule')}
      </button>
    </div>
  );
}
