import { type SpikeIncidentSeverity, type SpikeIncidentView } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { incidentStatusKey, isNamedTopic, type NamedTopic } from './incidents';

const topicKeys = { '': 'ops.topic.all', outage: 'ops.topic.outage' } as const satisfies Record<
  NamedTopic,
  string
>;

export function SeverityBadge({ severity }: { severity: SpikeIncidentSeverity }) {
  const { t } = useTranslation();
  return (
    <span className={`ops-badge ops-badge--${severity}`} data-severity={severity}>
      {t(`ops.severity.${severity}`)}
    </span>
  );
}

export function StatusBadge({ incident }: { incident: SpikeIncidentView }) {
  const { t } = useTranslation();
  const key = incidentStatusKey(incident);
  return (
    <span className={`ops-badge ops-badge--status-${key}`} data-testid="incident-status" data-status={key}>
      {t(`ops.status.${key}`)}
    </span>
  );
}

/** The topic in words (`''` is the brand's whole volume); an unnamed topic key as it is. */
export function useTopicLabel(): (topic: string) => string {
  const { t } = useTranslation();
  return (topic) => (isNamedTopic(topic) ? t(topicKeys[topic]) : topic);
}

/** "Outage · Vigie Telecom". */
export function useIncidentName(): (incident: Pick<SpikeIncidentView, 'topic' | 'brandName'>) => string {
  const { t } = useTranslation();
  const topicLabel = useTopicLabel();
  return (incident) =>
    t('ops.incidentName', { topic: topicLabel(incident.topic), brand: incident.brandName });
}
