import { badInput } from "../api/errors";
import { RUNTIME_OPTIONS } from "../api/runtime-options";
import { DrAction, isDrAction } from "../api/status-model";

/**
 * Reads a synthesized stack (`cdk.tf.json`) for `dws-dr plan`: which resources run a DR action,
 * with which runtime settings, in the order Terraform runs them. Pure: it sees the parsed JSON
 * only, never the disk or the network.
 */

/** One action resource of a stack. */
export interface StackAction {
  /** The Terraform address, e.g. `terraform_data.dr_start_9E7BB5C9`. */
  readonly address: string;
  /** The construct path cdktf recorded (e.g. `release/dr/start/start`), else the address. */
  readonly path: string;
  readonly action: DrAction;
  /**
   * False for a failover or recovery declared without a revision: it has no create-time
   * provisioner, so creating it runs nothing.
   */
  readonly armed: boolean;
  /**
   * The `DWS_DR_*` environment its provisioner gives the runtime; for a disarmed resource the
   * same variables rebuilt from the target it stores (`input` or `triggers`).
   */
  readonly environment: Readonly<Record<string, string>>;
}

/** What a stack holds for the plan. */
export interface StackActions {
  /** The stack's name (from cdktf's metadata), else the directory's. */
  readonly stackName: string;
  /** Its action resources in dependency order (`depends_on` and references), ties by position. */
  readonly actions: readonly StackAction[];
}

// The local-exec command the constructs write (lib/constructs/action-provisioner.ts): constant,
// the asset path, then the action.
const ACTION_COMMAND = /^node\s+(?:\S*\/)?dws-dr\.cjs\s+([a-z]+)\s*$/;
const RESOURCE_KINDS = ["terraform_data", "null_resource"];
// A Terraform reference inside `${...}`: `<type>.<name>` followed by an attribute or the end.
const REFERENCE = /\$\{[^}]*\}/g;
const ADDRESS_IN_REFERENCE = /\b([A-Za-z][\w-]*\.[A-Za-z_][\w-]*)/g;

type Json = Record<string, unknown>;

/**
 * Finds the action resources in a parsed `cdk.tf.json`. Throws a bad-input error naming `file`
 * when the JSON is not a Terraform configuration.
 */
export function readStackActions(
  config: unknown,
  file: string,
  fallbackName: string,
): StackActions {
  if (!isObject(config)) {
    throw badInput(
      `${file}: not a Terraform JSON configuration (expected an object)`,
      "Give the directory `cdktf synth` wrote for one stack, e.g. cdktf.out/stacks/<stack>.",
    );
  }
  const resources = isObject(config.resource) ? config.resource : {};
  const all: Array<{ address: string; body: Json }> = [];
  for (const [type, byName] of Object.entries(resources)) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      if (isObject(body)) all.push({ address: `${type}.${name}`, body });
    }
  }
  const order = dependencyOrder(all);
  const byAddress = new Map(all.map(({ address, body }) => [address, body]));
  const actions: StackAction[] = [];
  for (const { address, body } of order) {
    const found = actionOf(address, body, byAddress);
    if (found) actions.push(found);
  }
  return { stackName: stackNameOf(config) ?? fallbackName, actions };
}

/** True when `value` holds a Terraform reference, known only at apply. */
export function isUnresolved(value: string): boolean {
  return value.includes("${");
}

function actionOf(
  address: string,
  body: Json,
  byAddress: ReadonlyMap<string, Json>,
): StackAction | undefined {
  const type = address.slice(0, address.indexOf("."));
  if (!RESOURCE_KINDS.includes(type)) return undefined;
  const path = constructPath(body) ?? address;
  const run = createTimeAction(body);
  if (run) return { address, path, action: run.action, armed: true, environment: run.environment };
  // Disarmed (a failover or recovery without a revision): no create-time provisioner, the action
  // named in its stored target, and `disarmed = "true"` in its run trigger (the resource its
  // `lifecycle.replace_triggered_by` names first; lib/constructs/action-resource.ts).
  const stored = storedValues(type, body);
  const trigger = runTriggerOf(body, byAddress);
  if (!stored || !trigger) return undefined;
  const action = stored.action;
  if (typeof action !== "string" || !isDrAction(action) || trigger.disarmed !== "true") {
    return undefined;
  }
  return { address, path, action, armed: false, environment: environmentFromTarget(stored) };
}

// What a terraform_data keeps in `input`, a null_resource in `triggers`.
function storedValues(type: string, body: Json): Json | undefined {
  const values = type === "terraform_data" ? body.input : body.triggers;
  return isObject(values) ? values : undefined;
}

function runTriggerOf(body: Json, byAddress: ReadonlyMap<string, Json>): Json | undefined {
  const lifecycle = isObject(body.lifecycle) ? body.lifecycle : {};
  const triggeredBy = Array.isArray(lifecycle.replace_triggered_by)
    ? lifecycle.replace_triggered_by
    : [];
  const address = typeof triggeredBy[0] === "string" ? triggeredBy[0] : undefined;
  const trigger = address === undefined ? undefined : byAddress.get(address);
  return trigger && storedValues(address!.slice(0, address!.indexOf(".")), trigger);
}

function createTimeAction(
  body: Json,
): { action: DrAction; environment: Record<string, string> } | undefined {
  const provisioners = Array.isArray(body.provisioner) ? body.provisioner : [];
  for (const entry of provisioners) {
    const exec = isObject(entry) ? entry["local-exec"] : undefined;
    if (!isObject(exec) || (exec.when !== undefined && exec.when !== "create")) continue;
    const match = typeof exec.command === "string" ? ACTION_COMMAND.exec(exec.command) : null;
    if (!match || !isDrAction(match[1])) continue;
    return { action: match[1], environment: stringValues(exec.environment) };
  }
  return undefined;
}

// The variables a provisioner would carry, from the stored target of a disarmed resource. The
// construct requires the data loss to be acknowledged, so the confirmation is the DR id.
function environmentFromTarget(stored: Json): Record<string, string> {
  const text = (key: string) => (typeof stored[key] === "string" ? (stored[key] as string) : "");
  return {
    [RUNTIME_OPTIONS.projectId.env]: text("project_id"),
    [RUNTIME_OPTIONS.disasterRecoveryId.env]: text("disaster_recovery_id"),
    [RUNTIME_OPTIONS.endpoint.env]: text("endpoint"),
    [RUNTIME_OPTIONS.region.env]: text("region"),
    [RUNTIME_OPTIONS.primaryClusterId.env]: text("primary_cluster_id"),
    [RUNTIME_OPTIONS.confirm.env]: text("disaster_recovery_id"),
  };
}

/** Kahn's algorithm over `depends_on` and references; ties (and any cycle) by position. */
function dependencyOrder<T extends { address: string; body: Json }>(items: readonly T[]): T[] {
  const known = new Set(items.map((item) => item.address));
  const needs = new Map(items.map((item) => [item.address, dependenciesOf(item.body, known)]));
  const done = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < items.length) {
    const ready =
      items.find(
        (item) =>
          !done.has(item.address) &&
          [...(needs.get(item.address) ?? [])].every(
            (dep) => done.has(dep) || dep === item.address,
          ),
      ) ?? items.find((item) => !done.has(item.address));
    if (!ready) break;
    done.add(ready.address);
    ordered.push(ready);
  }
  return ordered;
}

function dependenciesOf(body: Json, known: ReadonlySet<string>): Set<string> {
  const deps = new Set<string>();
  if (Array.isArray(body.depends_on)) {
    for (const dep of body.depends_on) if (typeof dep === "string" && known.has(dep)) deps.add(dep);
  }
  const { "//": _metadata, ...rest } = body;
  for (const reference of JSON.stringify(rest).match(REFERENCE) ?? []) {
    for (const [, address] of reference.matchAll(ADDRESS_IN_REFERENCE)) {
      if (known.has(address)) deps.add(address);
    }
  }
  return deps;
}

function constructPath(body: Json): string | undefined {
  const meta = body["//"];
  const metadata = isObject(meta) ? meta.metadata : undefined;
  return isObject(metadata) && typeof metadata.path === "string" ? metadata.path : undefined;
}

function stackNameOf(config: Json): string | undefined {
  const meta = config["//"];
  const metadata = isObject(meta) ? meta.metadata : undefined;
  return isObject(metadata) && typeof metadata.stackName === "string"
    ? metadata.stackName
    : undefined;
}

function stringValues(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
