export { SlaModule } from './sla.module';
export {
  SlaScheduler,
  SLA_SCHEDULER_OPTIONS,
  type SlaSchedulerOptions,
} from './scheduler/sla-scheduler.service';
export { SlaAlertAudience } from './scheduler/sla-alert-audience';
export { SlaAlertFilter, type SlaCoverageSource } from './scheduler/sla-alert-filter';
export { SlaPoliciesService } from './policies/sla-policies.service';
export { SlaReadService } from './clocks/sla-read.service';
export {
  SlaEscalationDispatcher,
  SLA_ESCALATION_OPTIONS,
  type SlaEscalationConsumer,
  type SlaEscalationOptions,
} from './escalations/sla-escalation.dispatcher';
export type { PendingSlaEscalation, SlaEscalationAction } from './escalations/sla-escalation.repository';
export {
  IcalUrlFetcher,
  icalFetchOptionsFor,
  SLA_ICAL_FETCH_OPTIONS,
  type IcalFetchOptions,
} from './policies/ical-url.fetcher';
