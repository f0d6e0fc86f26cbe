import { DwsDrClient } from "../api/client";
import { credentialsFromEnv, secretValues } from "../api/credentials";
import { formatElapsed } from "../api/duration";
import { Env } from "../api/env";
import { DwsDrError, EXIT_CODES, badInput } from "../api/errors";
import type { DisasterRecoveryDetail } from "../api/models";
import { RUNTIME_OPTIONS, parseEnvBoolean } from "../api/runtime-options";
import { ACTION_RULES } from "../api/status-model";
import { ActionPlan, DrApi, planAction } from "../runner";
import { missingConfirmation } from "./confirmation";
import { CliIo, progressLine, redactingIo } from "./output";
import { DeclaringStep, findDrift } from "./plan-drift";
import { RunSettings, resolveRunSettings } from "./parse-options";
import { describeTerraformActions, loadStack, loadTerraformPlan } from "./plan-files";
import { StackAction, isUnresolved } from "./stack-reader";
import { DrReport, PlanReport, StepDecision, StepReport, formatPlanReport } from "./plan-output";

/** `dws-dr plan --help`. */
export const PLAN_HELP_TEXT = `dws-dr plan: what an apply of a synthesized stack would do now, and drift; sends nothing

Usage:
  dws-dr plan <stack-dir> [--terraform-plan FILE] [--fail-on-drift] [--json]

  <stack-dir>             the directory cdktf synth wrote for one stack: cdktf.out/stacks/<stack>
  --terraform-plan FILE   \`terraform show -json\` of a saved plan: which action resources Terraform
                          runs; a difference a running step will make is then not drift
  --fail-on-drift         exit 5 when a DR differs from what the stack declares
  --json                  print one JSON object on stdout (also DWS_DR_JSON)

Reads each DR once (GET detail; permission dws:cluster:getDisasterRecovery only), with the
credentials from the environment, like the runtime. Exit codes: 0 planned; 2 bad stack or input,
missing credentials; 3 authentication refused; 4 DR not found; 5 drift (with --fail-on-drift);
7 service or network error.
`;

/** The exit code of `--fail-on-drift` when drift is found: the DR's state is not the declared one. */
export const DRIFT_EXIT_CODE = EXIT_CODES.refused;

// The settings that say what an action acts on: unknown until apply, the plan cannot decide.
const TARGET_VARIABLES: readonly string[] = [
  RUNTIME_OPTIONS.projectId.env,
  RUNTIME_OPTIONS.disasterRecoveryId.env,
  RUNTIME_OPTIONS.endpoint.env,
  RUNTIME_OPTIONS.region.env,
  RUNTIME_OPTIONS.primaryClusterId.env,
  RUNTIME_OPTIONS.confirm.env,
];

interface PlanArgs {
  readonly stackDir: string;
  readonly terraformPlan?: string;
  readonly failOnDrift: boolean;
  readonly json: boolean;
}

/** One action resource with its settings resolved as the runtime would resolve them. */
type ResolvedStep =
  | { readonly step: StackAction; readonly kind: "ready"; readonly settings: RunSettings }
  | { readonly step: StackAction; readonly kind: "unknown"; readonly unresolved: string[] }
  | { readonly step: StackAction; readonly kind: "invalid"; readonly error: DwsDrError };

/** A DR as read for the plan: its detail, or why it could not be read. */
type ReadDr = DrReport & { readonly detail?: DisasterRecoveryDetail; readonly error?: DwsDrError };

/** The DR as the plan expects it when a step runs: as read, or after earlier steps. */
type Expected =
  | { readonly detail: DisasterRecoveryDetail; readonly after?: string }
  | { readonly blockedBy: string };

/**
 * `dws-dr plan <stack-dir>`: reads the stack's action resources, reads each DR once, and says what
 * each step's runtime would do if Terraform ran it now, and where the DR differs from the stack.
 * Sends no action: its API object has no way to send one.
 */
export async function runPlanCommand(
  argv: readonly string[],
  env: Env,
  io: CliIo,
): Promise<number> {
  let json = parseEnvBoolean(env[RUNTIME_OPTIONS.json.env]) === true || argv.includes("--json");
  io = redactingIo(io, secretsOf(env));
  try {
    const args = parsePlanArgs(argv, env);
    if (args === "help") {
      io.stdout(PLAN_HELP_TEXT);
      return 0;
    }
    json = args.json;
    const report = await plan(args, env, progressLine(io));
    if (json) io.stdout(`${JSON.stringify(report)}\n`);
    else io.stdout(formatPlanReport(report));
    for (const error of report.errors) io.stderr(`dws-dr: error: ${error.message}\n`);
    return report.exitCode;
  } catch (error) {
    if (!(error instanceof DwsDrError)) throw error;
    if (json) {
      io.stdout(
        `${JSON.stringify({ ok: false, exitCode: error.exitCode, error: error.toJSON() })}\n`,
      );
    }
    io.stderr(`dws-dr: error: ${error.message}\n`);
    return error.exitCode;
  }
}

function parsePlanArgs(argv: readonly string[], env: Env): PlanArgs | "help" {
  let stackDir: string | undefined;
  let terraformPlan: string | undefined;
  let failOnDrift = false;
  let json = parseEnvBoolean(env[RUNTIME_OPTIONS.json.env]) === true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    else if (arg === "--json") json = true;
    else if (arg === "--fail-on-drift") failOnDrift = true;
    else if (arg === "--terraform-plan" || arg.startsWith("--terraform-plan=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!value || value.startsWith("--")) {
        throw badInput(
          "--terraform-plan: no file given",
          "Write --terraform-plan tfplan.json (from `terraform show -json tfplan`).",
        );
      }
      terraformPlan = value;
    } else if (arg.startsWith("-")) {
      throw badInput(
        `plan: unknown option "${arg}"`,
        "Run `dws-dr plan --help` for its options (--terraform-plan, --fail-on-drift, --json).",
      );
    } else if (stackDir === undefined) stackDir = arg;
    else throw badInput(`plan: unexpected argument "${arg}"`, "Give one stack directory.");
  }
  if (stackDir === undefined) {
    throw badInput(
      "plan: no stack directory given",
      "Run `cdktf synth`, then `dws-dr plan cdktf.out/stacks/<stack>`.",
    );
  }
  return { stackDir, terraformPlan, failOnDrift, json };
}

async function plan(args: PlanArgs, env: Env, log: (line: string) => void): Promise<PlanReport> {
  const { stackDir, file, stackName, actions } = loadStack(args.stackDir);
  const terraformActions = args.terraformPlan ? loadTerraformPlan(args.terraformPlan) : undefined;
  const steps = actions.map((step) => resolveStep(step, env));
  const ready = steps.filter(
    (s): s is Extract<ResolvedStep, { kind: "ready" }> => s.kind === "ready",
  );

  // Credentials only when a DR is to be read; missing ones fail before any request (exit 2).
  const credentials = ready.length > 0 ? credentialsFromEnv(env) : undefined;
  const drs = new Map<string, ReadDr>();
  const clients = new Map<string, DwsDrClient>();
  for (const { settings } of ready) {
    const key = drKey(settings);
    if (drs.has(key)) continue;
    const id = settings.disasterRecoveryId as string;
    const clientKey = `${settings.endpoint} ${settings.projectId}`;
    let client = clients.get(clientKey);
    if (!client && credentials) {
      client = new DwsDrClient({
        endpoint: settings.endpoint,
        projectId: settings.projectId,
        credentials,
        onRetry: (e) =>
          log(`${e.what}: ${e.reason}; retry ${e.attempt} in ${formatElapsed(e.delayMs)}`),
      });
      clients.set(clientKey, client);
    }
    const base = {
      disasterRecoveryId: id,
      projectId: settings.projectId,
      endpoint: settings.endpoint,
    };
    try {
      // The one read of this DR: every step on it is decided from this detail.
      const detail = await (client as DwsDrClient).getDetail(id);
      drs.set(key, {
        ...base,
        status: detail.status,
        primaryClusterId: detail.primary_cluster?.id,
        standbyClusterId: detail.standby_cluster?.id,
        detail,
      });
    } catch (error) {
      if (!(error instanceof DwsDrError)) throw error;
      drs.set(key, { ...base, error });
    }
  }

  const reports: StepReport[] = [];
  const expected = new Map<string, Expected>();
  const errors: DwsDrError[] = [];
  for (const resolved of steps) {
    const report = await decideStep(resolved, drs, expected, terraformActions);
    reports.push(report.report);
    if (report.error && !errors.includes(report.error)) errors.push(report.error);
  }
  for (const dr of drs.values()) {
    if (dr.error && !errors.includes(dr.error)) errors.push(dr.error);
  }
  const declaring: DeclaringStep[] = [];
  steps.forEach((resolved, index) => {
    if (resolved.kind !== "ready" || !resolved.step.armed) return;
    const { step, settings } = resolved;
    declaring.push({
      path: step.path,
      action: step.action,
      drKey: drKey(settings),
      disasterRecoveryId: settings.disasterRecoveryId as string,
      primaryClusterId: settings.primaryClusterId,
      decision: reports[index].decision,
    });
  });
  const live = new Map<string, DisasterRecoveryDetail>();
  for (const [key, dr] of drs) if (dr.detail) live.set(key, dr.detail);
  const { drift, pending } = findDrift(declaring, live, terraformActions !== undefined);
  const exitCode =
    errors.length > 0
      ? errors[0].exitCode
      : args.failOnDrift && drift.length > 0
        ? DRIFT_EXIT_CODE
        : 0;
  return {
    ok: errors.length === 0,
    exitCode,
    sent: 0,
    stack: stackName,
    stackDir,
    file,
    terraformPlan: args.terraformPlan,
    disasterRecoveries: [...drs.values()].map(({ detail: _detail, error, ...dr }) => ({
      ...dr,
      ...(error ? { error: error.toJSON() } : {}),
    })),
    resources: reports,
    drift,
    pending,
    errors: errors.map((e) => e.toJSON() as PlanReport["errors"][number]),
  };
}

async function decideStep(
  resolved: ResolvedStep,
  drs: ReadonlyMap<string, ReadDr>,
  expected: Map<string, Expected>,
  terraformActions: ReadonlyMap<string, readonly string[]> | undefined,
): Promise<{ report: StepReport; error?: DwsDrError }> {
  const { step } = resolved;
  const base = {
    address: step.address,
    path: step.path,
    action: step.action,
    armed: step.armed,
    disasterRecoveryId: step.environment[RUNTIME_OPTIONS.disasterRecoveryId.env] ?? "",
    ...(terraformActions
      ? { terraform: describeTerraformActions(terraformActions.get(step.address)) }
      : {}),
  };
  const decided = (decision: StepDecision, reason: string, extra: Partial<StepReport> = {}) => ({
    report: { ...base, decision, reason, ...extra },
  });
  if (resolved.kind === "unknown") {
    const values = resolved.unresolved.map((name) => `${name}=${step.environment[name]}`);
    return decided("unknown", `known only at apply: ${values.join(", ")}`, {
      unresolved: resolved.unresolved,
    });
  }
  if (resolved.kind === "invalid") {
    return { ...decided("error", resolved.error.message), error: resolved.error };
  }
  const { settings } = resolved;
  const key = drKey(settings);
  const dr = drs.get(key);
  if (!dr?.detail) {
    return decided("error", `the DR could not be read: ${dr?.error?.message ?? "not read"}`);
  }
  const now = expected.get(key) ?? { detail: dr.detail };
  if ("blockedBy" in now) {
    return decided(
      "unknown",
      `not reached: an earlier step, ${now.blockedBy}, would refuse and stop the apply there`,
    );
  }
  if (!step.armed) {
    const ifArmed = await decideFrom(step, settings, now);
    return decided(
      "disarmed",
      `declared without a revision: nothing runs until it is armed with one (e.g. the incident id); armed now: ${ifArmed.decision} (${ifArmed.reason})`,
      { ifArmed },
    );
  }
  const planned = terraformActions?.get(step.address);
  if (planned && !planned.includes("create")) {
    return decided(
      "not-run",
      `Terraform keeps this resource (${planned.join(", ")}): its action does not run in this apply`,
    );
  }
  const plan = await decideFrom(step, settings, now);
  if (plan.decision === "send" || plan.decision === "wait") {
    expected.set(key, { detail: afterStep(now.detail, settings, step), after: step.path });
  } else if (plan.decision === "refuse") {
    expected.set(key, { blockedBy: step.path });
  }
  return decided(plan.decision, plan.reason, { status: plan.status });
}

/**
 * The runtime's own decision (the `--dry-run` plan) from a detail already read: the API given to
 * it serves that detail and cannot send anything.
 */
async function decideFrom(
  step: StackAction,
  settings: RunSettings,
  now: { readonly detail: DisasterRecoveryDetail; readonly after?: string },
): Promise<{ decision: ActionPlan["decision"]; reason: string; status: string }> {
  const id = settings.disasterRecoveryId as string;
  const readOnly: DrApi = {
    getDetail: async () => now.detail,
    sendAction: () => Promise.reject(new Error("dws-dr plan never sends an action")),
  };
  const plan = await planAction(readOnly, {
    action: step.action,
    disasterRecoveryId: id,
    wait: settings.wait,
    timeoutMs: settings.timeoutMs,
    pollIntervalMs: settings.pollIntervalMs,
    primaryClusterId: settings.primaryClusterId,
  });
  const after = now.after ? `after ${now.after}, ` : "";
  // As the dry run: a failover or recovery without its confirmation is refused before sending.
  const refusal = missingConfirmation(step.action, id, settings.confirm);
  if (refusal && plan.decision !== "nothing-to-do") {
    return { decision: "refuse", reason: refusal.message, status: plan.status };
  }
  return { decision: plan.decision, reason: `${after}${plan.reason}`, status: plan.status };
}

/** The DR once a step that sends (or waits for) its action has succeeded. */
function afterStep(
  detail: DisasterRecoveryDetail,
  settings: RunSettings,
  step: StackAction,
): DisasterRecoveryDetail {
  const rule = ACTION_RULES[step.action];
  let primary = detail.primary_cluster;
  let standby = detail.standby_cluster;
  if (rule.swapsRoles) {
    const wanted = settings.primaryClusterId ?? standby?.id?.toLowerCase();
    if (primary?.id?.toLowerCase() !== wanted) [primary, standby] = [standby, primary];
  }
  return { ...detail, status: rule.target, primary_cluster: primary, standby_cluster: standby };
}

function resolveStep(step: StackAction, env: Env): ResolvedStep {
  const unresolved = Object.keys(step.environment).filter((name) =>
    isUnresolved(step.environment[name]),
  );
  if (unresolved.some((name) => TARGET_VARIABLES.includes(name))) {
    return { step, kind: "unknown", unresolved };
  }
  // How to run (timeout, poll interval) does not change the decision: its defaults stand in.
  const own = { ...step.environment };
  for (const name of unresolved) own[name] = "";
  try {
    // The provisioner's environment is merged onto Terraform's, as local-exec does.
    const settings = resolveRunSettings({ command: step.action, values: {} }, { ...env, ...own });
    return { step, kind: "ready", settings };
  } catch (error) {
    if (!(error instanceof DwsDrError)) throw error;
    const invalid = new DwsDrError({
      ...error,
      summary: `${step.path} (${step.address}): ${error.summary}`,
      hint: `${error.hint ?? ""} The runtime would refuse it at apply the same way; fix the construct's props and synthesize again.`.trim(),
    });
    return { step, kind: "invalid", error: invalid };
  }
}

// Whatever credentials the environment holds never reach the output, even in an error.
function secretsOf(env: Env): string[] {
  try {
    return secretValues(credentialsFromEnv(env));
  } catch {
    return [];
  }
}

function drKey(settings: RunSettings): string {
  return `${settings.endpoint} ${settings.projectId} ${settings.disasterRecoveryId}`;
}
