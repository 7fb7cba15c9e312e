import { type SlaAlert, type SlaAlertDigest } from '@vigie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleSocket } from '../realtime/socket.client';
import { addToasts, type SlaToast, toastLifetimeMs } from './sla-toasts';
import './sla.css';

/**
 * Toasts for SLA warnings and breaches. The SLA domain addresses each alert to its audience (the assignee, the
 * team's supervisors), so what reaches this console is about its agent's conversations.
 */
export function SlaToasts(params: {
  socket: ConsoleSocket | null;
  nameOf: (conversationId: string) => string | null;
  onOpen: (conversationId: string) => void;
}) {
  const { socket, nameOf, onOpen } = params;
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<SlaToast[]>([]);

  useEffect(() => {
    if (!socket) return;
    const onAlerts = (digest: SlaAlertDigest) => setToasts((current) => addToasts(current, digest.alerts));
    socket.on('sla.warning', onAlerts);
    socket.on('sla.breached', onAlerts);
    return () => {
      socket.off('sla.warning', onAlerts);
      socket.off('sla.breached', onAlerts);
    };
  }, [socket]);

  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = window.setTimeout(
      () => setToasts((current) => current.filter((toast) => Date.now() - toast.shownAt < toastLifetimeMs)),
      1_000,
    );
    return () => window.clearTimeout(timer);
  }, [toasts]);

  const dismiss = (key: string) => setToasts((current) => current.filter((toast) => toast.key !== key));
  const message = (alert: SlaAlert) =>
    t(alert.kind === 'breach' ? 'sla.toast.breach' : 'sla.toast.warning', {
      clock: t(`sla.clock.${alert.clock}`),
      name: nameOf(alert.conversationId) ?? t('sla.toast.aConversation'),
      percent: Math.round(alert.fraction * 100),
    });

  return (
    <ul className="sla-toasts" aria-live="polite" aria-label={t('sla.toast.label')} data-testid="sla-toasts">
      {toasts.map((toast) => (
        <li key={toast.key} className={`sla-toast sla-toast--${toast.alert.kind}`} data-testid="sla-toast">
          <span>{message(toast.alert)}</span>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              onOpen(toast.alert.conversationId);
              dismiss(toast.key);
            }}
          >
            {t('sla.toast.open')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => dismiss(toast.key)}>
            {t('sla.toast.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
