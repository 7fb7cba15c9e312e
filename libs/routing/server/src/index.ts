export { RoutingModule } from './routing.module';
export { QueueDrainer, type DrainReport } from './queue/queue-drainer.service';
export { AgentStatusService } from './agents/agent-status.service';
export { AssignmentsService } from './assignments/assignments.service';
export { RoutingRepository } from './queue/routing.repository';
export type { CrmRoutingFacts, CrmRoutingFactsSource } from './crm/crm-routing-facts';
export { HoursOpenings, type HoursCheck } from './agents/hours-openings.service';
export { DueTimes } from './queue/due-times';
export type { DueSource, SlaDueTime, SlaDueTimesSource } from './sla/sla-due-times';
