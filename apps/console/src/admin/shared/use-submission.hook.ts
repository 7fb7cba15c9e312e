import { useCallback, useState } from 'react';
import { type ApiResult, type RequestFailure } from '../../shared/http';

/**
 * One form's sending state: whether a request is on its way (the button is disabled meanwhile), the last
 * refusal to show, and whether the last one went through (for a polite "Saved").
 */
export function useSubmission() {
  const [isSending, setIsSending] = useState(false);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [hasSucceeded, setHasSucceeded] = useState(false);

  const submit = useCallback(async <T>(send: () => Promise<ApiResult<T>>, onSuccess: (body: T) => void) => {
    setIsSending(true);
    setFailure(null);
    setHasSucceeded(false);
    const result = await send();
    setIsSending(false);
    if (result.kind === 'failed') {
      setFailure(result.failure);
      return;
    }
    setHasSucceeded(true);
    onSuccess(result.body);
  }, []);

  const reset = useCallback(() => {
    setFailure(null);
    setHasSucceeded(false);
  }, []);

  return { isSending, failure, hasSucceeded, submit, reset };
}
