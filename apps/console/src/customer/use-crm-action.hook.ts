import { useCallback, useState } from 'react';
import { type ApiResult, type RequestFailure } from '../shared/http';

/** How the last action of a panel section went: what was done (said politely), or why the API refused. */
export type CrmActionOutcome =
  { kind: 'done'; message: string } | { kind: 'failed'; failure: RequestFailure };

/**
 * Runs one CRM request at a time for a section of the customer panel, keeps its outcome to show (the API's
 * refusal, a 409 "identity taken" or a 403 for a role, stays on screen until the next action), and calls
 * `onChanged` (read the picture again) once a change went through.
 */
export function useCrmAction(onChanged: () => void) {
  const [outcome, setOutcome] = useState<CrmActionOutcome | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const run = useCallback(
    async <T>(request: () => Promise<ApiResult<T>>, describeDone: (body: T) => string): Promise<boolean> => {
      setIsBusy(true);
      setOutcome(null);
      const result = await request();
      setIsBusy(false);
      if (result.kind === 'failed') {
        setOutcome({ kind: 'failed', failure: result.failure });
        return false;
      }
      setOutcome({ kind: 'done', message: describeDone(result.body) });
      onChanged();
      return true;
    },
    [onChanged],
  );

  return { outcome, isBusy, run };
}
