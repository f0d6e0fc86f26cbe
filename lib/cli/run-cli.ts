import { DwsDrClient, RequestPreview, previewUnsignedAction } from "../api/client";
import {
  Credentials,
  credentialsFromEnv,
  hasNoCredentials,
  secretValues,
} from "../api/credentials";
import { Env, envValue } from "../api/env";
import { formatElapsed, requireDuration } from "../api/duration";
import { DwsDrError, EXIT_CODES } from "../api/errors";
import type { DisasterRecoveryCluster, DisasterRecoveryProgress } from "../api/models";
import { DrAction, isDrAction } from "../api/status-model";
import { PACKAGE_VERSION } from "../api/version";
import { ActionPlan, RunActionOptions, planAction } from "../runner/run-action";
import { runActionCommand } from "./action-command";
import { missingConfirmation } from "./confirmation";
import { HELP_TEXT } from "./help";
import { CliIo, cleanIo, lineStart, oneLine, progressLine, redactingIo } from "./output";
import {
  CommandLine,
  RunSettings,
  parseCommandLine,
  resolveRunSettings,
  wantsJson,
} from "./parse-options";

/**
 * Runs `dws-dr` with `argv` (without node and script) and returns the exit code. Every failure
 * becomes a message naming what failed and what to do, and the exit code of its category.
 */
export async function runCli(argv: readonly string[], env: Env, rawIo: CliIo): Promise<number> {
  let line: CommandLine | undefined;
  // No control character from the service (or anywhere) reaches a terminal or a CI log (issue 22).
  const io = cleanIo(rawIo);
  let out = io;
  try {
    if (argv[0] === "plan") {
      // Loaded only here, like the emulator: Terraform's runs of an action never need it.
      const { runPlanCommand } = await import("./plan-command");
      return await runPlanCommand(argv.slice(1), env, io);
    }
    line = parseCommandLine(argv);
    switch (line.command) {
      case "help":
        io.stdout(HELP_TEXT);
        return 0;
      case "version":
        io.stdout(`${PACKAGE_VERSION}\n`);
        return 0;
      case "usage":
        // A script that forgot the command must not "succeed" (issue 12).
        io.stderr(`dws-dr: error: no command given\n\n${HELP_TEXT}`);
        return EXIT_CODES["bad-input"];
      case "emulator": {
        // Loaded only here: the emulator (and node:http's server with it) costs every action's
        // start-up otherwise, and Terraform starts the runtime once per action (issue 9).
        const { runEmulatorCommand } = await import("./emulator-command");
        return await runEmulatorCommand(line, io);
      }
    }

    const settings = resolveRunSettings(line, env);
    if (isDrAction(line.command) && settings.dryRun) {
      return await dryRun(line.command, settings, env, io);
    }
    const credentials = credentialsFromEnv(env);
    out = redactingIo(io, secretValues(credentials));
    const client = clientFor(settings, credentials, out, env);
    if (line.command === "status") return await printStatus(client, settings, out);
    if (!isDrAction(line.command)) throw new Error(`unhandled command ${line.command}`);
    const action = line.command;
    const options = runOptions(action, settings, out);
    const refusal = missingConfirmation(action, options.disasterRecoveryId, settings.confirm);
    if (refusal) throw refusal;
    const result = await runActionCommand(client, options, secretValues(credentials), out);
    if (settings.json) out.stdout(`${JSON.stringify({ ok: true, ...result })}\n`);
    else {
      out.stdout(
        `${lineStart(result.disasterRecoveryId)} ${oneLine(result.status)} (${result.outcome})\n`,
      );
    }
    return 0;
  } catch (error) {
    return reportFailure(error, wantsJson(line, env), out);
  }
}

function clientFor(
  settings: RunSettings,
  credentials: Credentials,
  out: CliIo,
  env: Env,
): DwsDrClient {
  return new DwsDrClient({
    endpoint: settings.endpoint,
    projectId: settings.projectId,
    credentials,
    requestTimeoutMs: requestTimeoutFromEnv(env),
    onRetry: (e) =>
      progressLine(out)(
        `${e.what}: ${e.reason}; retry ${e.attempt} in ${formatElapsed(e.delayMs)}`,
      ),
  });
}

// How long one HTTP request may take (default 30s). Not a documented option: the reliability
// suite shortens it to test latency beyond it without waiting half a minute per case.
function requestTimeoutFromEnv(env: Env): number | undefined {
  const value = envValue(env, "DWS_DR_REQUEST_TIMEOUT");
  return value === undefined ? undefined : requireDuration("DWS_DR_REQUEST_TIMEOUT", value);
}

function runOptions(action: DrAction, settings: RunSettings, out: CliIo): RunActionOptions {
  return {
    action,
    disasterRecoveryId: settings.disasterRecoveryId as string,
    wait: settings.wait,
    timeoutMs: settings.timeoutMs,
    pollIntervalMs: settings.pollIntervalMs,
    primaryClusterId: settings.primaryClusterId,
    log: progressLine(out),
  };
}

/**
 * `--dry-run`: shows the request and sends nothing. Without credentials the request is shown
 * unsigned and the status is not read; with them, one status read says what a real run would do,
 * so the dry run can serve as a pipeline's plan stage.
 */
async function dryRun(
  action: DrAction,
  settings: RunSettings,
  env: Env,
  io: CliIo,
): Promise<number> {
  const credentials = optionalCredentials(env);
  const options = runOptions(action, settings, io);
  const refusal = missingConfirmation(action, options.disasterRecoveryId, settings.confirm);
  if (!credentials) {
    const request = previewUnsignedAction(
      settings.endpoint,
      settings.projectId,
      action,
      options.disasterRecoveryId,
    );
    const note =
      "no credentials in the environment: the request is shown unsigned, and the DR's status was not read";
    const plan = refusal ? { decision: "refuse", reason: refusal.message } : undefined;
    if (settings.json) {
      io.stdout(
        `${JSON.stringify({ ok: true, dryRun: true, signed: false, note, request, plan })}\n`,
      );
    } else {
      io.stdout(`${formatPreview(request)}note: ${note}\n${plan ? formatPlan(plan) : ""}`);
    }
    return 0;
  }
  const out = redactingIo(io, secretValues(credentials));
  const client = clientFor(settings, credentials, out, env);
  const request = client.previewAction(action, options.disasterRecoveryId);
  let plan: ActionPlan = await planAction(client, { ...options, log: undefined });
  if (refusal && plan.decision !== "nothing-to-do") {
    plan = { ...plan, decision: "refuse", reason: refusal.message };
  }
  if (settings.json) {
    out.stdout(`${JSON.stringify({ ok: true, dryRun: true, signed: true, request, plan })}\n`);
  } else {
    out.stdout(formatPreview(request) + formatPlan(plan));
  }
  return 0;
}

// Only a complete absence of credentials allows an unsigned preview; half-set ones stay an error.
function optionalCredentials(env: Env): Credentials | undefined {
  return hasNoCredentials(env) ? undefined : credentialsFromEnv(env);
}

async function printStatus(client: DwsDrClient, settings: RunSettings, io: CliIo): Promise<number> {
  if (settings.disasterRecoveryId === undefined) {
    const items = await client.list();
    if (settings.json) io.stdout(`${JSON.stringify({ ok: true, disasterRecoveries: items })}\n`);
    else {
      for (const item of items) {
        io.stdout(`${lineStart(item.id)} ${oneLine(item.status)} ${oneLine(item.name ?? "")}\n`);
      }
    }
    return 0;
  }
  const detail = await client.getDetail(settings.disasterRecoveryId);
  // Progress is extra: a service without it (or a refusal to read it) must not hide the status.
  let progress: DisasterRecoveryProgress | undefined;
  let progressError: DwsDrError | undefined;
  try {
    progress = await client.getProgress(settings.disasterRecoveryId);
  } catch (error) {
    if (!(error instanceof DwsDrError)) throw error;
    progressError = error;
  }
  if (settings.json) {
    const body = { ok: true, disasterRecovery: detail, progress: progress ?? null };
    const extra = progressError ? { progressError: progressError.toJSON() } : {};
    io.stdout(`${JSON.stringify({ ...body, ...extra })}\n`);
    return 0;
  }
  const lines = [
    `${lineStart(detail.id)} ${oneLine(detail.status)}${detail.name ? ` (${oneLine(detail.name)})` : ""}`,
    `  primary: ${describeCluster(detail.primary_cluster)}`,
    `  standby: ${describeCluster(detail.standby_cluster)}`,
  ];
  if (progress) lines.push(...describeProgress(progress));
  else lines.push(`  progress: unavailable (${oneLine(progressError?.message ?? "")})`);
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

function describeCluster(cluster: DisasterRecoveryCluster | undefined): string {
  if (!cluster) return "(not shown)";
  const name = cluster.name ? ` (${oneLine(cluster.name)})` : "";
  const synced = cluster.last_success_time
    ? `, last synchronised ${oneLine(cluster.last_success_time)}`
    : "";
  return `${oneLine(cluster.id ?? "?")}${name}${synced}`;
}

function describeProgress(progress: DisasterRecoveryProgress): string[] {
  const seconds = (value: number | undefined) =>
    value === undefined ? "?" : `${oneLine(String(value))}s`;
  const lines = [
    `  RPO: ${seconds(progress.recovery_point_object)}, RTO: ${seconds(progress.recovery_time_object)} (the service's estimates)`,
  ];
  if (progress.latest_barrier_time) {
    lines.push(`  last barrier: ${oneLine(progress.latest_barrier_time)}`);
  }
  if (progress.last_recovery_spend !== undefined) {
    lines.push(`  last recovery took: ${seconds(progress.last_recovery_spend)}`);
  }
  return lines;
}

function formatPreview(preview: RequestPreview): string {
  const headers = Object.entries(preview.headers).map(([name, value]) => `  ${name}: ${value}\n`);
  const signing = preview.signed
    ? `signed headers: ${preview.signedHeaders.join(";") || "(none: token authentication)"}\n`
    : "unsigned: no credentials\n";
  return `dry run: nothing sent\n${preview.method} ${preview.url}\n${signing}${headers.join("")}`;
}

function formatPlan(plan: { decision: string; reason: string }): string {
  const verbs: Record<string, string> = {
    send: "a real run would send it",
    "nothing-to-do": "a real run would send nothing",
    wait: "a real run would wait for the DR to settle, then decide",
    refuse: "a real run would refuse",
  };
  return `plan: ${plan.decision}: ${verbs[plan.decision] ?? plan.decision} (${oneLine(plan.reason)})\n`;
}

function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const known = error instanceof DwsDrError;
  const exitCode = known ? error.exitCode : EXIT_CODES.service;
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const detail = known ? error.toJSON() : { category: "internal", message };
    io.stdout(`${JSON.stringify({ ok: false, exitCode, error: detail })}\n`);
  }
  io.stderr(`dws-dr: error: ${oneLine(message)}\n`);
  return exitCode;
}
