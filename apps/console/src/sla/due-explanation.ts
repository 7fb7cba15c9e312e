import { type SlaDueStep } from '@vigie/contracts';
import { formatDuration } from '@vigie/sla-core';
import { assertNever } from '@vigie/kernel';
import { type TFunction } from 'i18next';

/** "1 h 30 min", "45 min", "2 h", "20 s": the server's own duration words, the same in French and English. */
export const durationWords = formatDuration;

/**
 * Why a clock is due when it is, in the agent's language: the server's steps (`SlaClockView.explanationSteps`)
 * with instants and days written in the policy's zone, e.g. « échéance lun. 23 nov., 10:00 car : reçu ven. 20 nov.,
 * 19:30, hors des heures d’ouverture ; fermé du sam. 21 nov. au dim. 22 nov. ; … ».
 */
export function dueExplanationText(params: {
  steps: readonly SlaDueStep[];
  dueAt: string;
  timezone: string;
  language: string;
  t: TFunction;
}): string {
  const { t, timezone, language } = params;
  const instant = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: timezone,
  });
  const dayFormat = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const at = (iso: string) => instant.format(new Date(iso));
  // A local date of the policy's zone, written as that date wherever the browser is.
  const day = (date: string) => dayFormat.format(new Date(`${date}T12:00:00Z`));
  const describe = (step: SlaDueStep): string => {
    switch (step.kind) {
      case 'started': {
        const said = t(step.how === 'received' ? 'sla.why.received' : 'sla.why.resumed', { at: at(step.at) });
        return step.isOutsideHours ? t('sla.why.outsideHours', { step: said }) : said;
      }
      case 'already_counted':
        return t('sla.why.alreadyCounted', { duration: durationWords(step.ms) });
      case 'calendar_time':
        return t('sla.why.calendarTime', { duration: durationWords(step.ms) });
      case 'opens':
        return t('sla.why.opens', { at: at(step.at) });
      case 'closed':
        return step.firstDay === step.lastDay
          ? t('sla.why.closedDay', { day: day(step.firstDay) })
          : t('sla.why.closedDays', { first: day(step.firstDay), last: day(step.lastDay) });
      case 'counted':
        return t('sla.why.counted', { duration: durationWords(step.ms), day: day(step.day) });
      default:
        return assertNever(step, 'Unknown due step');
    }
  };
  return t('sla.why.summary', {
    due: at(params.dueAt),
    steps: params.steps.map(describe).join(t('sla.why.separator')),
  });
}
