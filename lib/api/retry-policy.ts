/** How reads are retried: exponential backoff with full jitter, within a bounded budget. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first backoff's upper bound; it doubles with each attempt. */
  readonly baseDelayMs: number;
  /** No single wait is longer than this (a longer Retry-After ends the retries). */
  readonly maxDelayMs: number;
  /** The retries stop when the next wait would end past this much time since the first attempt. */
  readonly budgetMs: number;
}

// Throttling at the API gateway (APIG.0308) clears in 2-5 s per Huawei's FAQ
// (reference/dws-dr-api.md §4.2); a minute covers that and a brief 5xx blip without hiding an outage.
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  budgetMs: 60_000,
};

/**
 * HTTP statuses worth another try for an idempotent read. 409 is DWS.0011, "another operation is
 * being performed on the instance... try again later" (reference/dws-dr-api.md §4.1).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([409, 429, 500, 502, 503, 504]);

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or undefined to stop retrying.
 * A server's Retry-After wins over the computed backoff.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delay = retryAfterMs ?? Math.round(random() * backoff);
  if (delay > policy.maxDelayMs || elapsedMs + delay > policy.budgetMs) return undefined;
  return delay;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
