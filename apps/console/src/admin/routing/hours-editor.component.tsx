import { type WorkingHoursCalendar } from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResult } from '../../shared/http';
import { CalendarEditor, useCalendarProblemText } from '../calendars/calendar-editor.component';
import { calendarDraftOf, parseCalendarDraft } from '../calendars/calendar-draft';
import { CheckboxField, FormProblems, SubmitRow } from '../shared/form-fields.component';
import { useSubmission } from '../shared/use-submission.hook';

/** Mon-Fri 09:00-18:00 in the admin's own zone: where a new working-hours calendar starts. */
function defaultWorkingHours(): WorkingHoursCalendar {
  const day: [string, string][] = [['09:00', '18:00']];
  return {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris',
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day },
  };
}

/**
 * A team's or an agent's working hours: none (`null`: the team's, or always for a team), or a calendar of
 * their own edited like the SLA calendars.
 */
export function HoursEditor<T>({
  idPrefix,
  calendar,
  noneLabel,
  onSave,
  onSaved,
}: {
  idPrefix: string;
  calendar: WorkingHoursCalendar | null;
  /** What "no calendar" means here ("use the teams' hours", "no restriction"). */
  noneLabel: string;
  onSave: (calendar: WorkingHoursCalendar | null) => Promise<ApiResult<T>>;
  onSaved: (body: T) => void;
}) {
  const { t } = useTranslation();
  const problemText = useCalendarProblemText();
  const [hasOwn, setHasOwn] = useState(calendar !== null);
  const [draft, setDraft] = useState(() => calendarDraftOf(calendar ?? defaultWorkingHours()));
  const [hasTriedSaving, setHasTriedSaving] = useState(false);
  const { isSending, failure, submit } = useSubmission();
  const parsed = parseCalendarDraft(draft);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setHasTriedSaving(true);
    if (!hasOwn) {
      void submit(() => onSave(null), onSaved);
      return;
    }
    if (parsed.kind === 'ok') void submit(() => onSave(parsed.spec), onSaved);
  };

  return (
    <form className="admin-form" noValidate onSubmit={onSubmit}>
      <CheckboxField
        id={`${idPrefix}-own`}
        label={t('admin.routing.ownHours')}
        hint={hasOwn ? undefined : noneLabel}
        checked={hasOwn}
        onChange={setHasOwn}
      />
      {hasOwn ? (
        <CalendarEditor
          idPrefix={idPrefix}
          draft={draft}
          onChange={setDraft}
          problems={hasTriedSaving && parsed.kind === 'invalid' ? parsed.problems : []}
        />
      ) : null}
      {hasOwn && hasTriedSaving && parsed.kind === 'invalid' ? (
        <FormProblems problems={parsed.problems.map(problemText)} />
      ) : null}
      <SubmitRow label={t('admin.routing.saveHours')} isSending={isSending} failure={failure} isSmall />
    </form>
  );
}
