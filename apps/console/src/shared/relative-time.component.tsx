import { useTranslation } from 'react-i18next';

/** A short, localised time ("14:05", or "12 Mar" for older days) with the full date for screen readers. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const { i18n } = useTranslation();
  const date = new Date(iso);
  const isToday = date.toDateString() === new Date().toDateString();
  const short = new Intl.DateTimeFormat(
    i18n.language,
    isToday ? { timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(date);
  const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' }).format(date);
  return (
    <time className={className} dateTime={iso} title={full}>
      {short}
    </time>
  );
}
