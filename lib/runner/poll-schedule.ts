// The first poll comes quickly so a short transition is noticed within about a second; the
// delays then grow by half each time up to the poll interval, keeping a long wait cheap.
const FIRST_POLL_MS = 250;
const GROWTH = 1.5;

/** Yields the delay before each poll: 250 ms, then 1.5x each time, capped at `pollIntervalMs`. */
export function* pollDelays(pollIntervalMs: number): Generator<number, never> {
  let delay = Math.min(FIRST_POLL_MS, pollIntervalMs);
  for (;;) {
    yield delay;
    delay = Math.min(pollIntervalMs, Math.round(delay * GROWTH));
  }
}
