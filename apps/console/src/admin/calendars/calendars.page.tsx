import { type BrandSummary, type SlaPolicyView } from '@vigie/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPageHeader } from '../admin-page-header.component';
import { FormProblems, RequestError, SavedNotice, TextField } from '../shared/form-fields.component';
import { useSubmission } from '../shared/use-submission.hook';
import { PolicyPicker, usePolicySelection } from '../sla/policy-picker.component';
import { importHolidays } from '../sla/sla-policies.api';
import { PolicyPartForm, usePolicyPartSaving } from '../sla/policy-part-form.component';
import { isBuiltInDefault } from '../sla/sla-policy-body';
import { CalendarEditor, useCalendarProblemText } from './calendar-editor.component';
import { calendarDraftOf, parseCalendarDraft } from './calendar-draft';
import { DuePreviewPanel } from './due-preview.component';

/** A brand's business calendars (the SLA policies' calendars), with the due-time preview and holiday imports. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const selection = usePolicySelection();
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const { brand, policy } = selection;
  return (
    <>
      <AdminPageHeader title={t('admin.calendars.title')} intro={t('admin.calendars.intro')} />
      <PolicyPicker selection={selection} />
      <SavedNotice message={savedMessage} />
      {brand && policy ? (
        <CalendarPolicyEditor
          key={`${brand.id}:${policy.name}:${policy.version}`}
          brand={brand}
          policy={policy}
          onSaved={(saved, message) => {
            setSavedMessage(message);
            selection.showSavedPolicy(saved);
          }}
        />
      ) : null}
    </>
  );
}

function CalendarPolicyEditor({
  brand,
  policy,
  onSaved,
}: {
  brand: BrandSummary;
  policy: SlaPolicyView;
  onSaved: (policy: SlaPolicyView, message: string) => void;
}) {
  const { t } = useTranslation();
  const problemText = useCalendarProblemText();
  const initial = useMemo(() => calendarDraftOf(policy.spec.calendar), [policy]);
  const [draft, setDraft] = useState(initial);
  const isDefault = isBuiltInDefault(policy);
  const parsed = useMemo(() => parseCalendarDraft(draft), [draft]);
  const isDirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const firstResponse = policy.spec.targets.first_response;
  const { save, hasTriedSaving, setHasTriedSaving, isSending, failure, nameNotice } = usePolicyPartSaving({
    brand,
    policy,
    onSaved: (saved) =>
      onSaved(saved, t('admin.calendars.saved', { name: saved.name, version: saved.version })),
  });

  return (
    <div className="admin-split">
      <PolicyPartForm
        policy={policy}
        title={t('admin.calendars.editTitle', { name: policy.name })}
        testId="calendar-form"
        onSubmit={() => save(parsed.kind === 'ok' ? { calendar: parsed.spec } : null)}
      >
        {nameNotice}
        <CalendarEditor
          idPrefix="calendar"
          draft={draft}
          onChange={setDraft}
          problems={hasTriedSaving && parsed.kind === 'invalid' ? parsed.problems : []}
        />
        {hasTriedSaving && parsed.kind === 'invalid' ? (
          <FormProblems problems={parsed.problems.map(problemText)} />
        ) : null}
        <RequestError failure={failure} />
        <div className="admin-form__actions admin-form__actions--sticky">
          <button
            type="submit"
            className="button button--primary"
            disabled={isSending}
            data-testid="calendar-save"
          >
            {t('admin.calendars.save')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={!isDirty}
            onClick={() => {
              setDraft(initial);
              setHasTriedSaving(false);
            }}
          >
            {t('admin.actions.discard')}
          </button>
          {isDirty ? <span className="admin-muted">{t('admin.calendars.unsaved')}</span> : null}
        </div>
      </PolicyPartForm>
      <div className="admin-split__aside">
        <DuePreviewPanel
          spec={parsed.kind === 'ok' ? parsed.spec : null}
          isDraft={isDirty}
          targets={{
            firstResponse: firstResponse
              ? { minutes: firstResponse.minutes, hours: firstResponse.hours }
              : null,
            customerPromiseMinutes: policy.spec.customerPromiseMinutes,
          }}
        />
        {isDefault ? null : (
          <HolidayImport
            brand={brand}
            policy={policy}
            isDisabled={isDirty}
            onImported={(saved) =>
              onSaved(
                saved,
                t('admin.calendars.imported', {
                  total:
                    (saved.spec.calendar.holidays ?? []).length -
                    (policy.spec.calendar.holidays ?? []).length,
                }),
              )
            }
          />
        )}
      </div>
    </div>
  );
}

function HolidayImport({
  brand,
  policy,
  isDisabled,
  onImported,
}: {
  brand: BrandSummary;
  policy: SlaPolicyView;
  isDisabled: boolean;
  onImported: (policy: SlaPolicyView) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { isSending, failure, submit } = useSubmission();
  const send = (source: { ics: string } | { url: string }) =>
    void submit(() => importHolidays({ brandId: brand.id, name: policy.name, source }), onImported);

  return (
    <section className="admin-card" aria-labelledby="holiday-import-heading" data-testid="holiday-import">
      <h2 id="holiday-import-heading" className="admin-card__title">
        {t('admin.calendars.importTitle')}
      </h2>
      <p className="admin-muted">
        {t(isDisabled ? 'admin.calendars.importSaveFirst' : 'admin.calendars.importHint')}
      </p>
      <div className="field admin-field">
        <label className="field__label" htmlFor="holiday-file">
          {t('admin.calendars.importFile')}
        </label>
        <input
          id="holiday-file"
          className="field__input"
          type="file"
          accept=".ics,text/calendar"
          disabled={isDisabled}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="admin-form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={isDisabled || isSending || !file}
          onClick={() => {
            if (file) void file.text().then((ics) => send({ ics }));
          }}
        >
          {t('admin.calendars.importFileButton')}
        </button>
      </div>
      <TextField
        id="holiday-url"
        label={t('admin.calendars.importUrl')}
        type="url"
        value={url}
        onChange={setUrl}
        hint={t('admin.calendars.importUrlHint')}
      />
      <div className="admin-form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={isDisabled || isSending || url.trim() === ''}
          onClick={() => send({ url: url.trim() })}
        >
          {t('admin.calendars.importUrlButton')}
        </button>
      </div>
      <RequestError failure={failure} />
    </section>
  );
}
