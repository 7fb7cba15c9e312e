import { type ServerToClientEvents } from '@vigie/contracts';
import {
  type Dispatch,
  type SetStateAction,
  useCallback,
  useEffect,
  useEffectEvent,
  useRef,
  useState,
} from 'react';
import { type ConsoleSocket, listen, type ServerEventHandlers } from '../realtime/socket.client';
import { type ApiResult } from '../shared/http';

export type LiveResource<T> = {
  /** What the last read of this `key` gave; null until it arrived (another key's data is never shown). */
  data: T | null;
  hasFailed: boolean;
  /** Read again now (a burst of calls while a read is under way costs one more read). */
  refresh: () => void;
  /** Patch what is shown from an event, before the next read confirms it. */
  setData: Dispatch<SetStateAction<T | null>>;
};

/**
 * One piece of the board kept live: read when `key` changes, after every reconnection (events sent while
 * disconnected are not replayed), when one of `events` arrives, and every `pollMs` — the safety net for what no
 * event announces to this role (ops hear no SLA events; admins no warnings). Reads are coalesced: at most one
 * under way and one asked for next. `load` may change between renders; the latest one is used.
 */
export function useLiveResource<T>(params: {
  key: string;
  load: () => Promise<ApiResult<T>>;
  socket: ConsoleSocket | null;
  reconnections: number;
  events?: readonly (keyof ServerToClientEvents)[];
  pollMs?: number;
}): LiveResource<T> {
  const { key, socket, reconnections, pollMs } = params;
  const [data, setData] = useState<T | null>(null);
  const [dataKey, setDataKey] = useState<string | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [reads, setReads] = useState(0);
  const isReading = useRef(false);
  const isReadPending = useRef(false);
  const load = useEffectEvent(() => params.load());
  const eventNames = (params.events ?? []).join(',');

  const refresh = useCallback(() => {
    if (isReading.current) isReadPending.current = true;
    else setReads((count) => count + 1);
  }, []);

  useEffect(() => {
    let isCurrent = true;
    isReading.current = true;
    void load().then((result) => {
      if (!isCurrent) return;
      isReading.current = false;
      if (result.kind === 'ok') {
        setData(result.body);
        setDataKey(key);
        setHasFailed(false);
      } else setHasFailed(true);
      if (isReadPending.current) {
        isReadPending.current = false;
        setReads((count) => count + 1);
      }
    });
    return () => {
      isCurrent = false;
      isReading.current = false;
    };
  }, [key, reconnections, reads]);

  useEffect(() => {
    if (!socket || eventNames === '') return;
    const handlers: ServerEventHandlers = {};
    for (const name of eventNames.split(',') as (keyof ServerToClientEvents)[])
      Object.assign(handlers, { [name]: refresh });
    return listen(socket, handlers);
  }, [socket, eventNames, refresh]);

  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(refresh, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, refresh]);

  return { data: dataKey === key ? data : null, hasFailed, refresh, setData };
}
