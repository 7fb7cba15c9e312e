export { SpikesModule } from './spikes.module';
export {
  SpikeScanner,
  SPIKE_SCANNER_OPTIONS,
  type SpikeScannerOptions,
  defaultSpikeScannerOptions,
} from './scanner/spike-scanner.service';
export { SpikeIncidentsService } from './incidents/spike-incidents.service';
export { BulkAnswersService } from './bulk-answers/bulk-answers.service';
