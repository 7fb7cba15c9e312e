import { type ConversationSla, type SlaAlertDigest, type SlaUpdated } from '@vigie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { dueExplanationText } from './due-explanation';
import { formatDuration, type SlaBadge, slaBadges } from './sla-badges';
import { fetchConversationSla } from './sla.api';
import './sla.css';

/** How often the countdowns move: they show minutes, so a few seconds of lag never shows. */
const tickMs = 15_000;

/** Both SLA clocks of the open conversation as countdown badges, each explaining its due time on hover/focus. */
export function SlaBadges(params: {
  conversationId: string;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { conversationId, socket, reconnections } = params;
  const [sla, setSla] = useState<ConversationSla | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    void fetchConversationSla(conversationId).then((result) => {
      if (isCurrent && result.kind === 'ok') {
        setSla(result.body);
        setNow(new Date());
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, reconnections, version]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), tickMs);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!socket) return;
    // Clock changes and alerts about this conversation: read the SLA again (events and explanations included).
    const onUpdated = (event: SlaUpdated) => {
      if (event.conversationId === conversationId) setVersion((current) => current + 1);
    };
    const onAlerts = (digest: SlaAlertDigest) => {
      if (digest.alerts.some((alert) => alert.conversationId === conversationId))
        setVersion((current) => current + 1);
    };
    socket.on('sla.updated', onUpdated);
    socket.on('sla.warning', onAlerts);
    socket.on('sla.breached', onAlerts);
    return () => {
      socket.off('sla.updated', onUpdated);
      socket.off('sla.warning', onAlerts);
      socket.off('sla.breached', onAlerts);
    };
  }, [socket, conversationId]);

  if (!sla) return null;
  const badges = slaBadges(sla, now);
  if (badges.length === 0) return null;
  return (
    <ul className="sla-badges" data-testid="sla-badges">
      {badges.map((badge) => (
        <SlaBadgeItem
          key={badge.clock}
          badge={badge}
          conversationId={conversationId}
          timezone={sla.timezone}
        />
      ))}
    </ul>
  );
}

function SlaBadgeItem(params: { badge: SlaBadge; conversationId: string; timezone: string }) {
  const { badge, conversationId, timezone } = params;
  const { t, i18n } = useTranslation();
  const tipId = `sla-why-${conversationId}-${badge.clock}`;
  const due = badge.dueAt
    ? new Intl.DateTimeFormat(i18n.language, {
        dateStyle: 'medium',
        timeStyle: 'short',
        // The policy's calendar zone: the one its hours and holidays are in.
        timeZone: timezone,
      }).format(new Date(badge.dueAt))
    : null;
  const time =
    badge.remainingMs === null
      ? t(`sla.level.${badge.level}`)
      : badge.remainingMs > 0
        ? t('sla.left', { duration: formatDuration(badge.remainingMs) })
        : t('sla.overdue', { duration: formatDuration(badge.remainingMs) });
  return (
    <li className="sla-badge-item">
      <button
        type="button"
        className={`sla-badge sla-badge--${badge.level}`}
        aria-describedby={tipId}
        data-testid="sla-badge"
        data-clock={badge.clock}
        data-level={badge.level}
      >
        <span className="sla-badge__clock">{t(`sla.clock.${badge.clock}`)}</span> {time}
      </button>
      <span role="tooltip" id={tipId} className="sla-badge__why" data-testid="sla-why">
        {t(`sla.metric.${badge.metric}`)}
        {/* The explanation names the due time already; the bare due time only when there is none. */}
        {badge.explanationSteps && badge.dueAt
          ? ` · ${dueExplanationText({ steps: badge.explanationSteps, dueAt: badge.dueAt, timezone, language: i18n.language, t })}`
          : due
            ? ` · ${t('sla.dueAt', { due })}`
            : ''}
      </span>
    </li>
  );
}
