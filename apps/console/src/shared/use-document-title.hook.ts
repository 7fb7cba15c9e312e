import { useEffect } from 'react';

/** Keeps the tab title in step with the page and the language: "Inbox · Vigie". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
