import type { DwsDrError } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import type { DrAction } from "../api/status-model";

// What a decision (decide.ts) is made from and what it says. A row of
// test/fixtures/decisions.json is one DecisionInput and the step and why it must give.

/** The options that bear on a decision. */
export interface DecisionOptions {
  readonly disasterRecoveryId: string;
  /** Wait for the target status after the action was accepted. */
  readonly wait: boolean;
  /** Switchover and failover: the cluster that must be primary afterwards (else a toggle). */
  readonly primaryClusterId?: string;
}

/** The answer to the send just made, while no decision has been taken on it. */
export type SendAnswer =
  | { readonly kind: "accepted" }
  /** 409 DWS.0011 or 403 DWS.7023: not applied; `detail` is the one the send was decided on. */
  | { readonly kind: "busy"; readonly error: DwsDrError }
  /** No usable answer, the outcome is unknown; `detail` was read after it. */
  | { readonly kind: "lost"; readonly error: DwsDrError };

/** What the run has seen and done so far. */
export interface RunSoFar {
  /** A read before sending showed this action's own in-progress status. */
  readonly sawUnderWay: boolean;
  /** Action requests sent. */
  readonly sent: number;
  /** The service accepted the action (a 200, or the status showed it under way after a loss). */
  readonly accepted: boolean;
  /** Busy refusals so far (the one in `answer` included). */
  readonly busyRefusals: number;
  /** Sends whose answer was lost (the one in `answer` included). */
  readonly lostResponses: number;
  /** Milliseconds since the latest send. */
  readonly msSinceSend: number;
  /** The detail the latest send was decided on: its status and primary cluster id. */
  readonly sentFrom?: { readonly status: string; readonly primary?: string };
  /** While waiting for the target: the status or the primary changed since `sentFrom`. */
  readonly moved: boolean;
  /** Toggle only: the standby (lower-cased) when the action was sent, which must end primary. */
  readonly toggleTarget?: string;
  /** The answer to the send just made, when that is what is being decided on. */
  readonly answer?: SendAnswer;
}

/** A run that has read nothing and sent nothing. */
export const FRESH_RUN: RunSoFar = {
  sawUnderWay: false,
  sent: 0,
  accepted: false,
  busyRefusals: 0,
  lostResponses: 0,
  msSinceSend: 0,
  moved: false,
};

/** Everything a decision depends on. */
export interface DecisionInput {
  readonly action: DrAction;
  readonly options: DecisionOptions;
  /** The detail just read (after a busy answer: the one the send was decided on). */
  readonly detail: DisasterRecoveryDetail;
  readonly run: RunSoFar;
}

/** Why a step was chosen: a stable code for tests and tables, next to the sentence for people. */
export type SendWhy = "allowed" | "not-applied";
/** See {@link SendWhy}. */
export type WaitWhy = "settling" | "busy" | "unconfirmed" | "under-way" | "target";
/** See {@link SendWhy}. */
export type DoneWhy =
  | "already-in-target"
  | "already-primary"
  | "already-established"
  | "found-under-way"
  | "submitted"
  | "target-reached";
/** See {@link SendWhy}. */
export type RefuseWhy =
  | "not-allowed"
  | "roles-unknown"
  | "primary-not-in-target"
  | "not-a-cluster"
  | "still-busy"
  | "acted-on-by-another"
  | "recovery-evidence-unclear"
  | "outcome-unknown"
  | "failed-status";

/**
 * The next step. `send` the action; `wait`: `settling` (another transition runs: read again),
 * `busy` (settle, then decide afresh), `unconfirmed` (a lost request's outcome does not show yet:
 * read again and decide on the same lost answer), `under-way` (a lost request was applied: treat
 * it as accepted), `target` (accepted: wait for the target); `done`; `refuse` with the error to
 * end on. After a send's answer, a `wait` with `under-way` or `target` makes the run loop count
 * the action accepted and wait for the target, sending nothing more; `unconfirmed` reads again;
 * any other `wait` settles and decides afresh.
 */
export type Decision =
  | { readonly step: "send"; readonly why: SendWhy; readonly reason: string }
  | { readonly step: "wait"; readonly why: WaitWhy; readonly reason: string }
  | { readonly step: "done"; readonly why: DoneWhy; readonly reason: string }
  | { readonly step: "refuse"; readonly why: RefuseWhy; readonly error: DwsDrError };
