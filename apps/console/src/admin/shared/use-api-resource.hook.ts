import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { type ApiResult, type RequestFailure } from '../../shared/http';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'failed'; failure: RequestFailure } | { status: 'ready'; data: T };

/**
 * Reads one API resource when `key` changes (null: nothing to read yet) and again on `reload()`. A new key shows
 * "loading" (never the previous brand's data); a reload keeps what is shown until the answer comes. An answer
 * that arrives after the key changed is dropped.
 */
export function useApiResource<T>(
  key: string | null,
  load: () => Promise<ApiResult<T>>,
): { state: ResourceState<T>; reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const shownKey = useRef<string | null>(null);
  const read = useEffectEvent(() => load());

  useEffect(() => {
    if (key === null) return;
    let isCurrent = true;
    if (shownKey.current !== key) setState({ status: 'loading' });
    shownKey.current = key;
    void read().then((result) => {
      if (!isCurrent) return;
      setState(
        result.kind === 'ok'
          ? { status: 'ready', data: result.body }
          : { status: 'failed', failure: result.failure },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload, replace };
}
