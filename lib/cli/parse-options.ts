import { parseArgs } from "node:util";
import { requireDuration } from "../api/duration";
import { Env, envValue } from "../api/env";
import { resolveEndpoint } from "../api/endpoints";
import { badInput } from "../api/errors";
import { validateDisasterRecoveryId, validateProjectId } from "../api/identifiers";
import {
  DEFAULT_POLL_INTERVAL,
  DEFAULT_TIMEOUT,
  RUNTIME_OPTIONS,
  RuntimeOptionName,
  parseEnvBoolean,
} from "../api/runtime-options";
import { DR_ACTIONS, DrAction, isDrAction } from "../api/status-model";

/** A parsed command line, before anything is validated beyond its shape. */
export interface CommandLine {
  readonly command: DrAction | "status" | "emulator" | "help";
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** Everything an action or `status` run needs, validated. */
export interface RunSettings {
  readonly projectId: string;
  readonly disasterRecoveryId?: string;
  readonly endpoint: string;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly dryRun: boolean;
  readonly json: boolean;
}

const COMMANDS = [...DR_ACTIONS, "status", "emulator"] as const;

/** Splits argv into the command and its flags; unknown flags or commands are bad input. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "project-id": { type: "string" },
        "disaster-recovery-id": { type: "string" },
        region: { type: "string" },
        endpoint: { type: "string" },
        "no-wait": { type: "boolean" },
        timeout: { type: "string" },
        "poll-interval": { type: "string" },
        "primary-cluster-id": { type: "string" },
        confirm: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        host: { type: "string" },
        port: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw badInput((error as Error).message, "Run `dws-dr --help` for the options.");
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === "help") {
    return { command: "help", values: parsed.values };
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw badInput(
      `unknown command "${command}"`,
      `Use one of: ${COMMANDS.join(", ")}. Run \`dws-dr --help\` for details.`,
    );
  }
  if (extra.length > 0)
    throw badInput(`unexpected argument "${extra[0]}"`, "Options start with --.");
  return { command: command as CommandLine["command"], values: parsed.values };
}

/**
 * Resolves an action's or `status`'s settings: each flag, else its `DWS_DR_*` variable (empty
 * means unset), else the Huawei Cloud conventions for project and region. Every value is
 * validated here, so nothing is sent on bad input.
 */
export function resolveRunSettings(line: CommandLine, env: Env): RunSettings {
  const read = (name: RuntimeOptionName) => readOption(line, env, name);
  const projectId =
    read("projectId") ??
    envValue(env, "HUAWEICLOUD_SDK_PROJECT_ID") ??
    envValue(env, "HW_PROJECT_ID");
  if (projectId === undefined) {
    throw badInput(
      "project id: not given",
      "Pass --project-id, or set DWS_DR_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID.",
    );
  }
  const drId = read("disasterRecoveryId");
  if (drId === undefined && isDrAction(line.command)) {
    throw badInput(
      "disaster recovery id: not given",
      "Pass --disaster-recovery-id, or set DWS_DR_DISASTER_RECOVERY_ID.",
    );
  }
  const endpointFlag = read("endpoint");
  const regionFlag = read("region");
  if (endpointFlag !== undefined && regionFlag !== undefined) {
    throw badInput(
      `region and endpoint: both given ("${regionFlag}", "${endpointFlag}")`,
      "Give only one: the endpoint is derived from the region.",
    );
  }
  const timeoutMs = requireDuration("timeout", read("timeout") ?? DEFAULT_TIMEOUT);
  const pollIntervalMs = requireDuration(
    "poll interval",
    read("pollInterval") ?? DEFAULT_POLL_INTERVAL,
  );
  if (pollIntervalMs > timeoutMs) {
    throw badInput(
      `poll interval (${pollIntervalMs} ms) is longer than timeout (${timeoutMs} ms)`,
      "Use a poll interval no longer than the timeout.",
    );
  }
  return {
    projectId: validateProjectId(projectId, "project id"),
    disasterRecoveryId:
      drId === undefined ? undefined : validateDisasterRecoveryId(drId, "disaster recovery id"),
    endpoint: resolveEndpoint({
      endpoint: endpointFlag,
      region: regionFlag ?? envValue(env, "HW_REGION_NAME"),
    }),
    wait: !readBoolean(line, env, "noWait"),
    timeoutMs,
    pollIntervalMs,
    dryRun: readBoolean(line, env, "dryRun"),
    json: readBoolean(line, env, "json"),
  };
}

/** True when `--json` or DWS_DR_JSON asks for JSON output; never throws. */
export function wantsJson(line: CommandLine | undefined, env: Env): boolean {
  return line?.values.json === true || parseEnvBoolean(env[RUNTIME_OPTIONS.json.env]) === true;
}

function readOption(line: CommandLine, env: Env, name: RuntimeOptionName): string | undefined {
  const { flag, env: envName } = RUNTIME_OPTIONS[name];
  const fromFlag = line.values[flag.slice(2)];
  return typeof fromFlag === "string" ? fromFlag.trim() : envValue(env, envName);
}

function readBoolean(line: CommandLine, env: Env, name: RuntimeOptionName): boolean {
  const { flag, env: envName } = RUNTIME_OPTIONS[name];
  if (line.values[flag.slice(2)] === true) return true;
  const value = parseEnvBoolean(env[envName]);
  if (value !== undefined) return value;
  throw badInput(
    `${envName}: "${env[envName]}" is not a boolean`,
    'Use "true" or "false" (empty means false).',
  );
}
