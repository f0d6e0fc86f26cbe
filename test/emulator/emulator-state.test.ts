import { DrAction } from "../../lib/api/status-model";
import { DEFAULT_DISASTER_RECOVERY_ID, RunningEmulator, SeedTask } from "../../lib/emulator";
import { drPaths, sendSigned, useEmulator, waitFor } from "../support/emulator";

const UNSTART = DEFAULT_DISASTER_RECOVERY_ID;
const RUNNING = "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70";
const ABNORMAL = "5d0b6f4e-1a2b-4c3d-8e9f-a0b1c2d3e4f5";
const tasks: SeedTask[] = [
  { id: UNSTART, status: "unstart" },
  { id: RUNNING, status: "running" },
  { id: ABNORMAL, status: "abnormal" },
];
const seed = {
  projectId: "89cd04f168b84af6be287f71730fdb4b",
  accessKey: "AKSTATETEST000000000",
  secretKey: "state-test-secret-key",
  tasks,
};

function act(emulator: RunningEmulator, id: string, action: DrAction) {
  return sendSigned(emulator, "POST", drPaths(emulator).action(id, action));
}

// The DR as a client sees it: GET detail's `disaster_recovery`.
async function readTask(emulator: RunningEmulator, id: string) {
  const response = await sendSigned(emulator, "GET", drPaths(emulator).detail(id));
  return response.body.disaster_recovery as {
    status: string;
    primary_cluster: { id: string; role: string };
    standby_cluster: { id: string; role: string };
  };
}

async function waitForStatus(emulator: RunningEmulator, id: string, status: string) {
  await waitFor(async () => (await readTask(emulator, id)).status === status, `${id} ${status}`);
}

describe("emulator DR state machine", () => {
  const emulator = useEmulator({ seed, transitionMs: 100 });

  it("records each status change with its time", async () => {
    // given a DR in unstart, when it is started and settles
    await act(emulator(), UNSTART, "start");
    await waitForStatus(emulator(), UNSTART, "running");

    // then its history shows the path and non-decreasing times
    const history = emulator().getTask(UNSTART)?.statusHistory ?? [];
    expect(history.map((change) => change.status)).toEqual(["unstart", "starting", "running"]);
    expect(history[2].at).toBeGreaterThanOrEqual(history[1].at);
  });

  it("start moves an unstarted DR to starting, then running", async () => {
    // given a DR in unstart
    // when start is sent
    const response = await act(emulator(), UNSTART, "start");

    // then the service only submits it: the DR is starting, and later running
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ disaster_recovery: { id: UNSTART } });
    expect((await readTask(emulator(), UNSTART)).status).toBe("starting");
    await waitForStatus(emulator(), UNSTART, "running");
  });

  it("pause moves a running DR to stopping, then stopped", async () => {
    // given a running DR
    // when pause is sent
    const response = await act(emulator(), RUNNING, "pause");

    // then it stops
    expect(response.status).toBe(200);
    expect((await readTask(emulator(), RUNNING)).status).toBe("stopping");
    await waitForStatus(emulator(), RUNNING, "stopped");
  });

  it("switchover swaps the primary and standby clusters and their roles", async () => {
    // given a running DR and its clusters
    const before = await readTask(emulator(), RUNNING);

    // when switchover is sent
    await act(emulator(), RUNNING, "switchover");

    // then it passes through switchovering and runs with the clusters swapped
    expect((await readTask(emulator(), RUNNING)).status).toBe("switchovering");
    await waitForStatus(emulator(), RUNNING, "running");
    const after = await readTask(emulator(), RUNNING);
    expect(after.primary_cluster).toMatchObject({ id: before.standby_cluster.id, role: "primary" });
    expect(after.standby_cluster).toMatchObject({ id: before.primary_cluster.id, role: "standby" });
  });

  it("failover of an abnormal DR ends running with the clusters swapped", async () => {
    // given an abnormal DR
    const before = await readTask(emulator(), ABNORMAL);

    // when failover is sent
    await act(emulator(), ABNORMAL, "failover");

    // then the standby cluster becomes the primary
    expect((await readTask(emulator(), ABNORMAL)).status).toBe("switchovering");
    await waitForStatus(emulator(), ABNORMAL, "running");
    expect((await readTask(emulator(), ABNORMAL)).primary_cluster.id).toBe(
      before.standby_cluster.id,
    );
  });

  it("recovery of an abnormal DR passes through starting and ends running, roles kept", async () => {
    // given an abnormal DR
    const before = await readTask(emulator(), ABNORMAL);

    // when recovery is sent
    await act(emulator(), ABNORMAL, "recovery");

    // then it restarts without swapping
    expect((await readTask(emulator(), ABNORMAL)).status).toBe("starting");
    await waitForStatus(emulator(), ABNORMAL, "running");
    expect((await readTask(emulator(), ABNORMAL)).primary_cluster.id).toBe(
      before.primary_cluster.id,
    );
  });

  it("refuses an action in a disallowed status with 403 DWS.7023 in both field families", async () => {
    // given a DR in unstart, where pause is not allowed
    // when pause is sent
    const response = await act(emulator(), UNSTART, "pause");

    // then it is refused the way DWS refuses it, and nothing moves
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error_code: "DWS.7023",
      error_msg: expect.stringContaining("unstart"),
      errCode: "DWS.7023",
      externalMessage: response.body.error_msg,
      request_id: response.headers["x-request-id"],
    });
    expect(emulator().getTask(UNSTART)?.status).toBe("unstart");
  });

  it.each(["start", "pause", "switchover"] as const)(
    "answers a %s sent while a start is still running with 409 DWS.0011, applying nothing",
    async (action) => {
      // given a DR whose start transition is running
      await act(emulator(), UNSTART, "start");

      // when another action is sent
      const response = await act(emulator(), UNSTART, action);

      // then the service's "another operation" refusal comes back and the start goes on
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        error_code: "DWS.0011",
        error_msg:
          "Another operation is being performed on the instance or the instance is faulty. Try again later.",
      });
      expect(emulator().getTask(UNSTART)?.status).toBe("starting");
    },
  );

  it("answers a settled status that does not allow the action with 403 DWS.7023, not 409", async () => {
    // given a DR forced into starting with no transition running (settled, as far as it knows)
    emulator().setStatus(UNSTART, "starting");

    // when start is sent
    const response = await act(emulator(), UNSTART, "start");

    // then it is the status refusal
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe("DWS.7023");
  });

  it.each([
    ["GET detail", "GET", (e: RunningEmulator, id: string) => drPaths(e).detail(id)],
    ["GET progress", "GET", (e: RunningEmulator, id: string) => drPaths(e).progress(id)],
    ["POST start", "POST", (e: RunningEmulator, id: string) => drPaths(e).action(id, "start")],
  ])("answers %s of an unknown DR with 400 DWS.10101", async (_name, method, path) => {
    // given a DR id the account does not have
    const unknown = "00000000-0000-4000-8000-000000000000";

    // when it is requested
    const response = await sendSigned(emulator(), method, path(emulator(), unknown));

    // then the DR endpoints' "not found" comes back
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error_code: "DWS.10101", error_msg: expect.any(String) });
  });

  it("ends the next start in start_failed when failNextAction scripts it, once", async () => {
    // given a scripted start failure
    emulator().failNextAction(UNSTART, "start", "start_failed");

    // when start is sent
    await act(emulator(), UNSTART, "start");

    // then the DR ends in start_failed
    await waitForStatus(emulator(), UNSTART, "start_failed");

    // and a retried start (allowed from start_failed) succeeds
    expect((await act(emulator(), UNSTART, "start")).status).toBe(200);
    await waitForStatus(emulator(), UNSTART, "running");
  });

  it("lets a test force any status, cancelling the running transition", async () => {
    // given a DR that is starting
    await act(emulator(), UNSTART, "start");

    // when a test forces a status this library does not know
    emulator().setStatus(UNSTART, "rebuilding");

    // then clients see it and the cancelled start never lands
    expect((await readTask(emulator(), UNSTART)).status).toBe("rebuilding");
    await act(emulator(), RUNNING, "pause"); // a transition scheduled after the cancelled one
    await waitForStatus(emulator(), RUNNING, "stopped");
    expect(emulator().getTask(UNSTART)?.status).toBe("rebuilding");
  });
});

describe("emulator transition timing", () => {
  const emulator = useEmulator({
    seed,
    transitionMs: 60_000,
    transitionMsByAction: { start: 50 },
  });

  it("uses the per-action duration over the default one", async () => {
    // given starts take 50 ms and everything else a minute
    // when start and pause are sent
    await act(emulator(), UNSTART, "start");
    await act(emulator(), RUNNING, "pause");

    // then the start finishes while the pause is still stopping
    await waitForStatus(emulator(), UNSTART, "running");
    expect(emulator().getTask(RUNNING)?.status).toBe("stopping");
  });
});
