import { DwsDrError, badInput } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import { recoveryEvidence } from "../api/recovery-evidence";
import {
  ACTION_RULES,
  DrAction,
  classifyAfterAction,
  classifyBeforeAction,
} from "../api/status-model";
import type { Decision, DecisionInput, DecisionOptions, RunSoFar } from "./decision-types";
import { describeCluster, notAllowedError, rerunAdvice } from "./messages";

export { FRESH_RUN } from "./decision-types";
export type * from "./decision-types";

// The runner's rules: what to do next, from the action's rule, the options, the detail just read
// and what the run has seen and done. Pure (no I/O, no clock: time comes in as `msSinceSend`),
// so every case can be kept as a row of test/fixtures/decisions.json and checked by a test, and
// a second runtime can prove it decides the same. The run loop (run-action.ts) only reads,
// sends, sleeps and reports what this returns.

/** After an accepted action the detail may still show the old status for a moment: a failed
 * status equal to the one we started from counts only once this long has passed without change. */
export const STALE_STATUS_GRACE_MS = 15_000;
/** Sends allowed in all when a lost response is followed by a status proving it was not applied. */
export const MAX_ACTION_REQUESTS = 2;
/** Busy refusals (409 DWS.0011, 403 DWS.7023) tolerated: each is followed by a settle and a fresh
 * decision, never a blind re-send, but a DR that stays busy must end the run. */
export const MAX_BUSY_REFUSALS = 3;

/** Decides the run's next step. Pure: the same input always gives the same decision. */
export function decide(input: DecisionInput): Decision {
  const { answer } = input.run;
  if (answer?.kind === "busy") return afterBusyAnswer(input, answer.error);
  if (answer?.kind === "lost") return afterLostAnswer(input, answer.error);
  if (answer?.kind === "accepted") return afterAccepted(input);
  if (input.run.accepted) return whileWaiting(input);
  return beforeSending(input);
}

/** The cluster that must end primary: the option, or (toggle) the standby when it was sent. */
export function desiredPrimary(options: DecisionOptions, run: RunSoFar): string | undefined {
  return options.primaryClusterId ?? run.toggleTarget;
}

// Before anything was accepted. A role-swapping action is judged by the roles first: its target
// status alone proves nothing.
function beforeSending({ action, options, detail, run }: DecisionInput): Decision {
  const rule = ACTION_RULES[action];
  const verdict = classifyBeforeAction(action, detail.status);
  if (verdict === "in-progress") {
    const reason = `the DR is "${detail.status}": wait for it to settle`;
    return { step: "wait", why: "settling", reason };
  }
  if (rule.swapsRoles && options.primaryClusterId !== undefined) {
    const byRoles = decideByRoles(action, options, detail);
    if (byRoles) return byRoles;
  } else if (run.sawUnderWay && detail.status === rule.target) {
    // A switchover, failover or recovery found under way is the one asked for: sending another
    // would switch back or rebuild the standby again (issue 7).
    const reason = `a ${action} was under way and has ended "${detail.status}"`;
    return { step: "done", why: "found-under-way", reason };
  }
  if (verdict === "target") {
    return { step: "done", why: "already-in-target", reason: `already ${detail.status}` };
  }
  if (verdict === "allowed" && action === "recovery") {
    const judged = judgeRecovery(options, detail);
    if (judged) return judged;
  }
  if (verdict === "allowed") {
    return (
      afterBusyRefusal(action, options, detail, run) ?? {
        step: "send",
        why: "allowed",
        reason: `the DR is "${detail.status}"`,
      }
    );
  }
  const error = notAllowedError(action, options.disasterRecoveryId, detail.status);
  return { step: "refuse", why: "not-allowed", error };
}

// A recovery deletes the standby's data and copies it again, so it is sent only when the detail
// shows the pair does not replicate; re-established, it is done; unclear, nothing is guessed.
function judgeRecovery(options: DecisionOptions, detail: DisasterRecoveryDetail) {
  const { verdict, seen } = recoveryEvidence(detail);
  if (verdict === "re-established") {
    const reason = `the DR is already re-established (${seen})`;
    return { step: "done", why: "already-established", reason } as const;
  }
  if (verdict === "needed") return undefined;
  const error = new DwsDrError({
    category: "refused",
    summary:
      `recovery of DR ${options.disasterRecoveryId}: the detail cannot tell whether the DR ` +
      `needs one (${seen}); nothing was sent`,
    hint:
      "A recovery deletes the standby's data: check both clusters in the DWS console, and run " +
      "the recovery from there if the pair must be re-established",
  });
  return { step: "refuse", why: "recovery-evidence-unclear", error } as const;
}

// Issue #22: a busy answer means another operation acts on the DR. A start or pause is a state a
// fresh decision finds reached or not. A role swap or a recovery is not sent again on a status
// read after it (it may be stale, and the other operation may have been the same action): only
// an outcome that holds ends the run well, which the rules before this one have judged.
function afterBusyRefusal(
  action: DrAction,
  options: DecisionOptions,
  detail: DisasterRecoveryDetail,
  run: RunSoFar,
): Decision | undefined {
  if (run.busyRefusals === 0 || ACTION_RULES[action].targetProvesCompletion) return undefined;
  const error = new DwsDrError({
    category: "refused",
    summary:
      `${action} of DR ${options.disasterRecoveryId}: the service answered busy, so another ` +
      `operation acted on the DR; the DR is now "${detail.status}" and the ${action} was not ` +
      `applied; nothing more was sent`,
    hint:
      "Check the DR with `dws-dr status`; run again once the other operation has ended: a new " +
      "run decides from a fresh status",
  });
  return { step: "refuse", why: "acted-on-by-another", error };
}

// Sends only while the wanted cluster is the standby; done once it is primary and running.
function decideByRoles(
  action: DrAction,
  options: DecisionOptions,
  detail: DisasterRecoveryDetail,
): Decision | undefined {
  const rule = ACTION_RULES[action];
  const id = options.disasterRecoveryId;
  const wanted = options.primaryClusterId as string;
  const primary = detail.primary_cluster?.id?.toLowerCase();
  const standby = detail.standby_cluster?.id?.toLowerCase();
  if (primary === undefined || standby === undefined) {
    const error = new DwsDrError({
      category: "service",
      summary: `DR ${id}: the detail shows no primary or standby cluster id, so the roles cannot be checked; nothing was sent`,
      hint: "Check the DR in the console; run without --primary-cluster-id only if you mean a toggle",
    });
    return { step: "refuse", why: "roles-unknown", error };
  }
  if (wanted === primary) {
    if (detail.status === rule.target) {
      return {
        step: "done",
        why: "already-primary",
        reason: `cluster ${wanted} is already primary`,
      };
    }
    const error = new DwsDrError({
      category: "refused",
      summary:
        `cluster ${wanted} is already primary but DR ${id} is ` +
        `"${detail.status}"; a ${action} would make ${standby} primary instead; nothing was sent`,
      hint: `Bring the DR back to "${rule.target}" (e.g. with a recovery), or check --primary-cluster-id`,
    });
    return { step: "refuse", why: "primary-not-in-target", error };
  }
  if (wanted !== standby) {
    const error = badInput(
      `primary cluster id: "${wanted}" is neither cluster of DR ${id} ` +
        `(primary ${describeCluster(detail.primary_cluster)}, standby ${describeCluster(detail.standby_cluster)}); nothing was sent`,
      "Pass the id of the cluster that must be primary afterwards: one of those two.",
    );
    return { step: "refuse", why: "not-a-cluster", error };
  }
  return undefined;
}

// A busy answer (409 DWS.0011, 403 DWS.7023) means the request was not applied: something else
// is moving the DR, or just did. Settle and decide again from the status; never re-send blindly,
// and give up after a few refusals.
function afterBusyAnswer({ action, run }: DecisionInput, busy: DwsDrError): Decision {
  // Issue #18: after our own send whose answer was lost, a busy answer is evidence that send is
  // the operation under way: wait for its target and send nothing more.
  if (run.lostResponses > 0) {
    const reason =
      `${busy.message.split(". ")[0]}: the ${action} whose answer was lost is under way; ` +
      `waiting for it, sending nothing more`;
    return { step: "wait", why: "under-way", reason };
  }
  if (run.busyRefusals >= MAX_BUSY_REFUSALS) {
    const error = new DwsDrError({
      ...busy,
      summary: `${busy.summary}, ${run.busyRefusals} times; nothing was applied`,
      hint: "Another operation keeps the DR busy; check it with `dws-dr status`, then run again",
    });
    return { step: "refuse", why: "still-busy", error };
  }
  const reason = `${busy.message.split(". ")[0]}; waiting for the DR to settle before deciding`;
  return { step: "wait", why: "busy", reason };
}

// A send with an unknown outcome, judged by the status read after it: under way, sent again
// (only where the status proves the first request was not applied), or the run ends.
function afterLostAnswer({ action, options, detail, run }: DecisionInput, lost: DwsDrError) {
  const rule = ACTION_RULES[action];
  if (showsUnderWay(action, detail, run)) {
    const reason = `the DR is "${detail.status}": the ${action} is under way`;
    return { step: "wait", why: "under-way", reason } as const;
  }
  // Only where the target status proves completion (start, pause) does an unchanged status prove
  // the request was not applied. A switchover, failover or recovery may have been applied with the
  // status not showing it yet; sending it again could switch back or rebuild the standby twice.
  const canResend =
    rule.targetProvesCompletion &&
    classifyBeforeAction(action, detail.status) === "allowed" &&
    run.sent < MAX_ACTION_REQUESTS;
  if (canResend) {
    const reason = `the DR is "${detail.status}": the lost ${action} was not applied`;
    return { step: "send", why: "not-applied", reason } as const;
  }
  // Issue #18: the status may not show an applied request at once; read again before deciding.
  if (!rule.targetProvesCompletion && run.msSinceSend < STALE_STATUS_GRACE_MS) {
    const reason = `the DR is "${detail.status}": the lost ${action} does not show yet; reading again`;
    return { step: "wait", why: "unconfirmed", reason } as const;
  }
  const advice = rerunAdvice({ action, ...options, desiredPrimary: desiredPrimary(options, run) });
  const error = new DwsDrError({
    category: "service",
    summary: `${lost.summary}; afterwards the DR is "${detail.status}"`,
    hint: `Check the DR in the console or with \`dws-dr status\` before running ${action} again${advice}`,
  });
  return { step: "refuse", why: "outcome-unknown", error } as const;
}

// Evidence the action took effect: an in-progress status, the target reached where that proves
// it, or (switchover, failover) the primary cluster changed since the send.
function showsUnderWay(action: DrAction, detail: DisasterRecoveryDetail, run: RunSoFar): boolean {
  const rule = ACTION_RULES[action];
  if ((rule.inProgress as readonly string[]).includes(detail.status)) return true;
  if (detail.status === rule.target && rule.targetProvesCompletion) return true;
  if (action === "recovery" && recoveryEvidence(detail).verdict === "re-established") return true;
  return primaryChanged(run.sentFrom?.primary, detail.primary_cluster?.id);
}

function afterAccepted({ action, options }: DecisionInput): Decision {
  if (!options.wait) {
    const reason = `${action} accepted; not waiting (--no-wait)`;
    return { step: "done", why: "submitted", reason };
  }
  return { step: "wait", why: "target", reason: `waiting for "${ACTION_RULES[action].target}"` };
}

// Accepted, and waiting: done at the target, a failed status ends the run, else wait on.
function whileWaiting({ action, options, detail, run }: DecisionInput): Decision {
  const rule = ACTION_RULES[action];
  if (reachedTarget(action, options, detail, run)) {
    const primary = rule.swapsRoles ? `, primary ${describeCluster(detail.primary_cluster)}` : "";
    return {
      step: "done",
      why: "target-reached",
      reason: `${action} done: ${detail.status}${primary}`,
    };
  }
  // Counted from the send, not the run: a long wait to settle must not use up the grace.
  const stale = !run.moved && run.msSinceSend < STALE_STATUS_GRACE_MS;
  if (classifyAfterAction(action, detail.status) === "failed" && !stale) {
    const error = new DwsDrError({
      category: "refused",
      summary: `${action} of DR ${options.disasterRecoveryId} ended in "${detail.status}"`,
      hint: "See the DR task's events in the DWS console; fix the cause, then run again",
    });
    return { step: "refuse", why: "failed-status", error };
  }
  return { step: "wait", why: "target", reason: `waiting for "${rule.target}"` };
}

// A role swap is done when the wanted cluster is primary and the status is the target: a
// `running` read taken before the service picked the request up shows the old primary.
function reachedTarget(
  action: DrAction,
  options: DecisionOptions,
  detail: DisasterRecoveryDetail,
  run: RunSoFar,
): boolean {
  const rule = ACTION_RULES[action];
  if (classifyAfterAction(action, detail.status) !== "target") return false;
  const wanted = desiredPrimary(options, run);
  if (rule.swapsRoles && wanted !== undefined) {
    return detail.primary_cluster?.id?.toLowerCase() === wanted;
  }
  if (rule.targetProvesCompletion) return true;
  // A recovery is sent only while the pair does not replicate, so a replicating pair proves it;
  // a pair that still shows detached may be a stale read.
  if (action === "recovery") {
    const { verdict } = recoveryEvidence(detail);
    if (verdict !== "unclear") return verdict === "re-established";
  }
  if (run.moved) return true;
  // A recovery starts and ends `running`: one too quick to be seen moving shows only `running`.
  // Within the grace that reading may be the old status; after it, it is the outcome, and
  // waiting on would only end in a timeout for an action that is done.
  return run.msSinceSend >= STALE_STATUS_GRACE_MS;
}

/** True when both primary ids are known and differ. */
export function primaryChanged(before: string | undefined, now: string | undefined): boolean {
  return before !== undefined && now !== undefined && before !== now;
}
