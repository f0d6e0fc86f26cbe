/**
 * The DR status model (reference/dws-dr-api.md §2). `stopped` is missing from the current CN/SDK
 * enum but is real: the pause target, listed by the older EN doc and used by the Terraform provider.
 */
export const DR_STATUSES = [
  "creating",
  "create_failed",
  "unstart",
  "starting",
  "start_failed",
  "running",
  "stopping",
  "stopped",
  "stop_failed",
  "switchovering",
  "abnormal",
  "deleting",
  "deleted",
] as const;

/** A DR status this library knows (the service may send others; they count as in progress). */
export type DrStatus = (typeof DR_STATUSES)[number];

/** The DR actions, each a bodiless `POST /v2/{project_id}/disaster-recovery/{id}/{action}`. */
export const DR_ACTIONS = ["start", "pause", "switchover", "failover", "recovery"] as const;

/** One of the DR actions. */
export type DrAction = (typeof DR_ACTIONS)[number];

/** What an action needs and leads to, by status. */
export interface ActionRule {
  /** Statuses the service accepts the action in (its documented precondition). */
  readonly allowedFrom: readonly DrStatus[];
  /** Statuses the DR passes through while the action runs. */
  readonly inProgress: readonly DrStatus[];
  /** The status the action ends in when it succeeds. */
  readonly target: DrStatus;
  /** Statuses that mean the action (or the DR) failed. */
  readonly failed: readonly DrStatus[];
  /**
   * Whether reaching `target` is evidence the action ran. A switchover starts and ends in
   * `running`, so seeing `running` says nothing about whether it happened.
   */
  readonly targetProvesCompletion: boolean;
  /**
   * Whether the action swaps the primary and standby roles. Such an action is a toggle: sent
   * twice, it switches back. So it is stated as its outcome (the cluster that must be primary) and
   * its completion is that cluster being primary, never the status alone.
   */
  readonly swapsRoles: boolean;
}

// Statuses in which the DR is being created or deleted: no action can settle from there by itself.
const LIFECYCLE_PENDING: readonly DrStatus[] = ["creating", "deleting"];

/**
 * The action-by-state matrix of reference/dws-dr-api.md §2.2, read by the runner and the emulator.
 *
 * [inferred] Failover and recovery have no documented status lists (§2.1: the enum has no
 * `failovering`/`recovering` values). This model is ours: failover is allowed when the DR is
 * abnormal (its documented trigger) or still running with a faulty production cluster, passes
 * through `switchovering` and ends `running` with the roles swapped; recovery is allowed after a
 * failover (running, abnormal or stopped), passes through `starting` and ends `running` with the
 * roles kept. Statuses the service sends that this model does not know count as in progress.
 */
export const ACTION_RULES: Readonly<Record<DrAction, ActionRule>> = {
  start: {
    allowedFrom: ["unstart", "start_failed", "stopped"],
    inProgress: ["starting"],
    target: "running",
    failed: ["start_failed", "abnormal"],
    targetProvesCompletion: true,
    swapsRoles: false,
  },
  pause: {
    allowedFrom: ["running", "stop_failed"],
    inProgress: ["stopping"],
    target: "stopped",
    failed: ["stop_failed", "abnormal"],
    targetProvesCompletion: true,
    swapsRoles: false,
  },
  switchover: {
    allowedFrom: ["running"],
    inProgress: ["switchovering"],
    target: "running",
    failed: ["abnormal"],
    targetProvesCompletion: false,
    swapsRoles: true,
  },
  failover: {
    // [inferred] see above
    allowedFrom: ["abnormal", "running"],
    inProgress: ["switchovering"],
    target: "running",
    failed: [],
    targetProvesCompletion: false,
    swapsRoles: true,
  },
  recovery: {
    // [inferred] see above
    allowedFrom: ["running", "abnormal", "stopped"],
    inProgress: ["starting"],
    target: "running",
    failed: ["start_failed"],
    targetProvesCompletion: false,
    swapsRoles: false,
  },
};

/** How a status reads for one action. */
export type StatusVerdict =
  | "target" // the action's goal is reached (or was already)
  | "in-progress" // the action, or something else, is still moving; keep polling
  | "failed" // the action ended badly
  | "allowed" // settled, and the action may be sent from here
  | "not-allowed"; // settled, and the service would refuse the action

/** True when the status is one this library knows; unknown statuses count as in progress. */
export function isKnownStatus(status: string): status is DrStatus {
  return (DR_STATUSES as readonly string[]).includes(status);
}

/** True for `start`, `pause`, ... */
export function isDrAction(value: string): value is DrAction {
  return (DR_ACTIONS as readonly string[]).includes(value);
}

/**
 * Reads `status` before the action was sent: may it be sent, is it already done, or must we wait?
 * Statuses this library does not know count as in progress (DESIGN.md rules of the road).
 */
export function classifyBeforeAction(action: DrAction, status: string): StatusVerdict {
  const rule = ACTION_RULES[action];
  if (!isKnownStatus(status)) return "in-progress";
  if (rule.targetProvesCompletion && status === rule.target) return "target";
  if (rule.allowedFrom.includes(status)) return "allowed";
  if (rule.inProgress.includes(status) || LIFECYCLE_PENDING.includes(status)) return "in-progress";
  if (status === "stopping" || status === "switchovering" || status === "starting") {
    return "in-progress"; // another action is moving the DR; decide once it settles
  }
  return "not-allowed";
}

/** Reads `status` after the action was accepted: done, still moving, or failed? */
export function classifyAfterAction(action: DrAction, status: string): StatusVerdict {
  const rule = ACTION_RULES[action];
  if (!isKnownStatus(status)) return "in-progress";
  if (status === rule.target) return "target";
  if (rule.failed.includes(status)) return "failed";
  return "in-progress";
}
