import type { IngestionMode } from '@vigie/contracts';
import type { AccountRef, ChannelFailure, NormaliseOutcome } from '@vigie/ingestion-core';

/** A connected account as adapters see it: decrypted credentials, never logged. */
export type ConnectedAccount = {
  id: string;
  brandId: string;
  channel: string;
  externalUserId: string;
  handle: string;
  mode: IngestionMode;
  credentials: Record<string, string>;
  apiBaseUrl: string | undefined;
};

/** The account as normalisers need it. */
export function accountRefOf(account: ConnectedAccount): AccountRef {
  return {
    brandId: account.brandId,
    channelAccountId: account.id,
    externalUserId: account.externalUserId,
    handle: account.handle,
  };
}

/** Where an item came from: each polling source has its own cursor. */
export type IngestionSource = 'stream' | 'mentions' | 'dm' | 'webhook';

/** What recording a batch gave: how many were stored, duplicates, skipped, dead-lettered. */
export type SinkResult = { stored: number; duplicates: number; skipped: number; deadLetters: number };

/** Everything an account's worker needs from the generic ingestion code. */
export type WorkerContext = {
  account: ConnectedAccount;
  signal: AbortSignal;
  /** Stores the batch (exactly once), dead-letters the malformed, counts the skipped. Resolves after commit. */
  record(outcomes: NormaliseOutcome[], source: IngestionSource): Promise<SinkResult>;
  readCursor(source: IngestionSource): Promise<string | null>;
  /** Call only after the items up to `externalId` are committed: a crash must never skip past them. */
  advanceCursor(source: IngestionSource, externalId: string): Promise<void>;
  /** Waits `ms` unless the worker is stopped first (then resolves early). */
  sleep(ms: number): Promise<void>;
  /** The delay before the next attempt after a failure (rate limits wait for the reset). */
  retryDelayMs(failure: ChannelFailure, attempt: number): number;
  reportHealthy(): Promise<void>;
  reportFailure(description: string): Promise<void>;
  timing: { pollIntervalMs: number; dmPollIntervalMs: number; streamStallTimeoutMs: number };
};

/**
 * One adapter per channel (`channels/<name>/`): generic code finds it by `channel` and never branches on
 * the channel's name.
 */
export interface ChannelAdapter {
  readonly channel: string;
  /** Checks the credentials with the channel and returns who they belong to. */
  verifyCredentials(params: {
    credentials: Record<string, string>;
    apiBaseUrl: string | undefined;
  }): Promise<{ externalUserId: string; handle: string; displayName: string }>;
  /** Runs the account's ingestion loops until `context.signal` aborts; never rejects for channel failures. */
  run(context: WorkerContext): Promise<void>;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
