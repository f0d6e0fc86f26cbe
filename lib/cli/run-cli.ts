import { DwsDrClient, RequestPreview } from "../api/client";
import { credentialsFromEnv, secretValues } from "../api/credentials";
import { Env, envValue } from "../api/env";
import { formatElapsed, requireDuration } from "../api/duration";
import { DwsDrError, EXIT_CODES } from "../api/errors";
import { isDrAction } from "../api/status-model";
import { runAction } from "../runner/run-action";
import { runEmulatorCommand } from "./emulator-command";
import { HELP_TEXT } from "./help";
import { CliIo, progressLine, redactingIo } from "./output";
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
export async function runCli(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  let line: CommandLine | undefined;
  let out = io;
  try {
    line = parseCommandLine(argv);
    if (line.command === "help") {
      io.stdout(HELP_TEXT);
      return 0;
    }
    if (line.command === "emulator") return await runEmulatorCommand(line, io);

    const settings = resolveRunSettings(line, env);
    const credentials = credentialsFromEnv(env);
    out = redactingIo(io, secretValues(credentials));
    const client = new DwsDrClient({
      endpoint: settings.endpoint,
      projectId: settings.projectId,
      credentials,
      requestTimeoutMs: requestTimeoutFromEnv(env),
      onRetry: (e) =>
        progressLine(out)(
          `${e.what}: ${e.reason}; retry ${e.attempt} in ${formatElapsed(e.delayMs)}`,
        ),
    });
    if (line.command === "status") return await printStatus(client, settings, out);
    if (!isDrAction(line.command)) throw new Error(`unhandled command ${line.command}`);
    const action = line.command;
    const drId = settings.disasterRecoveryId as string;
    if (settings.dryRun) {
      const preview = client.previewAction(action, drId);
      out.stdout(
        settings.json
          ? `${JSON.stringify({ ok: true, dryRun: true, request: preview })}\n`
          : formatPreview(preview),
      );
      return 0;
    }
    const result = await runAction(client, {
      action,
      disasterRecoveryId: drId,
      wait: settings.wait,
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      log: progressLine(out),
    });
    if (settings.json) out.stdout(`${JSON.stringify({ ok: true, ...result })}\n`);
    else out.stdout(`${result.disasterRecoveryId} ${result.status} (${result.outcome})\n`);
    return 0;
  } catch (error) {
    return reportFailure(error, wantsJson(line, env), out);
  }
}

// How long one HTTP request may take (default 30s). Not a documented option: the reliability
// suite shortens it to test latency beyond it without waiting half a minute per case.
function requestTimeoutFromEnv(env: Env): number | undefined {
  const value = envValue(env, "DWS_DR_REQUEST_TIMEOUT");
  return value === undefined ? undefined : requireDuration("DWS_DR_REQUEST_TIMEOUT", value);
}

async function printStatus(client: DwsDrClient, settings: RunSettings, io: CliIo): Promise<number> {
  if (settings.disasterRecoveryId === undefined) {
    const items = await client.list();
    if (settings.json) io.stdout(`${JSON.stringify({ ok: true, disasterRecoveries: items })}\n`);
    else for (const item of items) io.stdout(`${item.id} ${item.status} ${item.name ?? ""}\n`);
    return 0;
  }
  const detail = await client.getDetail(settings.disasterRecoveryId);
  if (settings.json) io.stdout(`${JSON.stringify({ ok: true, disasterRecovery: detail })}\n`);
  else {
    io.stdout(`${detail.id} ${detail.status}\n`);
    io.stdout(
      `  primary: ${detail.primary_cluster?.id ?? "?"} (${detail.primary_cluster?.name ?? ""})\n`,
    );
    io.stdout(
      `  standby: ${detail.standby_cluster?.id ?? "?"} (${detail.standby_cluster?.name ?? ""})\n`,
    );
  }
  return 0;
}

function formatPreview(preview: RequestPreview): string {
  const headers = Object.entries(preview.headers).map(([name, value]) => `  ${name}: ${value}\n`);
  return (
    `dry run: nothing sent\n${preview.method} ${preview.url}\n` +
    `signed headers: ${preview.signedHeaders.join(";") || "(none: token authentication)"}\n` +
    headers.join("")
  );
}

function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const known = error instanceof DwsDrError;
  const exitCode = known ? error.exitCode : EXIT_CODES.service;
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const detail = known ? error.toJSON() : { category: "internal", message };
    io.stdout(`${JSON.stringify({ ok: false, exitCode, error: detail })}\n`);
  }
  io.stderr(`dws-dr: error: ${message}\n`);
  return exitCode;
}
