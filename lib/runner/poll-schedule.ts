// When to read the status while waiting. The goal (issue 9): notice the end of a transition
// within 1 s plus 5% of its length, with fewer reads than polling every second. So the gap after
// a read grows with the time already waited: 0.96 s + 5% of it, capped at the poll interval.
// Whenever the transition ends, the next read comes at most that gap later, so the delay stays
// within the bound, with 40 ms to spare for the read itself and the process exit; and a long
// wait is cheap (about 40 reads over two minutes instead of 120). No schedule within the bound
// reads less at the start (its first reads cannot come later), so a 3 s transition takes three
// reads, as 1 s polling does; the savings come with longer waits.
const FIRST_GAP_MS = 960;
const GROWTH_PER_MS_WAITED = 0.05;

/**
 * Yields the delay before each read: 960 ms + 5% of the time waited so far (the sum of the delays
 * yielded), never more than `pollIntervalMs`.
 */
export function* pollDelays(pollIntervalMs: number): Generator<number, never> {
  let waitedMs = 0;
  for (;;) {
    const delay = Math.round(
      Math.min(pollIntervalMs, FIRST_GAP_MS + GROWTH_PER_MS_WAITED * waitedMs),
    );
    waitedMs += delay;
    yield delay;
  }
}
