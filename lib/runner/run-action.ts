import type { DwsDrClient } from "../api/client";
import { OutcomeUnknownError } from "../api/client";
import { formatDuration, formatElapsed } from "../api/duration";
import { DwsDrError, badInput } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import {
  ACTION_RULES,
  ActionRule,
  DrAction,
  classifyAfterAction,
  classifyBeforeAction,
} from "../api/status-model";
import { interruptible, interruptibleSleep } from "./interruptible";
import { pollDelays } from "./poll-schedule";
import { describeOutcomeWait } from "./wait-description";

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
  /**
   * Switchover and failover only: the cluster that must be primary when the action is done. The
   * action is sent only while that cluster is the standby, so a re-run never switches back.
   * @default - toggle: the current standby becomes primary
   */
  readonly primaryClusterId?: string;
  /** Receives one progress line at a time (the CLI writes them to stderr). */
  readonly log?: (line: string) => void;
  /**
   * How often a wait says what it waits for and how long it has waited.
   * @default 30000
   */
  readonly waitReportMs?: number;
  /** Aborting it (SIGINT, SIGTERM) stops the run with an "interrupted" error saying what is known. */
  readonly signal?: AbortSignal;
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
   * state (or an operation found under way got it there), nothing was sent; `submitted`: sent,
   * not waited for (`wait: false`).
   */
  readonly outcome: "completed" | "already-done" | "submitted";
  /** How many action requests were sent (0 or 1; more only after a refusal or a lost response). */
  readonly requestsSent: number;
  /** The primary cluster's id in the last detail read. */
  readonly primaryClusterId?: string;
  readonly elapsedMs: number;
}

/** What a real run would do now, from one status read: the `--dry-run` plan. */
export interface ActionPlan {
  readonly action: DrAction;
  readonly disasterRecoveryId: string;
  readonly status: string;
  readonly primaryClusterId?: string;
  readonly standbyClusterId?: string;
  /** `send` the action; `nothing-to-do`; `wait` for a transition to settle, then decide; `refuse`. */
  readonly decision: "send" | "nothing-to-do" | "wait" | "refuse";
  /** Why, in a sentence. */
  readonly reason: string;
}

// After an action is accepted the detail may still show the old status for a moment; a failed
// status equal to the one we started from counts only once this long has passed without change.
const STALE_STATUS_GRACE_MS = 15_000;
// Re-sends allowed after a lost response, when the status proves the first one was not applied.
const MAX_ACTION_REQUESTS = 2;
// Busy refusals (409 DWS.0011, 403 DWS.7023) tolerated before giving up: each one is followed by
// a settle and a fresh decision, never a blind re-send, but a DR that stays busy must end the run.
const MAX_BUSY_REFUSALS = 3;
// Issue 12: a long wait says what it waits for at least this often.
const DEFAULT_WAIT_REPORT_MS = 30_000;

/**
 * Runs one DR action end to end: precheck the status, send, and wait for the target status.
 * Safe to re-run: a DR already in the target state succeeds without sending anything, and a
 * request whose outcome is unknown is never re-sent before the status has been read.
 */
export async function runAction(api: DrApi, options: RunActionOptions): Promise<RunActionResult> {
  return new ActionRun(api, options).run();
}

/** Reads the status once and says what {@link runAction} would do; sends nothing. */
export async function planAction(api: DrApi, options: RunActionOptions): Promise<ActionPlan> {
  return new ActionRun(api, options).plan();
}

/** What the status says about sending the action now. */
type Decision =
  | { readonly kind: "done"; readonly reason: string }
  | { readonly kind: "send"; readonly reason: string }
  | { readonly kind: "wait"; readonly reason: string }
  | { readonly kind: "refuse"; readonly error: DwsDrError };

class ActionRun {
  private readonly startedAt = Date.now();
  private readonly deadline: number;
  private readonly rule: ActionRule;
  private readonly api: DrApi;
  private lastStatus: string | undefined;
  private requestsSent = 0;
  private accepted = false;
  private requestInFlight = false;
  private busyRefusals = 0;
  private lastSentAt = 0;
  // Whether a read before sending showed this action's own in-progress status.
  private sawActionUnderWay = false;
  // The cluster the action must leave primary: given, or (toggle) the standby when it was sent.
  private desiredPrimary: string | undefined;
  private currentWait: { doing: string; reportedAt: number } | undefined;

  constructor(
    api: DrApi,
    private readonly options: RunActionOptions,
  ) {
    this.deadline = this.startedAt + options.timeoutMs;
    this.rule = ACTION_RULES[options.action];
    this.api = interruptible(api, options.signal);
    this.desiredPrimary = options.primaryClusterId;
  }

  async run(): Promise<RunActionResult> {
    try {
      return await this.execute();
    } catch (error) {
      if (this.options.signal?.aborted) throw this.interrupted();
      throw error;
    }
  }

  async plan(): Promise<ActionPlan> {
    const detail = await this.readDetail();
    const decision = this.decide(detail);
    const kinds = { done: "nothing-to-do", send: "send", wait: "wait", refuse: "refuse" } as const;
    return {
      action: this.options.action,
      disasterRecoveryId: this.options.disasterRecoveryId,
      status: detail.status,
      primaryClusterId: detail.primary_cluster?.id,
      standbyClusterId: detail.standby_cluster?.id,
      decision: kinds[decision.kind],
      reason: decision.kind === "refuse" ? decision.error.message : decision.reason,
    };
  }

  private async execute(): Promise<RunActionResult> {
    const { action } = this.options;
    let detail = await this.settledDetail();
    for (;;) {
      const decision = this.decide(detail);
      if (decision.kind === "refuse") throw decision.error;
      if (decision.kind === "done") {
        this.log(`${decision.reason}: nothing to do, no ${action} request sent`);
        return this.result(detail, this.accepted ? "completed" : "already-done");
      }
      const resent = await this.send(detail);
      if (!resent) break;
      detail = resent;
    }
    if (!this.options.wait) {
      this.log(`${action} accepted; not waiting (--no-wait)`);
      return this.result(await this.readDetail(), "submitted");
    }
    const after = await this.waitForTarget(detail);
    this.log(`${action} done: ${after.status}${this.describePrimary(after)}`);
    return this.result(after, "completed");
  }

  /**
   * Decides from a detail whether to send, with the same rules for a real run and a dry run.
   * A role-swapping action is judged by the roles first: its target status alone proves nothing.
   */
  private decide(detail: DisasterRecoveryDetail): Decision {
    const { action } = this.options;
    const verdict = classifyBeforeAction(action, detail.status);
    if (verdict === "in-progress") {
      return { kind: "wait", reason: `the DR is "${detail.status}": wait for it to settle` };
    }
    if (this.rule.swapsRoles && this.options.primaryClusterId !== undefined) {
      const byRoles = this.decideByRoles(detail);
      if (byRoles) return byRoles;
    } else if (this.sawActionUnderWay && detail.status === this.rule.target) {
      // A switchover, failover or recovery found under way is the one asked for: sending another
      // would switch back or rebuild the standby again (issue 7).
      return { kind: "done", reason: `a ${action} was under way and has ended "${detail.status}"` };
    }
    if (verdict === "target") return { kind: "done", reason: `already ${detail.status}` };
    if (verdict === "allowed") return { kind: "send", reason: `the DR is "${detail.status}"` };
    return { kind: "refuse", error: this.notAllowed(detail.status) };
  }

  // Sends only while the wanted cluster is the standby; done once it is primary and running.
  private decideByRoles(detail: DisasterRecoveryDetail): Decision | undefined {
    const wanted = this.options.primaryClusterId as string;
    const primary = detail.primary_cluster?.id?.toLowerCase();
    const standby = detail.standby_cluster?.id?.toLowerCase();
    if (primary === undefined || standby === undefined) {
      return {
        kind: "refuse",
        error: new DwsDrError({
          category: "service",
          summary: `DR ${this.options.disasterRecoveryId}: the detail shows no primary or standby cluster id, so the roles cannot be checked; nothing was sent`,
          hint: "Check the DR in the console; run without --primary-cluster-id only if you mean a toggle",
        }),
      };
    }
    if (wanted === primary) {
      if (detail.status === this.rule.target) {
        return { kind: "done", reason: `cluster ${wanted} is already primary` };
      }
      return {
        kind: "refuse",
        error: new DwsDrError({
          category: "refused",
          summary:
            `cluster ${wanted} is already primary but DR ${this.options.disasterRecoveryId} is ` +
            `"${detail.status}"; a ${this.options.action} would make ${standby} primary instead; nothing was sent`,
          hint: `Bring the DR back to "${this.rule.target}" (e.g. with a recovery), or check --primary-cluster-id`,
        }),
      };
    }
    if (wanted !== standby) {
      return {
        kind: "refuse",
        error: badInput(
          `primary cluster id: "${wanted}" is neither cluster of DR ${this.options.disasterRecoveryId} ` +
            `(primary ${describeCluster(detail.primary_cluster)}, standby ${describeCluster(detail.standby_cluster)}); nothing was sent`,
          "Pass the id of the cluster that must be primary afterwards: one of those two.",
        ),
      };
    }
    return undefined;
  }

  /** Reads the detail, waiting while another transition runs, until the action can be decided. */
  private async settledDetail(): Promise<DisasterRecoveryDetail> {
    const delays = pollDelays(this.options.pollIntervalMs);
    for (;;) {
      const detail = await this.readDetail();
      if ((this.rule.inProgress as readonly string[]).includes(detail.status)) {
        this.sawActionUnderWay = true;
      }
      if (classifyBeforeAction(this.options.action, detail.status) !== "in-progress") return detail;
      await this.pause(delays.next().value, "waiting for the running operation to settle");
    }
  }

  /**
   * Sends the action. Returns undefined once it is accepted or evidently under way, or a fresh
   * settled detail to decide on again after a busy refusal; otherwise it throws.
   */
  private async send(before: DisasterRecoveryDetail): Promise<DisasterRecoveryDetail | undefined> {
    const { action, disasterRecoveryId } = this.options;
    if (this.rule.swapsRoles) this.desiredPrimary ??= before.standby_cluster?.id?.toLowerCase();
    if (action === "failover") this.logLastSync(before);
    for (;;) {
      this.requestsSent++;
      this.lastSentAt = Date.now();
      this.log(`sending ${action}`);
      try {
        this.requestInFlight = true;
        const { id } = await this.api.sendAction(action, disasterRecoveryId);
        this.requestInFlight = false;
        this.accepted = true;
        if (id !== disasterRecoveryId) {
          throw new DwsDrError({
            category: "service",
            summary: `${action} returned DR id "${id}", not the requested "${disasterRecoveryId}"`,
            hint: "Check the DR task in the console before running again; nothing is assumed about it",
          });
        }
        return undefined;
      } catch (error) {
        if (this.options.signal?.aborted) throw error;
        this.requestInFlight = false;
        if (!(error instanceof DwsDrError)) throw error;
        if (isBusyRefusal(error)) return this.afterBusyRefusal(error);
        if (!(error instanceof OutcomeUnknownError)) throw error;
        if (!(await this.afterAmbiguousSend(error, before))) return undefined;
      }
    }
  }

  /**
   * A busy answer (409 DWS.0011, 403 DWS.7023) means the request was not applied: something else
   * is moving the DR, or just did. Let it settle and decide again from the status; never re-send
   * blindly, and give up after a few refusals.
   */
  private async afterBusyRefusal(error: DwsDrError): Promise<DisasterRecoveryDetail> {
    this.busyRefusals++;
    if (this.busyRefusals >= MAX_BUSY_REFUSALS) {
      throw new DwsDrError({
        ...error,
        summary: `${error.summary}, ${this.busyRefusals} times; nothing was applied`,
        hint: "Another operation keeps the DR busy; check it with `dws-dr status`, then run again",
      });
    }
    this.log(`${error.message.split(". ")[0]}; waiting for the DR to settle before deciding`);
    await this.pause(this.options.pollIntervalMs, "waiting for the running operation to settle");
    return this.settledDetail();
  }

  /**
   * Decides what a send with an unknown outcome means by reading the status: true to send again
   * (only where the status proves the first request was not applied), false when the action is
   * evidently under way; otherwise it throws.
   */
  private async afterAmbiguousSend(
    error: DwsDrError,
    before: DisasterRecoveryDetail,
  ): Promise<boolean> {
    this.log(`${error.summary}; reading the status before deciding`);
    const now = await this.readDetail();
    if (this.showsActionUnderWay(now, before)) {
      this.log(`the DR is "${now.status}": the ${this.options.action} is under way`);
      this.accepted = true;
      return false;
    }
    // Only where the target status proves completion (start, pause) does an unchanged status prove
    // the request was not applied. A switchover, failover or recovery may have been applied with the
    // status not showing it yet; sending it again could switch back or rebuild the standby twice.
    const canResend =
      this.rule.targetProvesCompletion &&
      classifyBeforeAction(this.options.action, now.status) === "allowed" &&
      this.requestsSent < MAX_ACTION_REQUESTS;
    if (canResend) return true;
    throw new DwsDrError({
      category: "service",
      summary: `${error.summary}; afterwards the DR is "${now.status}"`,
      hint: `Check the DR in the console or with \`dws-dr status\` before running ${this.options.action} again${this.rerunAdvice()}`,
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
      await this.pause(delays.next().value, describeOutcomeWait(this.rule, this.desiredPrimary));
      const now = await this.readDetail({ tolerateServiceErrors: true });
      if (!now) continue;
      moved ||= now.status !== before.status || primaryChanged(now, before);
      if (this.reachedTarget(now, moved)) return now;
      // Counted from the send, not the run: a long wait to settle must not use up the grace.
      const stale = !moved && Date.now() - this.lastSentAt < STALE_STATUS_GRACE_MS;
      if (classifyAfterAction(this.options.action, now.status) === "failed" && !stale) {
        throw new DwsDrError({
          category: "refused",
          summary: `${this.options.action} of DR ${this.options.disasterRecoveryId} ended in "${now.status}"`,
          hint: "See the DR task's events in the DWS console; fix the cause, then run again",
        });
      }
    }
  }

  // A role swap is done when the wanted cluster is primary and the status is the target: a
  // `running` read taken before the service picked the request up shows the old primary.
  private reachedTarget(now: DisasterRecoveryDetail, moved: boolean): boolean {
    if (classifyAfterAction(this.options.action, now.status) !== "target") return false;
    if (this.rule.swapsRoles && this.desiredPrimary !== undefined) {
      return now.primary_cluster?.id?.toLowerCase() === this.desiredPrimary;
    }
    if (this.rule.targetProvesCompletion || moved) return true;
    // A recovery starts and ends `running`: one too quick to be seen moving shows only `running`.
    // Within the grace that reading may be the old status; after it, it is the outcome, and
    // waiting on would only end in a timeout for an action that is done.
    return Date.now() - this.lastSentAt >= STALE_STATUS_GRACE_MS;
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

  /** Sleeps up to `ms` (never past the deadline), saying what it waits for every so often. */
  private async pause(ms: number, doing: string): Promise<void> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.timedOut(doing);
    const reportEvery = this.options.waitReportMs ?? DEFAULT_WAIT_REPORT_MS;
    if (this.currentWait?.doing !== doing) {
      this.currentWait = { doing, reportedAt: Date.now() };
      this.reportWait();
    }
    const until = Date.now() + Math.min(ms, left);
    while (Date.now() < until) {
      const reportAt = this.currentWait.reportedAt + reportEvery;
      await this.sleep(Math.min(until, reportAt) - Date.now());
      if (Date.now() >= reportAt) {
        this.currentWait.reportedAt = Date.now();
        this.reportWait();
      }
    }
  }

  // e.g. `waiting for "running" (status "starting"): 1m30s of 30m`
  private reportWait(): void {
    const waited = formatElapsed(Date.now() - this.startedAt);
    this.log(
      `${this.currentWait?.doing} (status "${this.lastStatus ?? "unknown"}"): ` +
        `${waited} of ${formatDuration(this.options.timeoutMs)}`,
      { elapsed: false },
    );
  }

  private sleep(ms: number): Promise<void> {
    return interruptibleSleep(Math.max(0, ms), this.options.signal);
  }

  // Before a failover: what is at stake is every change made after the last synchronisation.
  private logLastSync(detail: DisasterRecoveryDetail): void {
    const times = [detail.primary_cluster, detail.standby_cluster]
      .filter((cluster) => cluster?.last_success_time)
      .map((cluster) => `${describeCluster(cluster)}: ${cluster?.last_success_time}`);
    if (times.length === 0) return;
    this.log(
      `last synchronisation (${times.join("; ")}); changes made on the primary after it are lost by the failover`,
    );
  }

  private timedOut(doing: string): DwsDrError {
    const { action, disasterRecoveryId, timeoutMs } = this.options;
    return new DwsDrError({
      category: "timeout",
      summary:
        `${action} of DR ${disasterRecoveryId}: timed out after ${formatElapsed(timeoutMs)} ` +
        `${doing}; the DR is "${this.lastStatus ?? "unknown"}"`,
      hint: this.accepted
        ? `The ${action} was accepted and may still complete${this.rerunAdvice()}, or raise the timeout`
        : `${this.requestsSent > 0 ? "Nothing was applied" : "Nothing was sent"}; run again once the DR has settled, or raise the timeout`,
    });
  }

  private interrupted(): DwsDrError {
    const { action, disasterRecoveryId, signal } = this.options;
    const by = typeof signal?.reason === "string" ? ` by ${signal.reason}` : "";
    const doing = this.currentWait?.doing ?? "before waiting";
    let sent = `no ${action} request was sent`;
    if (this.requestInFlight)
      sent = `a ${action} request was in flight: the service may or may not have applied it`;
    else if (this.accepted) sent = `the ${action} request was accepted by the service`;
    return new DwsDrError({
      category: "interrupted",
      summary:
        `${action} of DR ${disasterRecoveryId} interrupted${by} ${doing}; ${sent}; ` +
        `the last status read was "${this.lastStatus ?? "none"}"`,
      hint:
        this.accepted || this.requestInFlight
          ? `It may still complete${this.rerunAdvice()}`
          : "Running again is safe: nothing was applied",
    });
  }

  // How to run again without doing the action twice, once a request may have been applied.
  private rerunAdvice(): string {
    const { action } = this.options;
    if (this.rule.targetProvesCompletion) {
      return `; running again is safe (it waits for the ${action} under way and sends no second one)`;
    }
    if (this.rule.swapsRoles) {
      const wanted = this.desiredPrimary ?? "<the cluster that should be primary>";
      if (this.options.primaryClusterId !== undefined) {
        return `; running again with the same --primary-cluster-id ${wanted} is safe (it waits, and sends nothing once that cluster is primary)`;
      }
      return (
        `; do not simply run it again, since a second ${action} would switch the clusters back: ` +
        `run again with --primary-cluster-id ${wanted} (the cluster that should be primary), which waits and sends nothing once it is primary`
      );
    }
    return (
      `; check \`dws-dr status\` before running again: a re-run waits for a ${action} it finds in ` +
      `progress, but once the DR is "${this.rule.target}" another ${action} would run again`
    );
  }

  private describePrimary(detail: DisasterRecoveryDetail): string {
    return this.rule.swapsRoles ? `, primary ${describeCluster(detail.primary_cluster)}` : "";
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
      primaryClusterId: detail.primary_cluster?.id,
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  private log(message: string, { elapsed = true } = {}): void {
    const suffix = elapsed ? ` (${formatElapsed(Date.now() - this.startedAt)})` : "";
    this.options.log?.(
      `${this.options.action} ${this.options.disasterRecoveryId}: ${message}${suffix}`,
    );
  }
}

/** 409 DWS.0011 ("another operation is being performed") or 403 DWS.7023 (status disallows it). */
function isBusyRefusal(error: DwsDrError): boolean {
  if (error instanceof OutcomeUnknownError) return false;
  return error.errorCode === "DWS.0011" || error.errorCode === "DWS.7023";
}

function primaryChanged(now: DisasterRecoveryDetail, before: DisasterRecoveryDetail): boolean {
  const a = before.primary_cluster?.id;
  const b = now.primary_cluster?.id;
  return a !== undefined && b !== undefined && a !== b;
}

function describeCluster(cluster: DisasterRecoveryDetail["primary_cluster"]): string {
  if (!cluster?.id) return "(unknown)";
  return cluster.name ? `${cluster.id} "${cluster.name}"` : cluster.id;
}
