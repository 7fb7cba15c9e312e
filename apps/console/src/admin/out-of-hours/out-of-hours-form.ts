import {
  type AutoAnswerLanguage,
  BusinessCalendar,
  type CalendarSpec,
  formatReopening,
  renderAutoAnswer,
} from '@vigie/sla-core';

/** The API's limits for a template (`parseSlaPolicySpec`): 1 to 280 characters, saying when with `{reopensAt}`. */
export const maxTemplateLength = 280;
export const reopensAtPlaceholder = '{reopensAt}';

export type TemplateProblem = 'required' | 'templateTooLong' | 'reopensAt';

/** Why a template cannot be saved as typed, or null. */
export function templateProblem(template: string): TemplateProblem | null {
  if (template.trim() === '') return 'required';
  if (template.length > maxTemplateLength) return 'templateTooLong';
  if (!template.includes(reopensAtPlaceholder)) return 'reopensAt';
  return null;
}

export type AutoAnswerPreview =
  { kind: 'open' } | { kind: 'answer'; text: string; reopensAt: Date } | { kind: 'noOpenHours' };

/**
 * The answer a customer writing at `writtenAt` would get, filled in as the API fills it (`formatReopening` and
 * `renderAutoAnswer` from `@vigie/sla-core`, in the calendar's zone): none while the calendar is open.
 */
export function previewAutoAnswer(params: {
  calendar: CalendarSpec;
  writtenAt: Date;
  language: AutoAnswerLanguage;
  template: string;
}): AutoAnswerPreview {
  const calendar = new BusinessCalendar(params.calendar);
  if (calendar.isOpen(params.writtenAt)) return { kind: 'open' };
  try {
    const reopensAt = calendar.nextOpening(params.writtenAt);
    const when = formatReopening({
      reopensAt,
      now: params.writtenAt,
      timezone: params.calendar.timezone,
      language: params.language,
    });
    return { kind: 'answer', text: renderAutoAnswer(params.template, { reopensAt: when }), reopensAt };
  } catch {
    return { kind: 'noOpenHours' };
  }
}
