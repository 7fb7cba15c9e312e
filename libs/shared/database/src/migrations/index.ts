import { Identity1763870400000 } from './1763870400000-identity';
import { Conversations1763956800000 } from './1763956800000-conversations';
import { TriageOnIngestion1764043200000 } from './1764043200000-triage-on-ingestion';
import { Outbox1764129600000 } from './1764129600000-outbox';
import { Sla1764216000000 } from './1764216000000-sla';
import { Routing1764302400000 } from './1764302400000-routing';
import { Crm1764388800000 } from './1764388800000-crm';
import { Spikes1764475200000 } from './1764475200000-spikes';
import { IncidentActions1764561600000 } from './1764561600000-incident-actions';
import { SlaReevaluationAndEscalations1764648000000 } from './1764648000000-sla-reevaluation-and-escalations';
import { RoutingHoursSkillsAndSealedSecrets1764734400000 } from './1764734400000-routing-hours-skills-and-sealed-secrets';
import { InboxViewsAndCannedAnswers1764820800000 } from './1764820800000-inbox-views-and-canned-answers';
import { IncidentOperations1764907200000 } from './1764907200000-incident-operations';

/** One linear history, oldest first. Never edit a merged migration: add a new one. */
export const migrations = [
  Identity1763870400000,
  Conversations1763956800000,
  TriageOnIngestion1764043200000,
  Outbox1764129600000,
  Sla1764216000000,
  Routing1764302400000,
  Crm1764388800000,
  Spikes1764475200000,
  IncidentActions1764561600000,
  SlaReevaluationAndEscalations1764648000000,
  RoutingHoursSkillsAndSealedSecrets1764734400000,
  InboxViewsAndCannedAnswers1764820800000,
  IncidentOperations1764907200000,
];
