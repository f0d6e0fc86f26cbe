import type { DisasterRecoveryDetail } from "./models";

// reference/dws-dr-api.md §2.4: each cluster of the detail carries its own DR status. The values
// are documented (SDK models); what each means in a recovery is not. [inferred] A pair that is
// replicating shows `waiting` ("DR running") or one side of a sync cycle (`backuping` on the
// production cluster, `restoring` on the DR cluster); a pair broken by a failover, or paused,
// shows a cluster `abnormal`, `stopped` or `drDeleted`.
/** Cluster statuses of a replicating DR pair. [inferred] */
export const REPLICATING_CLUSTER_STATUSES: readonly string[] = [
  "waiting",
  "backuping",
  "restoring",
];
/** Cluster statuses of a DR pair that does not replicate. [inferred] */
export const DETACHED_CLUSTER_STATUSES: readonly string[] = ["abnormal", "stopped", "drDeleted"];

/**
 * What the detail says about a recovery: the DR is `re-established` (running, both clusters
 * replicating: a recovery now would delete the standby's data for nothing), a recovery is
 * `needed` (a cluster detached, or the DR not running), or the evidence is `unclear` (a cluster
 * status missing or unknown), in which case nothing may be guessed.
 */
export type RecoveryVerdict = "re-established" | "needed" | "unclear";

/** The verdict, and the evidence it rests on, for messages. */
export interface RecoveryEvidence {
  readonly verdict: RecoveryVerdict;
  /** e.g. `DR "running", primary cluster "waiting", standby cluster "abnormal"`. */
  readonly seen: string;
}

/**
 * Judges a recovery from the DR status together with both clusters' own statuses: the best
 * evidence the detail gives, since no DR status is documented for "recovering" or for what a
 * failover leaves behind. The sync times are not used: they come from the service's clock, and a
 * run cannot compare them with its own.
 */
export function recoveryEvidence(detail: DisasterRecoveryDetail): RecoveryEvidence {
  const primary = detail.primary_cluster?.status;
  const standby = detail.standby_cluster?.status;
  const seen =
    `DR "${detail.status}", primary cluster ${quoted(primary)}, ` +
    `standby cluster ${quoted(standby)}`;
  const clusters = [primary, standby];
  const known = (status: string | undefined) =>
    status !== undefined &&
    (REPLICATING_CLUSTER_STATUSES.includes(status) || DETACHED_CLUSTER_STATUSES.includes(status));
  if (!clusters.every(known)) return { verdict: "unclear", seen };
  const replicating = clusters.every((status) => REPLICATING_CLUSTER_STATUSES.includes(status!));
  return {
    verdict: detail.status === "running" && replicating ? "re-established" : "needed",
    seen,
  };
}

function quoted(status: string | undefined): string {
  return status === undefined ? "(no status)" : `"${status}"`;
}
