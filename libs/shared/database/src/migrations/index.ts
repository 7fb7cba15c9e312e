import { Identity1763870400000 } from './1763870400000-identity';

/** One linear history, oldest first. Never edit a merged migration: add a new one. */
export const migrations = [Identity1763870400000];
