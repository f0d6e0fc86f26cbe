import type { Credentials } from "./credentials";
import type { RetryPolicy } from "./retry-policy";

// The settings of the DWS DR client and of one read: kept apart so the client module holds only
// the requests, retries and deadlines.

/** Settings of a `DwsDrClient` (client.ts). */
export interface DwsDrClientOptions {
  /** Scheme, host and port, e.g. `https://dws.cn-north-4.myhuaweicloud.com`. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: Credentials;
  /** Per-request timeout. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** How reads (and throttled actions) are retried. @default DEFAULT_RETRY_POLICY */
  readonly retryPolicy?: RetryPolicy;
  /** Largest response body accepted, in bytes. @default 1 MiB */
  readonly maxResponseBytes?: number;
  /** Told about each retry, for progress lines. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** A read that failed and is about to be tried again. */
export interface RetryEvent {
  readonly what: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Limits of one read. */
export interface ReadOptions {
  /**
   * Epoch ms after which the read gives up (the run's timeout): each attempt gets only the time
   * left, and no retry starts past it.
   * @default - only the retry policy bounds the read
   */
  readonly deadline?: number;
}
