import { formatElapsed } from "../api/duration";
import { DwsDrError } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import { ACTION_RULES, DrAction } from "../api/status-model";

// The runner's user-facing sentences, built in one place from what the run knows. Pure: the
// decision function and the run loop both call these, so a message reads the same from either.

/** A cluster as a message names it: its id, and its name when the detail has one. */
export function describeCluster(cluster: DisasterRecoveryDetail["primary_cluster"]): string {
  if (!cluster?.id) return "(unknown)";
  return cluster.name ? `${cluster.id} "${cluster.name}"` : cluster.id;
}

/** What a re-run needs to know, for the messages of a run that has to ask for one. */
export interface RerunFacts {
  readonly action: DrAction;
  /** The `primaryClusterId` option, when one was given. */
  readonly primaryClusterId?: string;
  /** The cluster that must end primary: the option, or (toggle) the standby when it was sent. */
  readonly desiredPrimary?: string;
}

/** How to run again without doing the action twice, once a request may have been applied. */
export function rerunAdvice({ action, primaryClusterId, desiredPrimary }: RerunFacts): string {
  const rule = ACTION_RULES[action];
  if (rule.targetProvesCompletion) {
    return `; running again is safe (it waits for the ${action} under way and sends no second one)`;
  }
  if (rule.swapsRoles) {
    const wanted = desiredPrimary ?? "<the cluster that should be primary>";
    if (primaryClusterId !== undefined) {
      return `; running again with the same --primary-cluster-id ${wanted} is safe (it waits, and sends nothing once that cluster is primary)`;
    }
    return (
      `; do not simply run it again, since a second ${action} would switch the clusters back: ` +
      `run again with --primary-cluster-id ${wanted} (the cluster that should be primary), which waits and sends nothing once it is primary`
    );
  }
  return (
    `; check \`dws-dr status\` before running again: a re-run waits for a ${action} it finds in ` +
    `progress, but once the DR is "${rule.target}" another ${action} would run again`
  );
}

/** The service would refuse the action in `status`: say so, and from where it is allowed. */
export function notAllowedError(
  action: DrAction,
  disasterRecoveryId: string,
  status: string,
): DwsDrError {
  return new DwsDrError({
    category: "refused",
    summary:
      `${action} is not allowed while DR ${disasterRecoveryId} is "${status}" ` +
      `(allowed from: ${ACTION_RULES[action].allowedFrom.join(", ")}); nothing was sent`,
    hint: "Bring the DR into one of those statuses first",
  });
}

/** What a run that stops early (timeout, interruption) knows about its request and the DR. */
export interface StopFacts extends RerunFacts {
  readonly disasterRecoveryId: string;
  readonly timeoutMs: number;
  readonly requestsSent: number;
  readonly accepted: boolean;
  readonly requestInFlight: boolean;
  readonly lastStatus?: string;
  /** What the run was waiting for when it stopped, e.g. `waiting for "running"`. */
  readonly doing?: string;
}

/** The run's timeout ran out while it was `doing` something. */
export function timedOutError(facts: StopFacts, doing: string): DwsDrError {
  const { action, disasterRecoveryId, timeoutMs } = facts;
  return new DwsDrError({
    category: "timeout",
    summary:
      `${action} of DR ${disasterRecoveryId}: timed out after ${formatElapsed(timeoutMs)} ` +
      `${doing}; the DR is "${facts.lastStatus ?? "unknown"}"`,
    hint: facts.accepted
      ? `The ${action} was accepted and may still complete${rerunAdvice(facts)}, or raise the timeout`
      : `${facts.requestsSent > 0 ? "Nothing was applied" : "Nothing was sent"}; run again once the DR has settled, or raise the timeout`,
  });
}

/** A signal stopped the run: say what is known (not sent, in flight, accepted; last status). */
export function interruptedError(facts: StopFacts, signal: AbortSignal | undefined): DwsDrError {
  const { action, disasterRecoveryId } = facts;
  const by = typeof signal?.reason === "string" ? ` by ${signal.reason}` : "";
  const doing = facts.doing ?? "before waiting";
  let sent = `no ${action} request was sent`;
  if (facts.requestInFlight)
    sent = `a ${action} request was in flight: the service may or may not have applied it`;
  else if (facts.accepted) sent = `the ${action} request was accepted by the service`;
  return new DwsDrError({
    category: "interrupted",
    summary:
      `${action} of DR ${disasterRecoveryId} interrupted${by} ${doing}; ${sent}; ` +
      `the last status read was "${facts.lastStatus ?? "none"}"`,
    hint:
      facts.accepted || facts.requestInFlight
        ? `It may still complete${rerunAdvice(facts)}`
        : "Running again is safe: nothing was applied",
  });
}
