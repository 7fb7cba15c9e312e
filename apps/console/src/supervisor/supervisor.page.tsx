import { type SessionUser } from '@vigie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleFrame } from '../app/console-frame.component';
import { useSession } from '../auth/session.context';
import { ConnectionIndicator } from '../inbox/connection-indicator.component';
import { useRealtime } from '../realtime/use-realtime.hook';
import { useDocumentTitle } from '../shared/use-document-title.hook';

// The board (and, behind it, the charts' library) is its own chunk: agents, who never open it, do not download it.
const loadBoard = () => import('./supervisor-board.component');
type BoardModule = Awaited<ReturnType<typeof loadBoard>>;

/** `/supervisor`: the live SLA board (supervisors, ops, admins; `RequireSection` keeps the others out). */
export function SupervisorPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { markSignedOut } = useSession();
  const { connection, socket, reconnections } = useRealtime({
    userId: user.id,
    onSessionEnded: (reason) => markSignedOut(reason),
  });
  const [board, setBoard] = useState<BoardModule | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void loadBoard().then((module) => {
      if (isCurrent) setBoard(module);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  useDocumentTitle(`${t('app.sections.slaBoard')} · ${t('app.name')}`);

  return (
    <ConsoleFrame user={user} testId="supervisor-page" actions={<ConnectionIndicator status={connection} />}>
      {board ? (
        <board.SupervisorBoard user={user} socket={socket} reconnections={reconnections} />
      ) : (
        <main className="board" aria-labelledby="board-heading">
          <h1 id="board-heading">{t('app.sections.slaBoard')}</h1>
          <p role="status">{t('supervisor.loading')}</p>
        </main>
      )}
    </ConsoleFrame>
  );
}
