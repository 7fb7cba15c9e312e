import { type RoutingAgentView } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { canReceive } from './agent-load';

/**
 * The agents a conversation can be given to, for a reassignment select: name, availability and load; offline
 * agents are listed but cannot be chosen (routing refuses them).
 */
export function AgentOptions({ agents }: { agents: readonly RoutingAgentView[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('supervisor.reassign.choose')}</option>
      {agents.map((agent) => (
        <option key={agent.userId} value={agent.userId} disabled={!canReceive(agent)}>
          {t('supervisor.reassign.agentOption', {
            name: agent.displayName,
            status: t(`routing.status.${agent.status}`),
            open: agent.openCount,
            capacity: agent.capacity,
          })}
        </option>
      ))}
    </>
  );
}
