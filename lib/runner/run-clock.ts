import { formatDuration, formatElapsed } from "../api/duration";
import { interruptibleSleep } from "./interruptible";

// Issue 12: a long wait says what it waits for at least this often.
const DEFAULT_WAIT_REPORT_MS = 30_000;

/** What a {@link RunClock} needs from its run. */
export interface RunClockOptions {
  readonly timeoutMs: number;
  /** @default 30000 */
  readonly waitReportMs?: number;
  readonly signal?: AbortSignal;
  /** Writes a wait report line. */
  readonly report: (line: string) => void;
  /** The last status read, for the wait reports. */
  readonly lastStatus: () => string | undefined;
  /** The error to throw when the deadline has passed while `doing` something. */
  readonly timedOut: (doing: string) => Error;
}

/**
 * A run's time: its start and deadline, and sleeps that never pass the deadline, end at once when
 * the signal aborts, and say every so often what they wait for and how long it has been.
 */
export class RunClock {
  /** When the run started (epoch ms). */
  readonly startedAt = Date.now();
  /** When the run's timeout runs out (epoch ms). */
  readonly deadline: number;
  private currentWait: { doing: string; reportedAt: number } | undefined;

  constructor(private readonly options: RunClockOptions) {
    this.deadline = this.startedAt + options.timeoutMs;
  }

  /** What the current (or last) wait was for, e.g. `waiting for "running"`. */
  get doing(): string | undefined {
    return this.currentWait?.doing;
  }

  /** The time since the start, e.g. `1m30s`. */
  elapsed(): string {
    return formatElapsed(Date.now() - this.startedAt);
  }

  /** Sleeps up to `ms` (never past the deadline), saying what it waits for every so often. */
  async pause(ms: number, doing: string): Promise<void> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.options.timedOut(doing);
    const reportEvery = this.options.waitReportMs ?? DEFAULT_WAIT_REPORT_MS;
    if (this.currentWait?.doing !== doing) {
      this.currentWait = { doing, reportedAt: Date.now() };
      this.reportWait();
    }
    const until = Date.now() + Math.min(ms, left);
    while (Date.now() < until) {
      const reportAt = this.currentWait.reportedAt + reportEvery;
      await interruptibleSleep(
        Math.max(0, Math.min(until, reportAt) - Date.now()),
        this.options.signal,
      );
      if (Date.now() >= reportAt) {
        this.currentWait.reportedAt = Date.now();
        this.reportWait();
      }
    }
  }

  // e.g. `waiting for "running" (status "starting"): 1m30s of 30m`
  private reportWait(): void {
    this.options.report(
      `${this.currentWait?.doing} (status "${this.options.lastStatus() ?? "unknown"}"): ` +
        `${this.elapsed()} of ${formatDuration(this.options.timeoutMs)}`,
    );
  }
}
