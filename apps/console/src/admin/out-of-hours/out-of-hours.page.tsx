import { type BrandSummary, type SlaPolicyView } from '@vigie/contracts';
import { type AutoAnswerLanguage } from '@vigie/sla-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WrittenAtFields } from '../shared/written-at-fields.component';
import { AdminPageHeader } from '../admin-page-header.component';
import { CheckboxField, SavedNotice, SubmitRow, TextAreaField } from '../shared/form-fields.component';
import { instantToLocal, localToInstant } from '../shared/zoned-time';
import { PolicyPartForm, usePolicyPartSaving } from '../sla/policy-part-form.component';
import { PolicyPicker, usePolicySelection } from '../sla/policy-picker.component';
import { maxTemplateLength, previewAutoAnswer, templateProblem } from './out-of-hours-form';

const templateLanguages: readonly AutoAnswerLanguage[] = ['fr', 'en'];

/** The automatic answer sent while the brand is closed, per language, with what a customer would read. */
export function OutOfHoursPage() {
  const { t } = useTranslation();
  const selection = usePolicySelection();
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const { brand, policy } = selection;
  return (
    <>
      <AdminPageHeader title={t('admin.outOfHours.title')} intro={t('admin.outOfHours.intro')} />
      <PolicyPicker selection={selection} />
      <SavedNotice message={savedMessage} />
      {brand && policy ? (
        <OutOfHoursForm
          key={`${brand.id}:${policy.name}:${policy.version}`}
          brand={brand}
          policy={policy}
          onSaved={(saved) => {
            setSavedMessage(t('admin.outOfHours.saved', { name: saved.name, version: saved.version }));
            selection.showSavedPolicy(saved);
          }}
        />
      ) : null}
    </>
  );
}

function OutOfHoursForm({
  brand,
  policy,
  onSaved,
}: {
  brand: BrandSummary;
  policy: SlaPolicyView;
  onSaved: (policy: SlaPolicyView) => void;
}) {
  const { t } = useTranslation();
  const [isEnabled, setIsEnabled] = useState(policy.spec.outOfHours.isEnabled);
  const [templates, setTemplates] = useState(policy.spec.outOfHours.templates);
  const { save, hasTriedSaving, isSending, failure, nameNotice } = usePolicyPartSaving({
    brand,
    policy,
    onSaved,
  });
  const problems = Object.fromEntries(
    templateLanguages.map((language) => [language, templateProblem(templates[language])]),
  );
  const isValid = templateLanguages.every((language) => problems[language] === null);

  return (
    <div className="admin-split">
      <PolicyPartForm
        policy={policy}
        title={t('admin.outOfHours.editTitle', { name: policy.name })}
        testId="out-of-hours-form"
        onSubmit={() => save(isValid ? { outOfHours: { isEnabled, templates } } : null)}
      >
        {nameNotice}
        <CheckboxField
          id="out-of-hours-enabled"
          label={t('admin.outOfHours.enabled')}
          hint={t('admin.outOfHours.enabledHint')}
          checked={isEnabled}
          onChange={setIsEnabled}
          testId="out-of-hours-enabled"
        />
        {templateLanguages.map((language) => {
          const problem = problems[language];
          return (
            <TextAreaField
              key={language}
              id={`out-of-hours-${language}`}
              label={t(`admin.outOfHours.template.${language}`)}
              value={templates[language]}
              onChange={(value) => setTemplates((current) => ({ ...current, [language]: value }))}
              hint={t('admin.outOfHours.templateHint', {
                length: templates[language].length,
                max: maxTemplateLength,
              })}
              error={
                hasTriedSaving && problem
                  ? t(`admin.validation.${problem}`, { max: maxTemplateLength })
                  : null
              }
              testId={`out-of-hours-template-${language}`}
              rows={3}
            />
          );
        })}
        <SubmitRow
          label={t('admin.actions.save')}
          isSending={isSending}
          failure={failure}
          testId="out-of-hours-save"
        />
      </PolicyPartForm>
      <AutoAnswerPreviewPanel policy={policy} templates={templates} />
    </div>
  );
}

function AutoAnswerPreviewPanel({
  policy,
  templates,
}: {
  policy: SlaPolicyView;
  templates: Record<AutoAnswerLanguage, string>;
}) {
  const { t } = useTranslation();
  const { calendar } = policy.spec;
  const [written, setWritten] = useState(() => instantToLocal(new Date(), calendar.timezone));
  const writtenAt = localToInstant({ ...written, timezone: calendar.timezone });
  return (
    <section
      className="admin-card admin-split__aside"
      aria-labelledby="auto-answer-preview-heading"
      data-testid="auto-answer-preview"
    >
      <h2 id="auto-answer-preview-heading" className="admin-card__title">
        {t('admin.outOfHours.previewTitle')}
      </h2>
      <WrittenAtFields
        idPrefix="auto-answer"
        value={written}
        onChange={setWritten}
        timezone={calendar.timezone}
      />
      <div aria-live="polite">
        {writtenAt === null ? (
          <p className="admin-muted">{t('admin.preview.pickInstant')}</p>
        ) : (
          templateLanguages.map((language) => {
            const preview = previewAutoAnswer({
              calendar,
              writtenAt,
              language,
              template: templates[language],
            });
            return (
              <div key={language} className="auto-answer" data-testid={`auto-answer-${language}`}>
                <h3 className="auto-answer__language">{t(`admin.outOfHours.template.${language}`)}</h3>
                {preview.kind === 'open' ? (
                  <p className="admin-muted">{t('admin.outOfHours.openNoAnswer')}</p>
                ) : preview.kind === 'noOpenHours' ? (
                  <p className="admin-field__error">{t('admin.preview.noOpenHours')}</p>
                ) : (
                  // Plain text, as X will show it: never HTML.
                  <p className="auto-answer__text" data-testid="auto-answer-text">
                    {preview.text}
                  </p>
                )}
              </div>
            );
          })
        )}
      </div>
      <p className="admin-muted">{t('admin.outOfHours.previewNote')}</p>
    </section>
  );
}
