import type { DataSource } from 'typeorm';
import type { Clock } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { SlaClockRepository } from './clocks/sla-clock.repository';
import {
  defaultSlaEscalationOptions,
  SlaEscalationDispatcher,
  type SlaEscalationOptions,
} from './escalations/sla-escalation.dispatcher';
import { SlaEscalationRepository } from './escalations/sla-escalation.repository';
import { SlaReadService } from './clocks/sla-read.service';
import { SlaUpdatePublisher } from './clocks/sla-update.publisher';
import { SlaPoliciesService } from './policies/sla-policies.service';
import { SlaPolicyCatalog } from './policies/sla-policy.catalog';
import { SlaPolicyRepository } from './policies/sla-policy.repository';
import { SlaAlertAudience } from './scheduler/sla-alert-audience';
import { SlaScheduler, type SlaSchedulerOptions } from './scheduler/sla-scheduler.service';

/**
 * The SLA scheduler, escalation dispatcher and policy services wired by hand on a DataSource, without Nest: what
 * the benchmark and the scheduler's multi-process test run ("a process" = one of these on its own connection pool).
 */
export function createStandaloneSla(params: {
  dataSource: DataSource;
  clock: Clock;
  scheduler: SlaSchedulerOptions;
  escalations?: Partial<SlaEscalationOptions>;
}) {
  const { dataSource, clock } = params;
  const policies = new SlaPolicyRepository(dataSource);
  const catalog = new SlaPolicyCatalog(policies);
  const clocks = new SlaClockRepository();
  const events = new DomainEventBus();
  const updates = new SlaUpdatePublisher(
    dataSource,
    events,
    new SlaReadService(dataSource, clocks, catalog, policies),
  );
  const audience = new SlaAlertAudience();
  const escalationQueue = new SlaEscalationRepository();
  return {
    policies,
    catalog,
    clocks,
    events,
    escalationQueue,
    scheduler: new SlaScheduler(
      dataSource,
      clocks,
      catalog,
      audience,
      updates,
      events,
      clock,
      params.scheduler,
      escalationQueue,
    ),
    escalations: new SlaEscalationDispatcher(dataSource, escalationQueue, clocks, clock, {
      ...defaultSlaEscalationOptions,
      ...params.escalations,
    }),
    service: new SlaPoliciesService(dataSource, policies, clocks, catalog, updates, clock),
  };
}
