import { useCallback, useState } from 'react';

/**
 * What a list page is editing (null: nothing, the list alone) and the last "saved" line: opening an editor clears
 * that line, finishing closes the editor and says what was done.
 */
export function useEditing<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const open = useCallback((value: T) => {
    setSavedMessage(null);
    setEditing(value);
  }, []);
  const finish = useCallback((message: string) => {
    setEditing(null);
    setSavedMessage(message);
  }, []);
  const cancel = useCallback(() => setEditing(null), []);
  return { editing, savedMessage, open, finish, cancel };
}
