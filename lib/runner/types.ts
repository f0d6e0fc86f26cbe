import type { DwsDrClient } from "../api/client";
import type { DrAction } from "../api/status-model";

// The runner's public shapes, apart from the code that uses them, so that the run loop, the
// dry-run plan and the interruptible API wrapper can share them without importing each other.

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
