import type { DwsDrClient } from "../api/client";
import { OutcomeUnknownError } from "../api/client";
import { formatElapsed } from "../api/duration";
import { DwsDrError } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import {
  ACTION_RULES,
  ActionRule,
  DrAction,
  classifyAfterAction,
  classifyBeforeAction,
} from "../api/status-model";
import { pollDelays } from "./poll-schedule";

/** The part of the API client a run needs. */
export type DrApi = Pick<DwsDrClient, "getDetail" | "sendAction">;

/** What to run and how long to wait for it. */
export interface RunActionOptions {
  readonly action: DrAction;
  readonly disasterRecoveryId: string;
  /** Wait for the target status (otherwise return once the service accepted the action). */
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  /** Receives one progress line at a time (the CLI writes them to stderr). */
  readonly log?: (line: string) => void;
}

/** How a run ended well. */
export interface RunActionResult {
  readonly action: DrAction;
  /** The DR id the service returned (checked to equal the requested one). */
  readonly disasterRecoveryId: string;
  /** The last status read. */
  readonly status: string;
  /**
   * `completed`: sent and reached the target; `already-done`: the DR was already in the target
   * status, nothing was sent; `submitted`: sent, not waited for (`wait: false`).
   */
  readonly outcome: "completed" | "already-done" | "submitted";
  /** How many action requests were sent (0 or 1, 2 only after a lost response). */
  readonly requestsSent: number;
  readonly elapsedMs: number;
}

// After an action is accepted the detail may still show the old status for a moment; a failed
// status equal to the one we started from counts only once this long has passed without change.
const STALE_STATUS_GRACE_MS = 15_000;
// Re-sends allowed after a lost response, when the status proves the first one was not applied.
const MAX_ACTION_REQUESTS = 2;

/**
 * Runs one DR action end to end: precheck the status, send, and wait for the target status.
 * Safe to re-run: a DR already in the target status succeeds without sending anything, and a
 * request whose outcome is unknown is never re-sent before the status has been read.
 */
export async function runAction(api: DrApi, options: RunActionOptions): Promise<RunActionResult> {
  return new ActionRun(api, options).run();
}

class ActionRun {
  private readonly startedAt = Date.now();
  private readonly deadline: number;
  private readonly rule: ActionRule;
  private lastStatus: string | undefined;
  private requestsSent = 0;
  private lastSentAt = 0;

  constructor(
    private readonly api: DrApi,
    private readonly options: RunActionOptions,
  ) {
    this.deadline = this.startedAt + options.timeoutMs;
    this.rule = ACTION_RULES[options.action];
  }

  async run(): Promise<RunActionResult> {
    const { action } = this.options;
    const before = await this.settledDetail();
    const verdict = classifyBeforeAction(action, before.status);
    if (verdict === "target") {
      this.log(`already ${before.status}: nothing to do, no ${action} request sent`);
      return this.result(before, "already-done");
    }
    if (verdict !== "allowed") throw this.notAllowed(before.status);

    await this.send(before);
    if (!this.options.wait) {
      this.log(`${action} accepted; not waiting (--no-wait)`);
      return this.result(await this.api.getDetail(this.options.disasterRecoveryId), "submitted");
    }
    const after = await this.waitForTarget(before);
    this.log(`${action} done: ${after.status}`);
    return this.result(after, "completed");
  }

  /** Reads the detail, waiting while another transition runs, until the action can be decided. */
  private async settledDetail(): Promise<DisasterRecoveryDetail> {
    const delays = pollDelays(this.options.pollIntervalMs);
    for (;;) {
      const detail = await this.readDetail();
      if (classifyBeforeAction(this.options.action, detail.status) !== "in-progress") return detail;
      await this.pause(delays.next().value, `waiting for "${detail.status}" to settle`);
    }
  }

  private async send(before: DisasterRecoveryDetail): Promise<void> {
    const { action, disasterRecoveryId } = this.options;
    for (;;) {
      this.requestsSent++;
      this.lastSentAt = Date.now();
      this.log(`sending ${action}`);
      try {
        const { id } = await this.api.sendAction(action, disasterRecoveryId);
        if (id !== disasterRecoveryId) {
          throw new DwsDrError({
            category: "service",
            summary: `${action} returned DR id "${id}", not the requested "${disasterRecoveryId}"`,
            hint: "Check the DR task in the console before running again; nothing is assumed about it",
          });
        }
        return;
      } catch (error) {
        if (!(error instanceof DwsDrError)) throw error;
        const retry = await this.afterFailedSend(error, before);
        if (!retry) return;
      }
    }
  }

  /**
   * Decides what a failed send means by reading the status: true to send again, false when the
   * action is evidently under way; otherwise it throws.
   */
  private async afterFailedSend(
    error: DwsDrError,
    before: DisasterRecoveryDetail,
  ): Promise<boolean> {
    const ambiguous = error instanceof OutcomeUnknownError;
    // A state refusal may be a race with our own earlier request or another operator; look first.
    if (!ambiguous && error.category !== "refused") throw error;
    this.log(`${error.summary}; reading the status before deciding`);
    const now = await this.readDetail();
    if (this.showsActionUnderWay(now, before)) {
      this.log(`the DR is "${now.status}": the ${this.options.action} is under way`);
      return false;
    }
    const canResend =
      ambiguous &&
      this.rule.targetProvesCompletion &&
      classifyBeforeAction(this.options.action, now.status) === "allowed" &&
      this.requestsSent < MAX_ACTION_REQUESTS;
    if (canResend) return true;
    if (!ambiguous) throw error;
    throw new DwsDrError({
      category: "service",
      summary: `${error.summary}; afterwards the DR is "${now.status}"`,
      hint: `Check the DR in the console or with \`dws-dr status\` before running ${this.options.action} again`,
    });
  }

  // Evidence the action took effect: an in-progress status, the target reached where that
  // proves it, or (switchover, failover) the primary cluster changed.
  private showsActionUnderWay(
    now: DisasterRecoveryDetail,
    before: DisasterRecoveryDetail,
  ): boolean {
    if ((this.rule.inProgress as readonly string[]).includes(now.status)) return true;
    if (now.status === this.rule.target && this.rule.targetProvesCompletion) return true;
    return primaryChanged(now, before);
  }

  private async waitForTarget(before: DisasterRecoveryDetail): Promise<DisasterRecoveryDetail> {
    const delays = pollDelays(this.options.pollIntervalMs);
    let moved = false;
    for (;;) {
      await this.pause(delays.next().value, `waiting for "${this.rule.target}"`);
      const now = await this.readDetail({ tolerateServiceErrors: true });
      if (!now) continue;
      moved ||= now.status !== before.status || primaryChanged(now, before);
      const verdict = classifyAfterAction(this.options.action, now.status);
      // Counted from the send, not the run: a long wait to settle must not use up the grace.
      const stale = !moved && Date.now() - this.lastSentAt < STALE_STATUS_GRACE_MS;
      if (verdict === "target" && (this.rule.targetProvesCompletion || moved)) return now;
      if (verdict === "failed" && !stale) {
        throw new DwsDrError({
          category: "refused",
          summary: `${this.options.action} of DR ${this.options.disasterRecoveryId} ended in "${now.status}"`,
          hint: "See the DR task's events in the DWS console; fix the cause, then run again",
        });
      }
    }
  }

  private async readDetail(): Promise<DisasterRecoveryDetail>;
  private async readDetail(o: {
    tolerateServiceErrors: true;
  }): Promise<DisasterRecoveryDetail | undefined>;
  private async readDetail({ tolerateServiceErrors = false } = {}): Promise<
    DisasterRecoveryDetail | undefined
  > {
    try {
      // The run's timeout is a hard limit: a read gets only the time left.
      const detail = await this.api.getDetail(this.options.disasterRecoveryId, {
        deadline: this.deadline,
      });
      if (detail.status !== this.lastStatus) {
        this.log(
          this.lastStatus === undefined
            ? `status ${detail.status}`
            : `status ${this.lastStatus} -> ${detail.status}`,
        );
        this.lastStatus = detail.status;
      }
      return detail;
    } catch (error) {
      // A long wait outlives a brief outage: keep polling until the deadline.
      // A read cut short by the deadline ends the wait below, with the last status known.
      const tolerated =
        error instanceof DwsDrError && ["service", "timeout"].includes(error.category);
      if (tolerateServiceErrors && tolerated) {
        this.log(`${error.message}; polling on`);
        return undefined;
      }
      throw error;
    }
  }

  private async pause(ms: number, doing: string): Promise<void> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.timedOut(doing);
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, left)));
  }

  private timedOut(doing: string): DwsDrError {
    const { action, disasterRecoveryId, timeoutMs } = this.options;
    const sent = this.requestsSent > 0;
    return new DwsDrError({
      category: "timeout",
      summary:
        `${action} of DR ${disasterRecoveryId}: timed out after ${formatElapsed(timeoutMs)} ` +
        `${doing}; the DR is "${this.lastStatus ?? "unknown"}"`,
      hint: sent
        ? `The ${action} was accepted and may still complete; running again is safe (it will wait for it), or raise the timeout`
        : "Nothing was sent; run again once the DR has settled, or raise the timeout",
    });
  }

  private notAllowed(status: string): DwsDrError {
    const { action, disasterRecoveryId } = this.options;
    return new DwsDrError({
      category: "refused",
      summary:
        `${action} is not allowed while DR ${disasterRecoveryId} is "${status}" ` +
        `(allowed from: ${this.rule.allowedFrom.join(", ")}); nothing was sent`,
      hint: "Bring the DR into one of those statuses first",
    });
  }

  private result(
    detail: DisasterRecoveryDetail,
    outcome: RunActionResult["outcome"],
  ): RunActionResult {
    if (detail.id !== this.options.disasterRecoveryId) {
      throw new DwsDrError({
        category: "service",
        summary: `the service returned DR "${detail.id}" for "${this.options.disasterRecoveryId}"`,
      });
    }
    return {
      action: this.options.action,
      disasterRecoveryId: detail.id,
      status: detail.status,
      outcome,
      requestsSent: this.requestsSent,
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  private log(message: string): void {
    this.options.log?.(
      `${this.options.action} ${this.options.disasterRecoveryId}: ${message} (${formatElapsed(Date.now() - this.startedAt)})`,
    );
  }
}

function primaryChanged(now: DisasterRecoveryDetail, before: DisasterRecoveryDetail): boolean {
  const a = before.primary_cluster?.id;
  const b = now.primary_cluster?.id;
  return a !== undefined && b !== undefined && a !== b;
}
