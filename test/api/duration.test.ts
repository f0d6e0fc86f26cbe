import {
  formatDuration,
  formatElapsed,
  parseDuration,
  requireDuration,
} from "../../lib/api/duration";
import { nextRetryDelay, parseRetryAfter } from "../../lib/api/retry-policy";
import { pollDelays } from "../../lib/runner/poll-schedule";

describe("durations", () => {
  it.each([
    ["30m", 1_800_000],
    ["1h30m", 5_400_000],
    ["90s", 90_000],
    ["500ms", 500],
    ["1.5s", 1500],
  ])("parses %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "m", "-5s", "-5m", "5 minutes", "1d"])("refuses %p", (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(() => requireDuration("timeout", text)).toThrow(
      /^timeout: .* is not a positive duration/,
    );
  });

  it.each(["5", "30", "1.5"])("says the unit is missing from %p, with examples", (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(() => requireDuration("timeout", text)).toThrow(
      `timeout: "${text}" has no unit. Write the unit, e.g. "${text}s" or "${text}m"`,
    );
  });

  it("renders a duration the way a user writes one, for wait lines", () => {
    expect([30 * 60_000, 90_000, 5_400_000, 800].map(formatDuration)).toEqual([
      "30m",
      "1m30s",
      "1h30m",
      "800ms",
    ]);
  });

  it("formats elapsed time for progress lines", () => {
    expect([formatElapsed(850), formatElapsed(12_340), formatElapsed(245_000)]).toEqual([
      "850ms",
      "12.3s",
      "4m05s",
    ]);
  });
});

describe("retry delays", () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 2000 };

  it("backs off exponentially with full jitter", () => {
    const top = (attempt: number) => nextRetryDelay(policy, attempt, 0, undefined, () => 0.999);
    expect([top(1), top(2), top(3)]).toEqual([100, 200, 400]);
  });

  it("stops after the attempts or the budget run out", () => {
    expect(nextRetryDelay(policy, 4, 0, undefined)).toBeUndefined();
    expect(nextRetryDelay(policy, 1, 1950, 100)).toBeUndefined();
  });

  it("honours Retry-After, but not past the longest wait", () => {
    expect(nextRetryDelay(policy, 1, 0, 700)).toBe(700);
    expect(nextRetryDelay(policy, 1, 0, 5000)).toBeUndefined();
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 12:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("poll schedule", () => {
  it("starts fast and backs off up to the poll interval", () => {
    const delays = pollDelays(2000);
    const first = Array.from({ length: 7 }, () => delays.next().value);
    expect(first).toEqual([250, 375, 563, 845, 1268, 1902, 2000]);
  });
});
