/** What `dws-dr plan` found, as printed with `--json`, and its readable table. */

/**
 * What the step's runtime would do if Terraform ran it now: the runner's decisions (`send`,
 * `nothing-to-do`, `wait`, `refuse`), plus `disarmed` (declared, fires only once armed),
 * `not-run` (Terraform's plan keeps the resource), `unknown` (values known only at apply, or an
 * earlier step would fail the apply) and `error` (invalid settings, or the DR could not be read).
 */
export type StepDecision =
  "send" | "nothing-to-do" | "wait" | "refuse" | "disarmed" | "not-run" | "unknown" | "error";

/** One action resource of the stack. */
export interface StepReport {
  readonly address: string;
  readonly path: string;
  readonly action: string;
  readonly armed: boolean;
  /** As the stack states it (possibly a `${...}` reference). */
  readonly disasterRecoveryId: string;
  /** Terraform's planned actions for the resource (`create`, `replace`, `no-op`, ...), when given. */
  readonly terraform?: string;
  readonly decision: StepDecision;
  readonly reason: string;
  /** The status the decision was made from (read, or expected after earlier steps). */
  readonly status?: string;
  /** The `DWS_DR_*` variables that hold references, known only at apply. */
  readonly unresolved?: readonly string[];
  /** A disarmed step: what it would do if it were armed now. */
  readonly ifArmed?: { readonly decision: string; readonly reason: string };
}

/** One DR as read (once) for the plan. */
export interface DrReport {
  readonly disasterRecoveryId: string;
  readonly projectId: string;
  readonly endpoint: string;
  readonly status?: string;
  readonly primaryClusterId?: string;
  readonly standbyClusterId?: string;
}

/** A difference between the live DR and what the stack declares. */
export interface DriftReport {
  readonly disasterRecoveryId: string;
  /** `primary`: another cluster is primary; `running`: started or paused, not as declared. */
  readonly kind: "primary" | "running";
  readonly declared: string;
  readonly live: string;
  /** The step declaring it: the last armed switchover/failover, or start/pause, of that DR. */
  readonly declaredBy: string;
  readonly message: string;
}

/** The whole plan; printed as one JSON object with `--json`. */
export interface PlanReport {
  /** False when a DR could not be read or a step's settings are invalid. */
  readonly ok: boolean;
  readonly exitCode: number;
  /** Always 0: the plan reads only. */
  readonly sent: 0;
  readonly stack: string;
  readonly stackDir: string;
  readonly file: string;
  readonly terraformPlan?: string;
  readonly disasterRecoveries: ReadonlyArray<
    DrReport & { readonly error?: Record<string, unknown> }
  >;
  /** In dependency order. */
  readonly resources: readonly StepReport[];
  readonly drift: readonly DriftReport[];
  /** Differences a step running in this apply makes (only with Terraform's plan). */
  readonly pending: readonly DriftReport[];
  readonly errors: ReadonlyArray<{ readonly category: string; readonly message: string }>;
}

/** The plan as a table for a reviewer. */
export function formatPlanReport(report: PlanReport): string {
  const lines: string[] = [];
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  lines.push(
    `dws-dr plan: stack "${report.stack}" (${report.stackDir}): ` +
      `${count(report.resources.length, "action resource")}, ` +
      `${count(report.disasterRecoveries.length, "DR")} read; nothing was sent`,
    "",
  );
  for (const dr of report.disasterRecoveries) {
    const state = dr.error
      ? `could not be read: ${String(dr.error.message)}`
      : `${dr.status}, primary ${dr.primaryClusterId ?? "?"}, standby ${dr.standbyClusterId ?? "?"}`;
    lines.push(`DR ${dr.disasterRecoveryId} (${dr.endpoint}): ${state}`);
  }
  if (report.disasterRecoveries.length > 0) lines.push("");
  const withTerraform = report.terraformPlan !== undefined;
  const header = ["#", "step", "action", "DR", ...(withTerraform ? ["terraform"] : []), "decision"];
  const rows = report.resources.map((step, index) => [
    String(index + 1),
    step.path,
    step.action,
    shortId(step.disasterRecoveryId),
    ...(withTerraform ? [step.terraform ?? ""] : []),
    step.decision,
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const render = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  lines.push(render(header).trimEnd());
  report.resources.forEach((step, index) => {
    lines.push(render(rows[index]).trimEnd());
    lines.push(`${" ".repeat(widths[0] + 2)}${step.reason}`);
  });
  lines.push("");
  if (report.pending.length > 0) {
    lines.push(`changed by this apply (${report.pending.length}):`);
    for (const item of report.pending) lines.push(`  ${item.message}`);
  }
  if (report.drift.length === 0) lines.push("drift: none");
  else {
    lines.push(`drift (${report.drift.length}):`);
    for (const item of report.drift) lines.push(`  ${item.message}`);
  }
  return `${lines.join("\n")}\n`;
}

// A UUID's first group is enough to tell DRs apart in a table; references are shown as they are.
function shortId(id: string): string {
  return /^[0-9a-f]{8}-/i.test(id) ? id.slice(0, 8) : id;
}
