export { SpikesModule } from './spikes.module';
export {
  SpikeScanner,
  SPIKE_SCANNER_OPTIONS,
  type SpikeScannerOptions,
  defaultSpikeScannerOptions,
} from './scanner/spike-scanner.service';
export { SpikeIncidentsService } from './incidents/spike-incidents.service';
export { BulkAnswersService } from './bulk-answers/bulk-answers.service';
export { IncidentWebhookDeliverer } from './webhooks/incident-webhook-deliverer';
export { IncidentSlaWatch } from './sla/incident-sla-watch';
export { IncidentCoverage } from './sla/incident-coverage';
export { DemoSpikeHistory, type DemoSpikeHistoryOutcome } from './demo/demo-spike-history.service';
