export { BusinessCalendar } from './lib/business-calendar.calculator';
export type { CalendarSpec, DatedIntervals, LocalInterval, Weekday } from './lib/calendar-spec.type';
export { frenchPublicHolidays } from './lib/french-holidays';
export * from './lib/sla-policy';
export * from './lib/sla-clock.rules';
export {
  explainDueAt,
  formatDuration,
  formatInstantIn,
  type DueExplanation,
  type DueStep,
} from './lib/due-explanation';
export * from './lib/out-of-hours.rules';
export { parseIcalHolidays } from './lib/ical-holidays';
