import { type Weekday } from '@vigie/sla-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../shared/form-fields.component';
import { timeZoneChoices } from '../shared/zoned-time';
import {
  applyDailyBreak,
  type CalendarDraft,
  type CalendarProblem,
  copyToWorkingDays,
  type DatedRanges,
  type ProblemPlace,
  type TimeRange,
  weekdays,
  withHoliday,
} from './calendar-draft';

function placeKey(place: ProblemPlace): string {
  return place.kind === 'weekday'
    ? `weekday:${place.day}:${place.index}`
    : place.kind === 'holiday'
      ? `holiday:${place.date}`
      : `${place.kind}:${place.date}:${place.index}`;
}

function invalidPlaces(problems: readonly CalendarProblem[]): Set<string> {
  return new Set(problems.flatMap((problem) => ('place' in problem ? [placeKey(problem.place)] : [])));
}

/** A problem in words: "Monday, period 2: the start must come before the end". */
export function useCalendarProblemText(): (problem: CalendarProblem) => string {
  const { t } = useTranslation();
  return (problem) => {
    if (problem.code === 'calendar')
      return t('admin.calendars.problems.calendar', { message: problem.message });
    const text = t(`admin.calendars.problems.${problem.code}`);
    if (!('place' in problem)) return text;
    const { place } = problem;
    const where =
      place.kind === 'weekday'
        ? t('admin.calendars.places.weekday', {
            day: t(`admin.weekdays.${place.day}`),
            index: place.index + 1,
          })
        : place.kind === 'holiday'
          ? t('admin.calendars.places.holiday', { date: place.date })
          : t(`admin.calendars.places.${place.kind}`, { date: place.date || '—', index: place.index + 1 });
    return t('admin.calendars.problemAt', { place: where, problem: text });
  };
}

/**
 * Edits a business calendar: time zone, several periods a day (split shifts, a lunch break), holidays, one-off
 * breaks and date overrides. Used for SLA calendars and for teams' and agents' working hours (same shape).
 */
export function CalendarEditor({
  idPrefix,
  draft,
  onChange,
  problems,
}: {
  idPrefix: string;
  draft: CalendarDraft;
  onChange: (draft: CalendarDraft) => void;
  problems: readonly CalendarProblem[];
}) {
  const { t } = useTranslation();
  const invalid = invalidPlaces(problems);
  const [pause, setPause] = useState<TimeRange>({ start: '12:00', end: '14:00' });
  const [pauseProblem, setPauseProblem] = useState<string | null>(null);
  const [newHoliday, setNewHoliday] = useState('');
  const setWeekly = (weekly: CalendarDraft['weekly']) => onChange({ ...draft, weekly });
  const setDay = (day: Weekday, ranges: TimeRange[]) => setWeekly({ ...draft.weekly, [day]: ranges });

  const applyPause = () => {
    const weekly = applyDailyBreak(draft.weekly, pause);
    setPauseProblem(weekly ? null : t('admin.calendars.problems.order'));
    if (weekly) setWeekly(weekly);
  };

  return (
    <div className="calendar-editor" data-testid="calendar-editor">
      <SelectField
        id={`${idPrefix}-timezone`}
        label={t('admin.calendars.timezone')}
        value={draft.timezone}
        onChange={(timezone) => onChange({ ...draft, timezone })}
        options={timeZoneChoices(draft.timezone).map((zone) => ({ value: zone, label: zone }))}
        hint={t('admin.calendars.timezoneHint')}
        error={
          problems.some((problem) => problem.code === 'timezone')
            ? t('admin.calendars.problems.timezone')
            : null
        }
        testId="calendar-timezone"
      />

      <fieldset className="admin-fieldset">
        <legend className="field__label">{t('admin.calendars.weeklyTitle')}</legend>
        <p className="admin-muted">{t('admin.calendars.weeklyHint')}</p>
        <ul className="calendar-editor__days">
          {weekdays.map((day) => (
            <li key={day} className="calendar-editor__day" data-testid={`calendar-day-${day}`}>
              <span className="calendar-editor__day-name">{t(`admin.weekdays.${day}`)}</span>
              <RangesEditor
                idPrefix={`${idPrefix}-${day}`}
                label={t(`admin.weekdays.${day}`)}
                ranges={draft.weekly[day]}
                onChange={(ranges) => setDay(day, ranges)}
                isInvalid={(index) => invalid.has(placeKey({ kind: 'weekday', day, index }))}
                emptyText={t('admin.calendars.closed')}
              />
            </li>
          ))}
        </ul>
        <div className="admin-form__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setWeekly(copyToWorkingDays(draft.weekly, 'mon'))}
            data-testid="calendar-copy-monday"
          >
            {t('admin.calendars.copyMonday')}
          </button>
        </div>
      </fieldset>

      <fieldset className="admin-fieldset" data-testid="calendar-daily-break">
        <legend className="field__label">{t('admin.calendars.dailyBreakTitle')}</legend>
        <p className="admin-muted">{t('admin.calendars.dailyBreakHint')}</p>
        <div className="calendar-editor__inline">
          <TextField
            id={`${idPrefix}-pause-start`}
            label={t('admin.calendars.from')}
            type="time"
            value={pause.start}
            onChange={(start) => setPause((current) => ({ ...current, start }))}
            testId="calendar-break-start"
          />
          <TextField
            id={`${idPrefix}-pause-end`}
            label={t('admin.calendars.to')}
            type="time"
            value={pause.end}
            onChange={(end) => setPause((current) => ({ ...current, end }))}
            error={pauseProblem}
            testId="calendar-break-end"
          />
          <button
            type="button"
            className="button button--secondary"
            onClick={applyPause}
            data-testid="calendar-break-apply"
          >
            {t('admin.calendars.applyBreak')}
          </button>
        </div>
      </fieldset>

      <fieldset className="admin-fieldset" data-testid="calendar-holidays">
        <legend className="field__label">{t('admin.calendars.holidaysTitle')}</legend>
        <p className="admin-muted">{t('admin.calendars.holidaysHint')}</p>
        <div className="calendar-editor__inline">
          <TextField
            id={`${idPrefix}-holiday-new`}
            label={t('admin.calendars.holidayDate')}
            type="date"
            value={newHoliday}
            onChange={setNewHoliday}
            testId="calendar-holiday-date"
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={newHoliday === ''}
            onClick={() => {
              onChange({ ...draft, holidays: withHoliday(draft.holidays, newHoliday) });
              setNewHoliday('');
            }}
            data-testid="calendar-holiday-add"
          >
            {t('admin.calendars.addHoliday')}
          </button>
        </div>
        <HolidayList
          holidays={draft.holidays}
          onRemove={(date) =>
            onChange({ ...draft, holidays: draft.holidays.filter((holiday) => holiday !== date) })
          }
          isInvalid={(date) => invalid.has(placeKey({ kind: 'holiday', date }))}
        />
      </fieldset>

      <DatedEditor
        idPrefix={`${idPrefix}-breaks`}
        kind="break"
        entries={draft.breaks}
        onChange={(breaks) => onChange({ ...draft, breaks })}
        isInvalid={(date, index) => invalid.has(placeKey({ kind: 'break', date, index }))}
      />
      <DatedEditor
        idPrefix={`${idPrefix}-overrides`}
        kind="override"
        entries={draft.dateOverrides}
        onChange={(dateOverrides) => onChange({ ...draft, dateOverrides })}
        isInvalid={(date, index) => invalid.has(placeKey({ kind: 'override', date, index }))}
      />
    </div>
  );
}

function RangesEditor({
  idPrefix,
  label,
  ranges,
  onChange,
  isInvalid,
  emptyText,
}: {
  idPrefix: string;
  label: string;
  ranges: TimeRange[];
  onChange: (ranges: TimeRange[]) => void;
  isInvalid: (index: number) => boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const update = (index: number, changes: Partial<TimeRange>) =>
    onChange(ranges.map((range, position) => (position === index ? { ...range, ...changes } : range)));
  const last = ranges[ranges.length - 1];
  return (
    <div className="calendar-editor__ranges">
      {ranges.length === 0 ? <span className="admin-muted">{emptyText}</span> : null}
      {ranges.map((range, index) => {
        const periodLabel = t('admin.calendars.periodLabel', { what: label, index: index + 1 });
        const invalid = isInvalid(index) ? true : undefined;
        return (
          <span key={index} className="calendar-editor__range" data-testid="calendar-range">
            <label className="visually-hidden" htmlFor={`${idPrefix}-${index}-start`}>
              {t('admin.calendars.startOf', { period: periodLabel })}
            </label>
            <input
              id={`${idPrefix}-${index}-start`}
              className="field__input calendar-editor__time"
              type="time"
              value={range.start}
              aria-invalid={invalid}
              onChange={(event) => update(index, { start: event.target.value })}
            />
            <span aria-hidden="true">–</span>
            <label className="visually-hidden" htmlFor={`${idPrefix}-${index}-end`}>
              {t('admin.calendars.endOf', { period: periodLabel })}
            </label>
            <input
              id={`${idPrefix}-${index}-end`}
              className="field__input calendar-editor__time"
              type="time"
              value={range.end}
              aria-invalid={invalid}
              onChange={(event) => update(index, { end: event.target.value })}
            />
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => onChange(ranges.filter((_, position) => position !== index))}
              aria-label={t('admin.calendars.removePeriod', { period: periodLabel })}
            >
              ×
            </button>
          </span>
        );
      })}
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() =>
          onChange([
            ...ranges,
            last
              ? { start: last.end === '00:00' ? '23:00' : last.end, end: '00:00' }
              : { start: '09:00', end: '18:00' },
          ])
        }
        aria-label={t('admin.calendars.addPeriodTo', { what: label })}
      >
        {t('admin.calendars.addPeriod')}
      </button>
    </div>
  );
}

function HolidayList({
  holidays,
  onRemove,
  isInvalid,
}: {
  holidays: string[];
  onRemove: (date: string) => void;
  isInvalid: (date: string) => boolean;
}) {
  const { t } = useTranslation();
  const years = [...new Set(holidays.map((date) => date.slice(0, 4)))];
  if (holidays.length === 0) return <p className="admin-muted">{t('admin.calendars.noHolidays')}</p>;
  return (
    <div className="calendar-editor__years" data-testid="calendar-holiday-list">
      {years.map((year) => {
        const ofYear = holidays.filter((date) => date.startsWith(year));
        return (
          <details key={year} className="calendar-editor__year">
            <summary>{t('admin.calendars.holidaysOfYear', { year, total: ofYear.length })}</summary>
            <ul className="calendar-editor__chips">
              {ofYear.map((date) => (
                <li
                  key={date}
                  className={`chip ${isInvalid(date) ? 'chip--invalid' : ''}`}
                  data-testid="calendar-holiday"
                  data-date={date}
                >
                  <span>{date}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    onClick={() => onRemove(date)}
                    aria-label={t('admin.calendars.removeHoliday', { date })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}

function DatedEditor({
  idPrefix,
  kind,
  entries,
  onChange,
  isInvalid,
}: {
  idPrefix: string;
  kind: 'break' | 'override';
  entries: DatedRanges[];
  onChange: (entries: DatedRanges[]) => void;
  isInvalid: (date: string, index: number) => boolean;
}) {
  const { t } = useTranslation();
  const section = kind === 'break' ? 'breaks' : 'overrides';
  const update = (index: number, entry: DatedRanges) =>
    onChange(entries.map((current, position) => (position === index ? entry : current)));
  return (
    <fieldset className="admin-fieldset" data-testid={`calendar-${section}`}>
      <legend className="field__label">{t(`admin.calendars.${section}.title`)}</legend>
      <p className="admin-muted">{t(`admin.calendars.${section}.hint`)}</p>
      <ul className="calendar-editor__dated">
        {entries.map((entry, index) => (
          <li key={index} className="calendar-editor__dated-entry">
            <TextField
              id={`${idPrefix}-${index}-date`}
              label={t('admin.calendars.date')}
              type="date"
              value={entry.date}
              onChange={(date) => update(index, { ...entry, date })}
            />
            <RangesEditor
              idPrefix={`${idPrefix}-${index}`}
              label={entry.date || t('admin.calendars.date')}
              ranges={entry.ranges}
              onChange={(ranges) => update(index, { ...entry, ranges })}
              isInvalid={(rangeIndex) => isInvalid(entry.date, rangeIndex) || isInvalid(entry.date, index)}
              emptyText={t(`admin.calendars.${section}.empty`)}
            />
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => onChange(entries.filter((_, position) => position !== index))}
            >
              {t(`admin.calendars.${section}.remove`)}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onChange([...entries, { date: '', ranges: [{ start: '12:00', end: '14:00' }] }])}
      >
        {t(`admin.calendars.${section}.add`)}
      </button>
    </fieldset>
  );
}
