import { type SpikeIncidentView } from '@vigie/contracts';
import { useCallback, useEffect, useState } from 'react';
import { type ConsoleSocket, listen } from '../realtime/socket.client';
import { fetchIncident } from './ops.api';

export type IncidentState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'notFound' }
  | { status: 'ok'; incident: SpikeIncidentView };

/**
 * One incident, kept live by its `incident.*` events (each carries the whole incident: the live count, the
 * linked conversations' count, each bulk answer's progress). Read again after each reconnection.
 */
export function useIncident(params: { id: string; socket: ConsoleSocket | null; reconnections: number }): {
  state: IncidentState;
  /** Shows what an action answered, before its event arrives. */
  replace: (incident: SpikeIncidentView) => void;
  retry: () => void;
} {
  const { id, socket, reconnections } = params;
  const [state, setState] = useState<IncidentState>({ status: 'loading' });
  const [reads, setReads] = useState(0);

  useEffect(() => {
    // The page is keyed by the incident's id: a read again (reconnection, retry) keeps what is shown meanwhile.
    let isCurrent = true;
    void fetchIncident(id).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') setState({ status: 'ok', incident: result.body });
      else if (result.failure.kind === 'http' && [400, 404].includes(result.failure.status))
        setState({ status: 'notFound' });
      else setState({ status: 'failed' });
    });
    return () => {
      isCurrent = false;
    };
  }, [id, reads, reconnections]);

  useEffect(() => {
    if (!socket) return;
    const apply = ({ incident }: { incident: SpikeIncidentView }) => {
      if (incident.id === id) setState({ status: 'ok', incident });
    };
    return listen(socket, { 'incident.updated': apply, 'incident.closed': apply, 'incident.opened': apply });
  }, [socket, id]);

  const replace = useCallback(
    (incident: SpikeIncidentView) => {
      if (incident.id === id) setState({ status: 'ok', incident });
    },
    [id],
  );
  const retry = useCallback(() => setReads((count) => count + 1), []);
  return { state, replace, retry };
}
