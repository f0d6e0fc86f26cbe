import { DwsDrClient } from "../../lib/api/client";
import { DrAction } from "../../lib/api/status-model";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../lib/emulator";
import { RunActionOptions, runAction } from "../../lib/runner";
import { STANDBY_CLUSTER, twoClusterSeed } from "../support/emulator";
import { connect, failure } from "../support/runner";

// Issue #18: a run whose action was applied converges on the first try; issue #22: after a busy
// answer a role swap or a recovery is not sent again on a status that may be stale. Each test
// drives the real runner against the emulator and counts what the emulator applied.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let client: DwsDrClient;

async function startWith(
  status: "unstart" | "running",
  options: EmulatorOptions = {},
  { failedOver = false } = {},
): Promise<void> {
  const seed = twoClusterSeed(DR_ID, status, "convergence-test-secret-key-000000000000");
  emulator = await startEmulator({
    ...options,
    seed: { ...seed, tasks: seed.tasks.map((task) => ({ ...task, failedOver })) },
  });
  client = connect(emulator);
}

afterEach(() => emulator?.stop());

function run(action: DrAction, options: Partial<RunActionOptions> = {}) {
  return runAction(client, {
    action,
    disasterRecoveryId: DR_ID,
    wait: true,
    timeoutMs: 20_000,
    pollIntervalMs: 200,
    ...options,
  });
}

/** How many times the emulator moved the DR into `action`'s in-progress status: applied. */
const applied = (inProgress: string) =>
  emulator.getTask(DR_ID)?.statusHistory.filter((change) => change.status === inProgress).length;

it("a lost start answer while the status is still stale: the busy answer to the re-send proves the first under way, exit 0", async () => {
  // GIVEN a start whose answer is lost after it was applied, and reads that lag behind
  await startWith("unstart", { transitionMs: 1500, staleReadsMs: 1000 });
  emulator.injectFault({ match: { action: "start" }, drop: "after" });

  // WHEN
  const result = await run("start");

  // THEN the run ends well, with one start applied (the re-send was refused busy)
  expect(result).toMatchObject({ outcome: "completed", status: "running" });
  expect(emulator.actionRequests("start").map((r) => r.responseStatus)).toEqual([undefined, 409]);
  expect(applied("starting")).toBe(1);
});

it("two recovery runs 150 ms apart on stale reads: one recovery applied, the second run stops loudly", async () => {
  // GIVEN a failed-over DR and reads that lag behind its actions
  await startWith("running", { transitionMs: 1500, staleReadsMs: 4000 }, { failedOver: true });

  // WHEN two runs start almost together
  const first = run("recovery");
  await new Promise((resolve) => setTimeout(resolve, 150));
  const second = failure(run("recovery"));

  // THEN the first completes, the second was refused busy and did not send again
  expect(await first).toMatchObject({ outcome: "completed" });
  const refused = await second;
  expect(refused.exitCode).toBe(5);
  expect(refused.message).toMatch(
    /the service answered busy, so another operation acted on the DR.*nothing more was sent/,
  );
  expect(applied("starting")).toBe(1);
});

it("a switchover refused busy is not sent again: exit 5, the roles as the other operation left them", async () => {
  // GIVEN a DR that answers the switchover busy once
  await startWith("running", { transitionMs: 300 });
  emulator.injectFault({
    match: { action: "switchover" },
    status: 409,
    body: { error_code: "DWS.0011", error_msg: "Another operation is being performed." },
  });

  // WHEN
  const error = await failure(run("switchover", { primaryClusterId: STANDBY_CLUSTER }));

  // THEN
  expect(error.exitCode).toBe(5);
  expect(error.message).toMatch(/another operation acted on the DR/);
  expect(emulator.actionRequests("switchover").map((r) => r.responseStatus)).toEqual([409]);
});

it("the run's timeout holds against a status read that hangs near the end of the wait", async () => {
  // GIVEN a slow start, and status reads that hang once the start was sent
  await startWith("unstart", { transitionMs: 60_000 });
  emulator.injectFault({ match: { method: "GET" }, skip: 1, latencyMs: 20_000, times: Infinity });
  const started = Date.now();

  // WHEN the run may take 2 s in all
  const error = await failure(run("start", { timeoutMs: 2000 }));

  // THEN it ends at its timeout, not when the hanging read would have
  expect(error.exitCode).toBe(6);
  expect(Date.now() - started).toBeLessThan(4500);
}, 30_000);
