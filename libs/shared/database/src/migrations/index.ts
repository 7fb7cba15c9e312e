import { Identity1763870400000 } from './1763870400000-identity';
import { Conversations1763956800000 } from './1763956800000-conversations';

/** One linear history, oldest first. Never edit a merged migration: add a new one. */
export const migrations = [Identity1763870400000, Conversations1763956800000];
