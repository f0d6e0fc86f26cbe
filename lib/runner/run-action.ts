import { OutcomeUnknownError, isBusyRefusal } from "../api/failure-mapping";
import { DwsDrError } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import { ACTION_RULES, ActionRule } from "../api/status-model";
import {
  Decision,
  FRESH_RUN,
  RunSoFar,
  SendAnswer,
  decide,
  desiredPrimary,
  primaryChanged,
} from "./decide";
import { interruptible } from "./interruptible";
import { StopFacts, describeCluster, interruptedError, timedOutError } from "./messages";
import { pollDelays } from "./poll-schedule";
import { RunClock } from "./run-clock";
import type { DrApi, RunActionOptions, RunActionResult } from "./types";
import { describeOutcomeWait } from "./wait-description";

// The CLI imports these from here.
export { planAction } from "./plan-action";
export type { ActionPlan, DrApi, RunActionOptions, RunActionResult } from "./types";

// The run loop: it reads, sends, sleeps and reports; every choice is `decide` (decide.ts).

/**
 * Runs one DR action end to end: precheck the status, send, and wait for the target status.
 * Safe to re-run: a DR already in the target state succeeds without sending anything, and a
 * request whose outcome is unknown is never re-sent before the status has been read.
 */
export async function runAction(api: DrApi, options: RunActionOptions): Promise<RunActionResult> {
  return new ActionRun(api, options).run();
}

/** A detail read, and the decision taken on it. */
interface Decided {
  readonly detail: DisasterRecoveryDetail;
  readonly decision: Decision;
}

class ActionRun {
  private readonly clock: RunClock;
  private readonly rule: ActionRule;
  private readonly api: DrApi;
  private state: RunSoFar = FRESH_RUN;
  private lastStatus: string | undefined;
  private requestInFlight = false;
  private lastSentAt = 0;

  constructor(
    api: DrApi,
    private readonly options: RunActionOptions,
  ) {
    this.clock = new RunClock({
      ...options,
      report: (line) => this.log(line, { elapsed: false }),
      lastStatus: () => this.lastStatus,
      timedOut: (doing) => timedOutError(this.stopFacts(), doing),
    });
    this.rule = ACTION_RULES[options.action];
    this.api = interruptible(api, options.signal);
  }

  async run(): Promise<RunActionResult> {
    try {
      return await this.execute();
    } catch (error) {
      if (this.options.signal?.aborted)
        throw interruptedError(this.stopFacts(), this.options.signal);
      throw error;
    }
  }

  private async execute(): Promise<RunActionResult> {
    const { action } = this.options;
    let { detail, decision } = await this.settle();
    for (;;) {
      if (decision.step === "refuse") throw decision.error;
      if (decision.step === "done") {
        this.log(`${decision.reason}: nothing to do, no ${action} request sent`);
        return this.result(detail, this.state.accepted ? "completed" : "already-done");
      }
      const next = await this.send(detail);
      if (!next) break;
      ({ detail, decision } = next);
    }
    const accepted = this.decide(detail, { kind: "accepted" });
    if (accepted.step === "done") {
      this.log(accepted.reason);
      return this.result(await this.readDetail(), "submitted");
    }
    return this.waitForTarget();
  }

  private decide(detail: DisasterRecoveryDetail, answer?: SendAnswer): Decision {
    const { action, disasterRecoveryId, wait, primaryClusterId } = this.options;
    const msSinceSend = this.state.sent > 0 ? Date.now() - this.lastSentAt : 0;
    return decide({
      action,
      options: { disasterRecoveryId, wait, primaryClusterId },
      detail,
      run: { ...this.state, msSinceSend, answer },
    });
  }

  private record(change: Partial<RunSoFar>): void {
    this.state = { ...this.state, ...change };
  }

  /** Reads the detail, waiting while another transition runs, until a decision is not to wait. */
  private async settle(): Promise<Decided> {
    const delays = pollDelays(this.options.pollIntervalMs);
    for (;;) {
      const detail = await this.readDetail();
      if ((this.rule.inProgress as readonly string[]).includes(detail.status)) {
        this.record({ sawUnderWay: true });
      }
      const decision = this.decide(detail);
      if (decision.step !== "wait") return { detail, decision };
      await this.clock.pause(delays.next().value, "waiting for the running operation to settle");
    }
  }

  /**
   * Sends the action. Returns undefined once it is accepted or evidently under way, or a fresh
   * settled decision after a busy refusal; a refusal throws.
   */
  private async send(before: DisasterRecoveryDetail): Promise<Decided | undefined> {
    const { action, disasterRecoveryId } = this.options;
    if (this.rule.swapsRoles && this.options.primaryClusterId === undefined) {
      this.record({
        toggleTarget: this.state.toggleTarget ?? before.standby_cluster?.id?.toLowerCase(),
      });
    }
    if (action === "failover") this.logLastSync(before);
    this.record({ sentFrom: { status: before.status, primary: before.primary_cluster?.id } });
    for (;;) {
      this.record({ sent: this.state.sent + 1 });
      this.lastSentAt = Date.now();
      this.log(`sending ${action}`);
      let answer: SendAnswer;
      let detail = before;
      try {
        this.requestInFlight = true;
        const { id } = await this.api.sendAction(action, disasterRecoveryId);
        this.requestInFlight = false;
        this.record({ accepted: true });
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
        if (isBusyRefusal(error)) {
          this.record({ busyRefusals: this.state.busyRefusals + 1 });
          answer = { kind: "busy", error };
        } else if (error instanceof OutcomeUnknownError) {
          this.record({ lostResponses: this.state.lostResponses + 1 });
          this.log(`${error.summary}; reading the status before deciding`);
          detail = await this.readDetail();
          answer = { kind: "lost", error };
        } else {
          throw error;
        }
      }
      let decision = this.decide(detail, answer);
      // A lost request's outcome may not show at once: read again, judging the same answer.
      while (decision.step === "wait" && decision.why === "unconfirmed") {
        this.log(decision.reason);
        await this.clock.pause(
          this.options.pollIntervalMs,
          `waiting for the lost ${action} to show`,
        );
        detail = await this.readDetail();
        decision = this.decide(detail, answer);
      }
      if (decision.step === "refuse") throw decision.error;
      if (decision.step === "done") throw new Error(`${action}: no "done" after an answer`);
      if (decision.step === "send") continue;
      this.log(decision.reason);
      // Under way (or a rule saying to wait for the target): count it accepted, send no more.
      if (decision.why === "under-way" || decision.why === "target") {
        this.record({ accepted: true });
        return undefined;
      }
      // Otherwise (busy): settle, then decide afresh.
      await this.clock.pause(
        this.options.pollIntervalMs,
        "waiting for the running operation to settle",
      );
      return this.settle();
    }
  }

  private async waitForTarget(): Promise<RunActionResult> {
    const delays = pollDelays(this.options.pollIntervalMs);
    for (;;) {
      const wanted = desiredPrimary(
        {
          disasterRecoveryId: this.options.disasterRecoveryId,
          wait: true,
          primaryClusterId: this.options.primaryClusterId,
        },
        this.state,
      );
      await this.clock.pause(delays.next().value, describeOutcomeWait(this.rule, wanted));
      const now = await this.readDetail({ tolerateServiceErrors: true });
      if (!now) continue;
      const from = this.state.sentFrom;
      const moved =
        now.status !== from?.status || primaryChanged(from?.primary, now.primary_cluster?.id);
      if (moved) this.record({ moved: true });
      const decision = this.decide(now);
      if (decision.step === "refuse") throw decision.error;
      if (decision.step === "done") {
        this.log(decision.reason);
        return this.result(now, "completed");
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
        deadline: this.clock.deadline,
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

  // What a timeout or an interruption message says the run knew.
  private stopFacts(): StopFacts {
    const { action, disasterRecoveryId, timeoutMs, primaryClusterId } = this.options;
    return {
      action,
      disasterRecoveryId,
      timeoutMs,
      primaryClusterId,
      desiredPrimary: desiredPrimary(
        { disasterRecoveryId, wait: true, primaryClusterId },
        this.state,
      ),
      requestsSent: this.state.sent,
      accepted: this.state.accepted,
      requestInFlight: this.requestInFlight,
      lastStatus: this.lastStatus,
      doing: this.clock.doing,
    };
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
      requestsSent: this.state.sent,
      primaryClusterId: detail.primary_cluster?.id,
      elapsedMs: Date.now() - this.clock.startedAt,
    };
  }

  private log(message: string, { elapsed = true } = {}): void {
    const suffix = elapsed ? ` (${this.clock.elapsed()})` : "";
    this.options.log?.(
      `${this.options.action} ${this.options.disasterRecoveryId}: ${message}${suffix}`,
    );
  }
}
