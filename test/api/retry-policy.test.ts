import { nextRetryDelay, parseRetryAfter, RetryPolicy } from "../../lib/api/retry-policy";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 2000 };

describe("nextRetryDelay", () => {
  it("doubles the backoff's bound with each attempt, with full jitter", () => {
    expect(nextRetryDelay(policy, 1, 0, undefined, () => 1)).toBe(100);
    expect(nextRetryDelay(policy, 2, 0, undefined, () => 1)).toBe(200);
    expect(nextRetryDelay(policy, 3, 0, undefined, () => 0.5)).toBe(200);
  });

  it("stops after the policy's attempts", () => {
    expect(nextRetryDelay(policy, 4, 0, undefined, () => 1)).toBeUndefined();
  });

  it("lets Retry-After win, and stops when it is longer than a single wait may be", () => {
    expect(nextRetryDelay(policy, 1, 0, 700)).toBe(700);
    expect(nextRetryDelay(policy, 1, 0, 1001)).toBeUndefined();
  });

  it("stops when the wait would end past the budget", () => {
    expect(nextRetryDelay(policy, 1, 1500, 500)).toBe(500);
    expect(nextRetryDelay(policy, 1, 1501, 500)).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
