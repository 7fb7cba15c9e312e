export type {
  AgentSnapshot,
  AgentStatus,
  AssignedDecision,
  AssignmentReason,
  ConversationPriority,
  ConversationToRoute,
  IneligibilityReason,
  QueuedDecision,
  QueuedWhy,
  RoutingDecision,
  SkillFallback,
  SkippedCandidate,
  TeamRoutingPolicy,
} from './lib/routing.types';
export {
  assignmentReasonLabel,
  checkEligibility,
  describeIneligibility,
  hasRoom,
  isOnDuty,
  primaryLanguage,
  queuedWhyLabel,
  skillsNobodyHolds,
} from './lib/agent-eligibility.rules';
export { chooseAgent } from './lib/choose-agent.policy';
export { compareQueued, priorityRank } from './lib/queue-order.rules';
export {
  drainQueue,
  type DrainResult,
  type QueueAssignment,
  type StillQueued,
} from './lib/drain-queue.policy';
export {
  conversationsToReturn,
  defaultOfflineGraceMs,
  type ConversationToReturn,
  type HeldConversation,
} from './lib/offline-return.rules';
export {
  validateBulkReassignment,
  type BulkReassignmentResult,
  type BulkRejection,
  type ReassignableConversation,
} from './lib/bulk-reassignment.validator';
export {
  emptySkillPolicy,
  maxSkillRules,
  mergeRoutingFacts,
  parseSkillFallback,
  parseSkillRules,
  requiredSkillsFor,
  type ConversationKind,
  type RoutingFacts,
  type SkillPolicy,
  type SkillRule,
  type SkillRuleConditions,
} from './lib/skill-rules';
export {
  hoursSourceOf,
  parseWorkingHours,
  WorkingHours,
  type AgentHours,
  type HoursSource,
} from './lib/working-hours.rules';
