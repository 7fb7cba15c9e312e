/** A polite live region: screen readers read `message` when it changes (e.g. a new incident). */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="ops-announcer">
      {message}
    </p>
  );
}
