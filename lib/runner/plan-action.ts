import { formatElapsed } from "../api/duration";
import { FRESH_RUN, decide } from "./decide";
import { interruptible } from "./interruptible";
import type { ActionPlan, DrApi, RunActionOptions } from "./types";

// The `--dry-run` plan: one status read, and the decision a real run would take on it.

/** Reads the status once and says what `runAction` would do; sends nothing. */
export async function planAction(api: DrApi, options: RunActionOptions): Promise<ActionPlan> {
  const { action, disasterRecoveryId, wait, primaryClusterId } = options;
  const startedAt = Date.now();
  // The run's timeout is a hard limit, here as in a real run.
  const detail = await interruptible(api, options.signal).getDetail(disasterRecoveryId, {
    deadline: startedAt + options.timeoutMs,
  });
  const elapsed = formatElapsed(Date.now() - startedAt);
  options.log?.(`${action} ${disasterRecoveryId}: status ${detail.status} (${elapsed})`);
  const decision = decide({
    action,
    options: { disasterRecoveryId, wait, primaryClusterId },
    detail,
    run: FRESH_RUN,
  });
  const kinds = { done: "nothing-to-do", send: "send", wait: "wait", refuse: "refuse" } as const;
  return {
    action,
    disasterRecoveryId,
    status: detail.status,
    primaryClusterId: detail.primary_cluster?.id,
    standbyClusterId: detail.standby_cluster?.id,
    decision: kinds[decision.step],
    reason: decision.step === "refuse" ? decision.error.message : decision.reason,
  };
}
