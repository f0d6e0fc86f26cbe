import { ACTION_RULES, DrAction } from "../../lib/api/status-model";
import { defaultSeed, RunningEmulator, SeedTask } from "../../lib/emulator";
import { CliRun, runDwsDr, runtimeEnv } from "../support/cli";
import { Artefact, Secret, accountSecrets, expectNoSecrets } from "../support/secret-scan";

/** The DR every reliability case acts on (one per emulator). */
export const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

/** The settled status each action is sent from in these tests (allowed by ACTION_RULES). */
export const START_STATUS: Readonly<Record<DrAction, SeedTask["status"]>> = {
  start: "unstart",
  pause: "running",
  switchover: "running",
  failover: "abnormal",
  recovery: "stopped",
};

/** A seed holding one DR, in the status `action` is sent from. */
export function seedFor(
  action: DrAction,
  extra: { securityToken?: string; authToken?: string } = {},
) {
  return { ...defaultSeed(), ...extra, tasks: [{ id: DR_ID, status: START_STATUS[action] }] };
}

/**
 * The environment the construct's local-exec gives the runtime: credentials and every DWS_DR_*
 * setting, short waits. Failover and recovery get their confirmation; switchover and failover the
 * cluster that must be primary afterwards (today's standby).
 */
export function cliEnv(
  emulator: RunningEmulator,
  action: DrAction,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return runtimeEnv(emulator, DR_ID, {
    DWS_DR_POLL_INTERVAL: "100ms",
    DWS_DR_TIMEOUT: "8s",
    DWS_DR_REQUEST_TIMEOUT: "1s",
    DWS_DR_CONFIRM: action === "failover" || action === "recovery" ? DR_ID : "",
    DWS_DR_PRIMARY_CLUSTER_ID:
      action === "switchover" || action === "failover"
        ? (emulator.getTask(DR_ID)?.standbyCluster.id ?? "")
        : "",
    ...overrides,
  });
}

/** The secrets a run against `emulator` must never print. */
export function emulatorSecrets(emulator: RunningEmulator, more: Secret[] = []): Secret[] {
  return [...accountSecrets(emulator), ...more];
}

/** Runs `dws-dr <args>` (the bundle, as a process) and checks its output for secrets. */
export async function runChecked(
  args: string[],
  env: Record<string, string>,
  secrets: Secret[],
): Promise<CliRun> {
  const run = await runDwsDr(args, env);
  expectNoSecrets(cliArtefacts(args, run), secrets);
  return run;
}

/** A CLI run's stdout and stderr as artefacts for the secret scan. */
export function cliArtefacts(args: string[], run: CliRun): Artefact[] {
  return [
    { name: `dws-dr ${args.join(" ")} stdout`, text: run.stdout },
    { name: `dws-dr ${args.join(" ")} stderr`, text: run.stderr },
  ];
}

/** The action requests the emulator received for `action`, and how many it applied. */
export function actionCounts(emulator: RunningEmulator, action: DrAction) {
  const requests = emulator.actionRequests(action, DR_ID);
  return { received: requests.length, applied: requests.filter((r) => r.applied).length };
}

/** True when the DR is where `action` leads: its target, and for a switchover/failover swapped. */
export function reachedTarget(
  emulator: RunningEmulator,
  action: DrAction,
  primaryBefore: string | undefined,
): boolean {
  const task = emulator.getTask(DR_ID);
  if (task?.status !== ACTION_RULES[action].target) return false;
  if (action === "switchover" || action === "failover") {
    return task.primaryCluster.id !== primaryBefore;
  }
  return true;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
