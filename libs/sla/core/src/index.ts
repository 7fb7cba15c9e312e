export { BusinessCalendar } from './lib/business-calendar.calculator';
export type { CalendarSpec, DatedIntervals, LocalInterval, Weekday } from './lib/calendar-spec.type';
