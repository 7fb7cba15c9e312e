import { type SpikeIncidentView } from '@vigie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ConsoleSocket, listen } from '../realtime/socket.client';
import { fetchIncidents } from './ops.api';
import { applyIncidentChange, sortIncidents } from './incidents';

/** The socket the ops pages listen on, and how many times it reconnected (then they read again). */
export type OpsLive = { socket: ConsoleSocket | null; reconnections: number };

export type IncidentsState = {
  /** Null until the first read arrived. */
  incidents: SpikeIncidentView[] | null;
  hasFailed: boolean;
  /** The last incident opened while the list was shown (for the live announcement). */
  lastOpened: SpikeIncidentView | null;
  retry: () => void;
};

/**
 * The newest incidents, kept live: `incident.opened`, `incident.updated` and `incident.closed` each carry the
 * whole incident, which replaces its row. Read again after each reconnection (events are not replayed); events
 * heard while a read is under way are applied on top of what it returns, so a slow read never undoes them.
 */
export function useIncidents(params: {
  socket: ConsoleSocket | null;
  reconnections: number;
}): IncidentsState {
  const { socket, reconnections } = params;
  const [incidents, setIncidents] = useState<SpikeIncidentView[] | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [lastOpened, setLastOpened] = useState<SpikeIncidentView | null>(null);
  const [reads, setReads] = useState(0);
  const heardDuringRead = useRef(new Map<string, SpikeIncidentView>());

  useEffect(() => {
    let isCurrent = true;
    heardDuringRead.current = new Map();
    void fetchIncidents().then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'failed') {
        setHasFailed(true);
        return;
      }
      setHasFailed(false);
      let next = sortIncidents(result.body.incidents);
      for (const incident of heardDuringRead.current.values()) next = applyIncidentChange(next, incident);
      setIncidents(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [reads, reconnections]);

  useEffect(() => {
    if (!socket) return;
    const apply = (incident: SpikeIncidentView) => {
      heardDuringRead.current.set(incident.id, incident);
      setIncidents((current) => (current ? applyIncidentChange(current, incident) : current));
    };
    return listen(socket, {
      'incident.opened': ({ incident }) => {
        apply(incident);
        setLastOpened(incident);
      },
      'incident.updated': ({ incident }) => apply(incident),
      'incident.closed': ({ incident }) => apply(incident),
    });
  }, [socket]);

  const retry = useCallback(() => setReads((count) => count + 1), []);
  return { incidents, hasFailed, lastOpened, retry };
}
