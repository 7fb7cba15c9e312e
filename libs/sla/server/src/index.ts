export { SlaModule } from './sla.module';
export {
  SlaScheduler,
  SLA_SCHEDULER_OPTIONS,
  type SlaSchedulerOptions,
} from './scheduler/sla-scheduler.service';
export { SlaAlertAudience } from './scheduler/sla-alert-audience';
export { SlaPoliciesService } from './policies/sla-policies.service';
export { SlaReadService } from './clocks/sla-read.service';
