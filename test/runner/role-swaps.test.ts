import { DwsDrClient } from "../../lib/api/client";
import type { DisasterRecoveryDetail } from "../../lib/api/models";
import { DrAction } from "../../lib/api/status-model";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { DrApi, RunActionOptions, runAction } from "../../lib/runner";
import { PRIMARY_CLUSTER, STANDBY_CLUSTER, twoClusterSeed } from "../support/emulator";
import { connect, failure } from "../support/runner";

// Switchover and failover swap the roles: sent twice, they switch back (issue 7). These tests
// hold the rules that make them a state: "this cluster must be primary".
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const PRIMARY = PRIMARY_CLUSTER;
const STANDBY = STANDBY_CLUSTER;

let emulator: RunningEmulator;
let client: DwsDrClient;
let lines: string[];

async function startWith(
  status: "running" | "abnormal",
  transitionMs = 400,
  { failedOver = false } = {},
): Promise<void> {
  await emulator?.stop();
  const seed = twoClusterSeed(DR_ID, status, "role-swap-test-secret-key-0000000000000");
  emulator = await startEmulator({
    transitionMs,
    seed: { ...seed, tasks: seed.tasks.map((task) => ({ ...task, failedOver })) },
  });
  client = connect(emulator);
}

beforeEach(async () => {
  lines = [];
  await startWith("running");
});
afterEach(() => emulator.stop());

function run(action: DrAction, options: Partial<RunActionOptions> = {}, api: DrApi = client) {
  return runAction(api, {
    action,
    disasterRecoveryId: DR_ID,
    wait: true,
    timeoutMs: 10_000,
    pollIntervalMs: 200,
    log: (line) => lines.push(line),
    ...options,
  });
}

const primaryNow = () => emulator.getTask(DR_ID)?.primaryCluster.id;

describe("switchover with --primary-cluster-id", () => {
  it("sends one switchover while the wanted cluster is the standby and waits until it is primary", async () => {
    const result = await run("switchover", { primaryClusterId: STANDBY });
    expect(result).toMatchObject({
      outcome: "completed",
      status: "running",
      requestsSent: 1,
      primaryClusterId: STANDBY,
    });
    expect(primaryNow()).toBe(STANDBY);
    expect(emulator.actionRequests("switchover")).toHaveLength(1);
  });

  it("sends nothing when the wanted cluster is already primary", async () => {
    const result = await run("switchover", { primaryClusterId: PRIMARY });
    expect(result).toMatchObject({ outcome: "already-done", requestsSent: 0 });
    expect(emulator.actionRequests("switchover")).toHaveLength(0);
    expect(lines.join("\n")).toMatch(`cluster ${PRIMARY} is already primary: nothing to do`);
  });

  it("refuses with exit 2, naming both clusters, when the id is neither cluster of the DR", async () => {
    const stranger = "33333333-3333-4333-8333-333333333333";
    const error = await failure(run("switchover", { primaryClusterId: stranger }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(
      `primary cluster id: "${stranger}" is neither cluster of DR ${DR_ID} ` +
        `(primary ${PRIMARY} "dws-prod", standby ${STANDBY} "dws-dr"); nothing was sent`,
    );
    expect(emulator.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("refuses with exit 5 when the wanted cluster is primary but the DR is not running", async () => {
    await startWith("abnormal");
    const error = await failure(run("failover", { primaryClusterId: PRIMARY }));
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(
      `cluster ${PRIMARY} is already primary but DR ${DR_ID} is "abnormal"; a failover would make ${STANDBY} primary instead; nothing was sent`,
    );
    expect(emulator.actionRequests("failover")).toHaveLength(0);
  });

  it("after a timeout, says how to re-run safely, and the re-run sends no second switchover", async () => {
    // GIVEN a switchover that takes longer than the first run waits
    await startWith("running", 2500);
    const timedOut = await failure(run("switchover", { timeoutMs: 600 }));
    expect(timedOut.exitCode).toBe(6);
    expect(timedOut.message).not.toMatch(/running again is safe/);
    expect(timedOut.message).toContain(
      `do not simply run it again, since a second switchover would switch the clusters back: ` +
        `run again with --primary-cluster-id ${STANDBY}`,
    );
    // WHEN it is run again as the message says
    const rerun = await run("switchover", { primaryClusterId: STANDBY });
    // THEN it waited for the first switchover and sent nothing
    expect(rerun).toMatchObject({ outcome: "already-done", requestsSent: 0 });
    expect(emulator.actionRequests("switchover")).toHaveLength(1);
    expect(primaryNow()).toBe(STANDBY);
  });

  it("is not fooled by a stale running read taken before the service picked the request up", async () => {
    // GIVEN a service whose detail still shows the old roles for a few reads after accepting
    const stale = staleAfterSend(client, 4);
    // WHEN
    const result = await run("switchover", { primaryClusterId: STANDBY }, stale.api);
    // THEN the run did not end on a stale "running": it ended with the standby primary
    expect(stale.servedStale()).toBe(4);
    expect(result.primaryClusterId).toBe(STANDBY);
    expect(primaryNow()).toBe(STANDBY);
  });
});

describe("switchover without --primary-cluster-id (toggle)", () => {
  it("never sends a switchover after seeing one in progress: it waits and reports it done", async () => {
    // GIVEN someone else's switchover is under way
    await client.sendAction("switchover", DR_ID);
    // WHEN
    const result = await run("switchover");
    // THEN
    expect(result).toMatchObject({ outcome: "already-done", requestsSent: 0, status: "running" });
    expect(emulator.actionRequests("switchover")).toHaveLength(1);
    expect(primaryNow()).toBe(STANDBY);
    expect(lines.join("\n")).toMatch(/a switchover was under way and has ended "running"/);
  });

  it("waits for the old standby to be primary, not for the status alone", async () => {
    const stale = staleAfterSend(client, 3);
    const result = await run("switchover", {}, stale.api);
    expect(stale.servedStale()).toBe(3);
    expect(result).toMatchObject({ outcome: "completed", primaryClusterId: STANDBY });
  });
});

describe("failover and recovery", () => {
  it("prints the last synchronisation time before a failover", async () => {
    // GIVEN a DR that has synchronised, then became abnormal
    emulator.setStatus(DR_ID, "abnormal");
    const detail = await client.getDetail(DR_ID);
    const result = await run("failover", { primaryClusterId: STANDBY });
    expect(result).toMatchObject({ outcome: "completed", primaryClusterId: STANDBY });
    const syncLine = lines.find((line) => line.includes("last synchronisation"));
    expect(syncLine).toBeDefined();
    expect(syncLine).toContain(
      `${PRIMARY} "dws-prod": ${detail.primary_cluster?.last_success_time}`,
    );
    expect(syncLine).toContain("changes made on the primary after it are lost by the failover");
    expect(lines.indexOf(syncLine as string)).toBeLessThan(
      lines.findIndex((line) => line.includes("sending failover")),
    );
  });

  it("a recovery re-run that finds the recovery in progress waits and sends nothing", async () => {
    await startWith("abnormal");
    await client.sendAction("recovery", DR_ID);
    const result = await run("recovery");
    expect(result).toMatchObject({ outcome: "already-done", requestsSent: 0, status: "running" });
    expect(emulator.actionRequests("recovery")).toHaveLength(1);
  });
});

describe("a recovery too quick to be seen moving", () => {
  it("is done as soon as the pair replicates again, not at the timeout", async () => {
    // GIVEN a failed-over DR whose recovery ends before the first poll can see "starting"
    await startWith("running", 20, { failedOver: true });
    // WHEN
    const result = await run("recovery", { pollIntervalMs: 1000, timeoutMs: 40_000 });
    // THEN the replicating pair proves it done (issue #18); one recovery was sent
    expect(result.outcome).toBe("completed");
    expect(result.elapsedMs).toBeLessThan(10_000);
    expect(emulator.actionRequests("recovery")).toHaveLength(1);
  }, 60_000);
});

describe("a recovery is never applied twice (issue #18)", () => {
  it("sends nothing when the pair already replicates: the DR is re-established", async () => {
    // GIVEN a running DR whose clusters replicate (no failover since the last recovery)
    await startWith("running");
    // WHEN
    const result = await run("recovery");
    // THEN
    expect(result).toMatchObject({ outcome: "already-done", requestsSent: 0 });
    expect(lines.join("\n")).toMatch(
      /already re-established \(DR "running", primary cluster "waiting", standby cluster "waiting"\)/,
    );
    expect(emulator.actionRequests("recovery")).toHaveLength(0);
  });

  it("a re-run after a run that timed out finds the recovery done and sends no second one", async () => {
    // GIVEN a failed-over DR whose recovery outlasts the first run's timeout
    await startWith("running", 2500, { failedOver: true });
    const first = await failure(run("recovery", { timeoutMs: 800 }));
    expect(first.exitCode).toBe(6);
    // WHEN the run is repeated once the recovery has ended
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const again = await run("recovery");
    // THEN
    expect(again).toMatchObject({ outcome: "already-done", requestsSent: 0 });
    expect(emulator.actionRequests("recovery")).toHaveLength(1);
  });

  it("refuses, naming what it saw, when the detail cannot tell whether one is needed", async () => {
    // GIVEN a service whose detail carries no cluster statuses
    const bare: DrApi = {
      sendAction: (...args) => client.sendAction(...args),
      getDetail: async (...args) => {
        const detail = await client.getDetail(...args);
        const strip = (c: DisasterRecoveryDetail["primary_cluster"]) =>
          c && { ...c, status: undefined };
        return {
          ...detail,
          primary_cluster: strip(detail.primary_cluster),
          standby_cluster: strip(detail.standby_cluster),
        };
      },
    };
    // WHEN
    const error = await failure(run("recovery", {}, bare));
    // THEN nothing is guessed either way
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(
      /cannot tell whether the DR needs one \(DR "running", primary cluster \(no status\), standby cluster \(no status\)\); nothing was sent/,
    );
    expect(emulator.actionRequests("recovery")).toHaveLength(0);
  });
});

describe("an ambiguous outcome is never re-sent for a switchover, failover or recovery", () => {
  // The request never reached the service, but the runner cannot know that: for these actions
  // the status alone cannot prove it was not applied, so it must stop and ask, not send again.
  it.each([
    ["switchover", "running"],
    ["failover", "abnormal"],
    ["recovery", "abnormal"],
  ] as const)(
    "%s: one request, exit 7 and a message to check first",
    async (action, status) => {
      await startWith(status);
      emulator.injectFault({ match: { action }, drop: "before" });
      // It reads again for the stale-status grace (15 s): the request may not show at once.
      const target = action === "recovery" ? {} : { primaryClusterId: STANDBY };
      const error = await failure(
        run(action, { ...target, timeoutMs: 25_000, pollIntervalMs: 1000 }),
      );
      expect(error.exitCode).toBe(7);
      expect(error.message).toMatch(/may or may not have applied it.*before running/);
      expect(emulator.actionRequests(action)).toHaveLength(1);
    },
    40_000,
  );

  it("while a start in the same case is sent again (the status proves it was not applied)", async () => {
    emulator.setStatus(DR_ID, "unstart");
    emulator.injectFault({ match: { action: "start" }, drop: "before" });
    const result = await run("start");
    expect(result.requestsSent).toBe(2);
  });
});

/**
 * The real client, except that the first `count` detail reads after an action was sent show the
 * detail as it was before: what the service does for a moment after accepting a request.
 */
function staleAfterSend(api: DrApi, count: number) {
  let before: DisasterRecoveryDetail | undefined;
  let sent = false;
  let served = 0;
  const wrapped: DrApi = {
    getDetail: async (...args) => {
      const detail = await api.getDetail(...args);
      if (sent && before && served < count) {
        served++;
        return before;
      }
      before = detail;
      return detail;
    },
    sendAction: async (...args) => {
      const reply = await api.sendAction(...args);
      sent = true;
      return reply;
    },
  };
  return { api: wrapped, servedStale: () => served };
}
