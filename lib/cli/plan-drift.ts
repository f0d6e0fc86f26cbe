import type { DisasterRecoveryDetail } from "../api/models";
import { ACTION_RULES, DrAction } from "../api/status-model";
import type { DriftReport, StepDecision } from "./plan-output";

/**
 * Drift for `dws-dr plan`: where a live DR differs from what the stack declares. Pure: the steps
 * and the details read are given.
 */

/** An armed step whose values are all known, in dependency order. */
export interface DeclaringStep {
  readonly path: string;
  readonly action: DrAction;
  /** Which DR it acts on (endpoint, project and DR id). */
  readonly drKey: string;
  readonly disasterRecoveryId: string;
  /** Switchover and failover: the cluster that must be primary afterwards (lower case). */
  readonly primaryClusterId?: string;
  /** What the plan decided for it; `not-run` when Terraform's plan keeps the resource. */
  readonly decision: StepDecision;
}

/** Differences nothing in this apply corrects (drift), and those a running step makes (pending). */
export interface DriftFindings {
  readonly drift: DriftReport[];
  readonly pending: DriftReport[];
}

// A start declares the DR started, a pause stopped; these statuses contradict each.
const STOPPED_STATUSES = ["unstart", "stopping", "stopped"];
const STARTED_STATUSES = ["starting", "running", "switchovering"];

/**
 * Compares each DR's live detail with its last declaring steps: the primary named by its last
 * switchover or failover, started or paused by its last start or pause. With Terraform's plan
 * (`knowsTerraformPlan`), a difference whose step runs in this apply is pending, not drift;
 * without it every difference counts, since nothing says the step runs.
 */
export function findDrift(
  steps: readonly DeclaringStep[],
  live: ReadonlyMap<string, DisasterRecoveryDetail>,
  knowsTerraformPlan: boolean,
): DriftFindings {
  const last = new Map<string, { primary?: DeclaringStep; running?: DeclaringStep }>();
  for (const step of steps) {
    const entry = last.get(step.drKey) ?? {};
    if (ACTION_RULES[step.action].swapsRoles) entry.primary = step;
    else if (step.action === "start" || step.action === "pause") entry.running = step;
    last.set(step.drKey, entry);
  }
  const findings: DriftFindings = { drift: [], pending: [] };
  for (const [key, { primary, running }] of last) {
    const detail = live.get(key);
    if (!detail) continue;
    const livePrimary = detail.primary_cluster?.id?.toLowerCase();
    // A toggle (no primaryClusterId) declares no particular primary.
    if (primary?.primaryClusterId && livePrimary && livePrimary !== primary.primaryClusterId) {
      record(findings, knowsTerraformPlan, primary, {
        kind: "primary",
        declared: primary.primaryClusterId,
        live: livePrimary,
        summary: `cluster ${livePrimary} is primary, but the stack declares ${primary.primaryClusterId}`,
      });
    }
    const declared = running?.action === "start" ? "started" : "paused";
    const contradicts = declared === "started" ? STOPPED_STATUSES : STARTED_STATUSES;
    if (running && contradicts.includes(detail.status)) {
      record(findings, knowsTerraformPlan, running, {
        kind: "running",
        declared,
        live: detail.status,
        summary: `the DR is "${detail.status}", but the stack's last start or pause says ${declared}`,
      });
    }
  }
  return findings;
}

function record(
  findings: DriftFindings,
  knowsTerraformPlan: boolean,
  by: DeclaringStep,
  difference: { kind: DriftReport["kind"]; declared: string; live: string; summary: string },
): void {
  const { summary, ...fields } = difference;
  const runs = knowsTerraformPlan && by.decision !== "not-run";
  const what = `DR ${by.disasterRecoveryId}: ${summary}`;
  const message = runs
    ? `${what}; ${by.path} runs in this apply (${by.decision})`
    : `${what} (${by.path}). ` +
      (knowsTerraformPlan
        ? "Terraform does not run that step in this apply: "
        : "If Terraform does not run that step (terraform plan shows it unchanged), an apply leaves this as it is: ") +
      "run it again with a new revision, or undo the change made outside the stack";
  const report = {
    disasterRecoveryId: by.disasterRecoveryId,
    ...fields,
    declaredBy: by.path,
    message,
  };
  (runs ? findings.pending : findings.drift).push(report);
}
