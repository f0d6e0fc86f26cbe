import { pollDelays } from "../../lib/runner/poll-schedule";

/** The first `count` delays and the time (ms since the wait began) of each read. */
function schedule(pollIntervalMs: number, count: number) {
  const delays = pollDelays(pollIntervalMs);
  const readsAt: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += delays.next().value;
    readsAt.push(at);
  }
  return readsAt;
}

/** When a transition ending at `endMs` is noticed: the first read at or after it. */
function noticedAt(readsAt: number[], endMs: number): { at: number; reads: number } {
  const index = readsAt.findIndex((at) => at >= endMs);
  return { at: readsAt[index], reads: index + 1 };
}

const bound = (transitionMs: number) => 1000 + 0.05 * transitionMs;

describe("the poll schedule", () => {
  test("a transition ending at any moment is noticed within 1 s + 5% of its length, 40 ms to spare", () => {
    // given the default 10 s poll interval, over the 30 minutes of the default timeout
    const readsAt = schedule(10_000, 400);
    expect(readsAt.at(-1)).toBeGreaterThan(30 * 60_000);

    // then the worst case, a transition ending just after a read, is noticed at the next read
    for (let i = 0; i + 1 < readsAt.length; i++) {
      const endsJustAfter = readsAt[i] + 1;
      const delay = noticedAt(readsAt, endsJustAfter).at - endsJustAfter;
      if (bound(endsJustAfter) < 10_000)
        expect(delay).toBeLessThanOrEqual(bound(endsJustAfter) - 40);
      expect(delay).toBeLessThanOrEqual(10_000); // the poll interval bounds every gap
    }
  });

  test("the poll interval is the upper bound of every gap", () => {
    for (const interval of [100, 500, 960, 2_000, 10_000, 60_000]) {
      const delays = pollDelays(interval);
      for (let i = 0; i < 500; i++) expect(delays.next().value).toBeLessThanOrEqual(interval);
    }
    expect(schedule(300, 3)).toEqual([300, 600, 900]); // shorter than the first gap: fixed
  });

  test("the gap grows with the time waited, up to the poll interval", () => {
    const delays = pollDelays(10_000);
    const first = [1, 2, 3].map(() => delays.next().value);
    expect(first).toEqual([960, 1008, 1058]);
    for (let i = 0; i < 100; i++) delays.next();
    expect(delays.next().value).toBe(10_000);
  });

  test.each([
    // transition, reads while waiting for it, reads of fixed 1 s polling
    [3_000, 3, 3],
    [30_000, 20, 30],
    [120_000, 41, 120],
  ])(
    "a %i ms transition: %i reads, where 1 s polling makes %i",
    (transitionMs, reads, perSecond) => {
      const noticed = noticedAt(schedule(10_000, 200), transitionMs);

      expect(noticed.reads).toBe(reads);
      expect(noticed.reads).toBeLessThanOrEqual(perSecond);
      expect(noticed.at - transitionMs).toBeLessThanOrEqual(bound(transitionMs));
    },
  );
});
