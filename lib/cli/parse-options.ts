import { requireDuration } from "../api/duration";
import { Env, envValue } from "../api/env";
import { ALLOW_ENDPOINT_HOST_ENV, checkEndpointHost, resolveEndpoint } from "../api/endpoints";
import { badInput } from "../api/errors";
import {
  validateClusterId,
  validateDisasterRecoveryId,
  validateProjectId,
} from "../api/identifiers";
import {
  DEFAULT_POLL_INTERVAL,
  DEFAULT_TIMEOUT,
  RUNTIME_OPTIONS,
  RuntimeOptionName,
  parseEnvBoolean,
} from "../api/runtime-options";
import { ACTION_RULES, DR_ACTIONS, DrAction, isDrAction } from "../api/status-model";
import { checkConstructValues } from "./construct-values";

/** A parsed command line, before anything is validated beyond its shape. */
export interface CommandLine {
  /** `usage`: no command at all (help goes to stderr and the exit code is 2). */
  readonly command: DrAction | "status" | "emulator" | "help" | "version" | "usage";
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
  /** Switchover and failover: the cluster that must be primary afterwards (lower case). */
  readonly primaryClusterId?: string;
  /** Failover and recovery: the DR id the user typed to accept the data loss. */
  readonly confirm?: string;
  readonly dryRun: boolean;
  readonly json: boolean;
}

const COMMANDS = [...DR_ACTIONS, "status", "emulator"] as const;

// Every flag and whether it takes a value; an example value for messages about a missing one.
// `emulatorOnly` flags are refused elsewhere: an action's keys come from the environment only.
const FLAGS: Readonly<
  Record<string, { takesValue: boolean; example?: string; emulatorOnly?: boolean }>
> = {
  "project-id": { takesValue: true, example: "89cd04f168b84af6be287f71730fdb4b" },
  "disaster-recovery-id": { takesValue: true, example: "e59d6b86-9072-46eb-a996-13f8b44994c1" },
  region: { takesValue: true, example: "cn-north-4" },
  endpoint: { takesValue: true, example: "https://dws.cn-north-4.myhuaweicloud.com" },
  "no-wait": { takesValue: false },
  timeout: { takesValue: true, example: "30m" },
  "poll-interval": { takesValue: true, example: "10s" },
  "primary-cluster-id": { takesValue: true, example: "<cluster UUID>" },
  toggle: { takesValue: false },
  confirm: { takesValue: true, example: "<disaster recovery id>" },
  "dry-run": { takesValue: false },
  json: { takesValue: false },
  "from-construct": { takesValue: false },
  host: { takesValue: true, example: "127.0.0.1" },
  port: { takesValue: true, example: "0" },
  seed: { takesValue: true, example: "seed.json" },
  transition: { takesValue: true, example: "20s", emulatorOnly: true },
  "access-key": { takesValue: true, example: "DEMOACCESSKEY", emulatorOnly: true },
  "secret-key": { takesValue: true, example: "demo-secret-key", emulatorOnly: true },
  help: { takesValue: false },
  version: { takesValue: false },
};

/**
 * Splits argv into the command and its flags. Written here rather than with node:util parseArgs
 * so every mistake gets this tool's own message naming the flag (issue 12): parseArgs refuses
 * `--timeout -5m` as "ambiguous" before the value can be checked.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      values.help = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitFlag(arg);
    const flag = FLAGS[name];
    if (!flag) {
      throw badInput(
        `unknown option "${arg}"`,
        `Run \`dws-dr --help\` for the options (e.g. --${closestFlag(name)}).`,
      );
    }
    if (name in values) throw badInput(`--${name}: given twice`, "Give each option once.");
    if (!flag.takesValue) {
      if (inline !== undefined) {
        throw badInput(`--${name}: takes no value (got "${inline}")`, `Write just --${name}.`);
      }
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A following `--flag` is a forgotten value; `-5m` is a value (checked later, by name).
      if (next === undefined || next.startsWith("--")) {
        throw badInput(
          `--${name}: no value given`,
          `Write --${name} <value>, e.g. --${name} ${flag.example}.`,
        );
      }
      value = next;
      i++;
    }
    values[name] = value;
  }
  const [command, ...extra] = positionals;
  if (values.help || command === "help") return { command: "help", values };
  if (values.version) return { command: "version", values };
  if (command === undefined) return { command: "usage", values };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw badInput(
      `unknown command "${command}"`,
      `Use one of: ${COMMANDS.join(", ")}. Run \`dws-dr --help\` for details.`,
    );
  }
  if (extra.length > 0)
    throw badInput(`unexpected argument "${extra[0]}"`, "Options start with --.");
  const misplaced = Object.keys(values).find((name) => FLAGS[name].emulatorOnly);
  if (misplaced && command !== "emulator") {
    throw badInput(
      `--${misplaced}: only \`dws-dr emulator\` takes it`,
      "Credentials come from the environment only (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK).",
    );
  }
  return { command: command as CommandLine["command"], values };
}

function splitFlag(arg: string): [string, string | undefined] {
  const body = arg.replace(/^--?/, "");
  const eq = body.indexOf("=");
  return eq < 0 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

// The known flag sharing the longest prefix with `name`, as a hint for a typo.
function closestFlag(name: string): string {
  const shared = (flag: string) => {
    let n = 0;
    while (n < flag.length && flag[n] === name[n]) n++;
    return n;
  };
  return Object.keys(FLAGS).reduce((best, flag) => (shared(flag) > shared(best) ? flag : best));
}

/**
 * Resolves an action's or `status`'s settings: each flag, else its `DWS_DR_*` variable (empty
 * means unset), else the Huawei Cloud conventions for project and region. Every value is
 * validated here, so nothing is sent on bad input.
 */
export function resolveRunSettings(line: CommandLine, env: Env): RunSettings {
  const read = (name: RuntimeOptionName) => readOption(line, env, name);
  if (readBoolean(line, env, "fromConstruct")) checkConstructValues(line.command, read);
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
  const primaryClusterId = read("primaryClusterId");
  checkRoleSwapTarget(line.command, primaryClusterId, readBoolean(line, env, "toggle"));
  return {
    projectId: validateProjectId(projectId, "project id"),
    disasterRecoveryId:
      drId === undefined ? undefined : validateDisasterRecoveryId(drId, "disaster recovery id"),
    endpoint: allowedEndpoint(
      resolveEndpoint({
        endpoint: endpointFlag,
        region: regionFlag ?? envValue(env, "HW_REGION_NAME"),
      }),
      env,
    ),
    wait: !readBoolean(line, env, "noWait"),
    timeoutMs,
    pollIntervalMs,
    primaryClusterId:
      primaryClusterId === undefined
        ? undefined
        : validateClusterId(primaryClusterId, "primary cluster id"),
    confirm: read("confirm"),
    dryRun: readBoolean(line, env, "dryRun"),
    json: readBoolean(line, env, "json"),
  };
}

/**
 * A switchover or failover swaps the roles: sent twice, it switches back. So it must name the
 * cluster that must be primary afterwards, which makes a re-run safe; a bare swap of whatever
 * the roles are now is there only when asked for by name (`--toggle`).
 */
function checkRoleSwapTarget(
  command: CommandLine["command"],
  primaryClusterId: string | undefined,
  toggle: boolean,
): void {
  const swapsRoles = isDrAction(command) && ACTION_RULES[command].swapsRoles;
  if (!swapsRoles && (primaryClusterId !== undefined || toggle)) {
    const given = primaryClusterId !== undefined ? "primary cluster id" : "toggle";
    throw badInput(
      `${given}: given for ${command}, which does not change the roles`,
      "Use --primary-cluster-id (DWS_DR_PRIMARY_CLUSTER_ID) or --toggle only with switchover or failover.",
    );
  }
  if (!swapsRoles) return;
  if (primaryClusterId !== undefined && toggle) {
    throw badInput(
      "primary cluster id and toggle: both given",
      "Give --primary-cluster-id (the outcome; safe to re-run) or --toggle, not both.",
    );
  }
  if (primaryClusterId === undefined && !toggle) {
    throw badInput(
      `primary cluster id: not given; ${command} needs the cluster that must be primary afterwards`,
      `Pass --primary-cluster-id <cluster UUID> (or DWS_DR_PRIMARY_CLUSTER_ID): a re-run then ` +
        `never switches back. \`dws-dr status\` shows both clusters. To swap whatever the roles ` +
        `are now (run twice, it switches back), pass --toggle instead.`,
    );
  }
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

// Credentials go only to Huawei Cloud's DWS domains, loopback, or a host the environment allows.
function allowedEndpoint(endpoint: string, env: Env): string {
  checkEndpointHost(endpoint, envValue(env, ALLOW_ENDPOINT_HOST_ENV));
  return endpoint;
}
