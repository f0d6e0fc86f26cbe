import type { ActionRule } from "../api/status-model";

/**
 * What the wait after an action is for, as its progress lines and its timeout say it. A role
 * swap starts and ends `running`, so "waiting for running" would read as done while the run
 * really waits for the wanted cluster to become primary.
 */
export function describeOutcomeWait(rule: ActionRule, desiredPrimary: string | undefined): string {
  if (rule.swapsRoles) {
    const cluster = desiredPrimary === undefined ? "the standby" : `cluster ${desiredPrimary}`;
    return `waiting for the roles to swap: ${cluster} to become primary`;
  }
  return `waiting for "${rule.target}"`;
}
