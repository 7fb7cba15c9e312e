import { type SessionUser } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { ConsoleFrame } from '../app/console-frame.component';
import { useSession } from '../auth/session.context';
import { ConnectionIndicator } from '../inbox/connection-indicator.component';
import { useRealtime } from '../realtime/use-realtime.hook';
import { useDocumentTitle } from '../shared/use-document-title.hook';
import { IncidentPage } from './incident.page';
import { IncidentList } from './incident-list.component';
import { LiveAnnouncer } from './live-announcer.component';
import { useIncidentName } from './ops-badges.component';
import { type OpsLive, useIncidents } from './use-incidents.hook';
import { VolumePanel } from './volume-panel.component';
import './ops.css';

/**
 * The ops view (docs/spikes.md, "Ops view"): mention volume with the detector's band and alerts, the incident list,
 * and each incident's page at /ops/incidents/:id, all live over the socket.
 */
export function OpsPage({ user }: { user: SessionUser }) {
  const { markSignedOut } = useSession();
  const realtime = useRealtime({ userId: user.id, onSessionEnded: (reason) => markSignedOut(reason) });
  const live: OpsLive = { socket: realtime.socket, reconnections: realtime.reconnections };
  return (
    <ConsoleFrame
      user={user}
      testId="ops-page"
      actions={<ConnectionIndicator status={realtime.connection} />}
    >
      <div className="ops">
        <Routes>
          <Route index element={<OpsOverview live={live} />} />
          <Route path="incidents/:incidentId" element={<IncidentRoute live={live} />} />
          <Route path="*" element={<Navigate to="/ops" replace />} />
        </Routes>
      </div>
    </ConsoleFrame>
  );
}

function OpsOverview({ live }: { live: OpsLive }) {
  const { t } = useTranslation();
  const incidentName = useIncidentName();
  useDocumentTitle(`${t('app.sections.ops')} · ${t('app.name')}`);
  const incidents = useIncidents(live);
  return (
    <main className="ops__main" aria-labelledby="ops-heading">
      <h1 id="ops-heading" className="ops__title">
        {t('app.sections.ops')}
      </h1>
      <VolumePanel incidents={incidents.incidents} />
      <IncidentList state={incidents} />
      <LiveAnnouncer
        message={
          incidents.lastOpened ? t('ops.list.announced', { name: incidentName(incidents.lastOpened) }) : ''
        }
      />
    </main>
  );
}

function IncidentRoute({ live }: { live: OpsLive }) {
  const { incidentId = '' } = useParams();
  return <IncidentPage key={incidentId} id={incidentId} live={live} />;
}
