import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { badInput } from "../api/errors";
import { DR_STATUSES, DrStatus, isKnownStatus } from "../api/status-model";

/** One DR task the emulator starts with. */
export interface SeedTask {
  /** DR task id, a lower-case UUID. */
  readonly id: string;
  /**
   * DR task name.
   * @default - "dr-" followed by the first 8 characters of the id
   */
  readonly name?: string;
  /** Status the task starts in. */
  readonly status: DrStatus;
  /**
   * `az` (cross-AZ) or `region` (cross-region).
   * @default "az"
   */
  readonly drType?: "az" | "region";
  /**
   * Sync period, e.g. `2H`.
   * @default "2H"
   */
  readonly drSyncPeriod?: string;
  /**
   * Production cluster id.
   * @default - a UUID derived from the task id, so it is stable across runs
   */
  readonly primaryClusterId?: string;
  /**
   * Production cluster name.
   * @default - "dws-primary-" followed by the first 8 characters of the task id
   */
  readonly primaryClusterName?: string;
  /**
   * DR (standby) cluster id.
   * @default - a UUID derived from the task id, so it is stable across runs
   */
  readonly standbyClusterId?: string;
  /**
   * DR (standby) cluster name.
   * @default - "dws-standby-" followed by the first 8 characters of the task id
   */
  readonly standbyClusterName?: string;
  /**
   * Region of both clusters.
   * @default "cn-north-4"
   */
  readonly region?: string;
  /**
   * The DR was failed over and not recovered since: the standby (the old production cluster)
   * is `abnormal` and the pair does not replicate, so a recovery is needed.
   * @default false
   */
  readonly failedOver?: boolean;
}

/** The account and DR tasks an emulator serves. */
export interface Seed {
  /** Project id every path must carry: 32 lower-case hex characters. */
  readonly projectId: string;
  /** The only access key the emulator accepts. */
  readonly accessKey: string;
  /** Secret key of `accessKey`, used to verify signatures. */
  readonly secretKey: string;
  /**
   * When set, AK/SK requests must carry (and sign) `X-Security-Token` equal to it.
   * @default - no security token is required
   */
  readonly securityToken?: string;
  /**
   * When set, requests may authenticate with `X-Auth-Token` equal to it instead of a signature.
   * @default - token authentication is refused
   */
  readonly authToken?: string;
  /** The DR tasks, in the order `disasterRecoveryIds` lists them. */
  readonly tasks: readonly SeedTask[];
}

/** Project id of the default seed (the one DESIGN.md uses in its examples). */
export const DEFAULT_PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";

/** DR id of the default seed's task in `unstart`, ready to be started. */
export const DEFAULT_DISASTER_RECOVERY_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The access key is read back out of the Authorization header, so it must not contain `,` or spaces.
const ACCESS_KEY_PATTERN = /^[A-Za-z0-9]+$/;
const SEED_KEYS = ["projectId", "accessKey", "secretKey", "securityToken", "authToken", "tasks"];
const TASK_KEYS = [
  "id",
  "name",
  "status",
  "drType",
  "drSyncPeriod",
  "primaryClusterId",
  "primaryClusterName",
  "standbyClusterId",
  "standbyClusterName",
  "region",
  "failedOver",
];
const SEED_HINT =
  "A seed is {projectId, accessKey, secretKey, securityToken?, authToken?, tasks: [{id, status, ...}]}";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The demo account: a fixed project id, a fresh random AK/SK (so no two emulators share keys)
 * and one task in each status a demo starts from.
 */
export function defaultSeed(): Seed {
  return {
    projectId: DEFAULT_PROJECT_ID,
    accessKey: randomString(UPPER_ALNUM, 20),
    secretKey: randomString(ALNUM, 40),
    tasks: [
      { id: DEFAULT_DISASTER_RECOVERY_ID, name: "dr-orders", status: "unstart" },
      { id: "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70", name: "dr-billing", status: "running" },
      { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", name: "dr-reports", status: "stopped" },
      { id: "9b2d4f1a-0c3e-4a5b-8d6e-7f8091a2b3c4", name: "dr-archive", status: "start_failed" },
    ],
  };
}

/** Reads a JSON seed file (the {@link Seed} shape); errors name the file and the bad field. */
export function loadSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw badInput(`seed file: cannot read "${path}" (${(error as Error).message})`, SEED_HINT);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput(`seed file: "${path}" is not JSON (${(error as Error).message})`, SEED_HINT);
  }
  return validateSeed(value, `seed file "${path}"`);
}

/** Checks that `value` is a usable {@link Seed}; `source` names it in error messages. */
export function validateSeed(value: unknown, source: string): Seed {
  const fail = (field: string, problem: string): never => {
    throw badInput(`${source}: ${field}: ${problem}`, SEED_HINT);
  };
  const seed = asObject(value, "(root)", SEED_KEYS, fail);
  requireMatch(
    seed.projectId,
    "projectId",
    PROJECT_ID_PATTERN,
    "32 lower-case hex characters",
    fail,
  );
  requireMatch(seed.accessKey, "accessKey", ACCESS_KEY_PATTERN, "letters and digits", fail);
  requireText(seed.secretKey, "secretKey", fail);
  if (seed.securityToken !== undefined) requireText(seed.securityToken, "securityToken", fail);
  if (seed.authToken !== undefined) requireText(seed.authToken, "authToken", fail);
  if (!Array.isArray(seed.tasks)) fail("tasks", "must be an array of DR tasks");

  const seen = new Set<string>();
  (seed.tasks as unknown[]).forEach((item, index) => {
    const at = `tasks[${index}]`;
    const task = asObject(item, at, TASK_KEYS, fail);
    requireMatch(task.id, `${at}.id`, UUID_PATTERN, "a lower-case UUID", fail);
    if (seen.has(task.id as string)) fail(`${at}.id`, `"${task.id}" appears twice`);
    seen.add(task.id as string);
    if (typeof task.status !== "string" || !isKnownStatus(task.status)) {
      fail(
        `${at}.status`,
        `${JSON.stringify(task.status)} is not one of ${DR_STATUSES.join(", ")}`,
      );
    }
    if (task.drType !== undefined && task.drType !== "az" && task.drType !== "region") {
      fail(`${at}.drType`, `${JSON.stringify(task.drType)} is not "az" or "region"`);
    }
    if (task.failedOver !== undefined && typeof task.failedOver !== "boolean") {
      fail(`${at}.failedOver`, `${JSON.stringify(task.failedOver)} is not true or false`);
    }
    const textKeys = TASK_KEYS.filter((k) => !["id", "status", "drType", "failedOver"].includes(k));
    for (const key of textKeys) {
      if (task[key] !== undefined) requireText(task[key], `${at}.${key}`, fail);
    }
  });
  return seed as unknown as Seed;
}

type Fail = (field: string, problem: string) => never;

function asObject(
  value: unknown,
  field: string,
  allowedKeys: readonly string[],
  fail: Fail,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(field, "must be a JSON object");
  }
  const unknownKey = Object.keys(value).find((key) => !allowedKeys.includes(key));
  if (unknownKey !== undefined) {
    const prefix = field === "(root)" ? "" : `${field}.`;
    fail(
      `${prefix}${unknownKey}`,
      `is not a seed field (expected one of ${allowedKeys.join(", ")})`,
    );
  }
  return value as Record<string, unknown>;
}

function requireText(value: unknown, field: string, fail: Fail): void {
  if (typeof value !== "string" || value === "") fail(field, "must be a non-empty string");
}

function requireMatch(
  value: unknown,
  field: string,
  pattern: RegExp,
  expected: string,
  fail: Fail,
): void {
  if (typeof value !== "string" || !pattern.test(value)) {
    fail(field, `${JSON.stringify(value)} is not valid (expected ${expected})`);
  }
}

function randomString(alphabet: string, length: number): string {
  // Modulo bias is irrelevant for throwaway demo keys.
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
}
