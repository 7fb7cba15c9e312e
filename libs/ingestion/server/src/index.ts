export { IngestionModule, ingestionEntities } from './ingestion.module';
export { IngestionSupervisor } from './ingestion/ingestion-supervisor.service';
export { demoXAccount } from './accounts/demo-channel-bootstrap.service';
