import { DwsDrClient } from "../../lib/api/client";
import { DrAction } from "../../lib/api/status-model";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { runAction } from "../../lib/runner";
import { connect, failure } from "../support/runner";

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let client: DwsDrClient;
let lines: string[];

beforeEach(async () => {
  emulator = await startEmulator({ transitionMs: 400 });
  client = connect(emulator);
  lines = [];
});

afterEach(() => emulator.stop());

function run(action: DrAction = "start", overrides: { timeoutMs?: number; wait?: boolean } = {}) {
  return runAction(client, {
    action,
    disasterRecoveryId: DR_ID,
    wait: overrides.wait ?? true,
    timeoutMs: overrides.timeoutMs ?? 10_000,
    pollIntervalMs: 200,
    log: (line) => lines.push(line),
  });
}

describe("runAction start", () => {
  it.each(["unstart", "stopped", "start_failed"])(
    "starts a DR that is %s and waits until it is running",
    async (status) => {
      // GIVEN a DR in a status start is allowed from
      emulator.setStatus(DR_ID, status);
      // WHEN
      const result = await run();
      // THEN exactly one start was sent and the DR is running
      expect(result).toMatchObject({ outcome: "completed", status: "running", requestsSent: 1 });
      expect(result.disasterRecoveryId).toBe(DR_ID);
      expect(emulator.actionRequests("start", DR_ID)).toHaveLength(1);
      expect(emulator.getTask(DR_ID)?.status).toBe("running");
      expect(lines.join("\n")).toMatch(/starting -> running/);
    },
  );

  it("succeeds without sending a start when the DR is already running", async () => {
    emulator.setStatus(DR_ID, "running");
    const result = await run();
    expect(result).toMatchObject({ outcome: "already-done", requestsSent: 0, status: "running" });
    expect(emulator.actionRequests("start")).toHaveLength(0);
    expect(lines.join("\n")).toMatch(/already running: nothing to do/);
  });

  it("waits for a start already under way instead of sending another", async () => {
    // GIVEN someone else's start is under way
    await client.sendAction("start", DR_ID);
    expect(emulator.getTask(DR_ID)?.status).toBe("starting");
    // WHEN
    const result = await run();
    // THEN it waited for running and sent nothing itself
    expect(result).toMatchObject({ outcome: "already-done", status: "running", requestsSent: 0 });
    expect(emulator.actionRequests("start")).toHaveLength(1);
  });

  it("refuses to send from a status start is not allowed from, naming both", async () => {
    emulator.setStatus(DR_ID, "abnormal");
    const error = await failure(run());
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(
      /start is not allowed while DR .* is "abnormal" \(allowed from: unstart, start_failed, stopped\); nothing was sent/,
    );
    expect(emulator.actionRequests("start")).toHaveLength(0);
  });

  it("fails with exit 5 when the DR ends in start_failed", async () => {
    emulator.failNextAction(DR_ID, "start", "start_failed");
    const error = await failure(run());
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(/start of DR .* ended in "start_failed"/);
  });

  it("fails with exit 6 when the DR does not reach running before the deadline", async () => {
    await emulator.stop();
    emulator = await startEmulator({ transitionMs: 60_000 });
    client = connect(emulator);
    const error = await failure(run("start", { timeoutMs: 800 }));
    expect(error.exitCode).toBe(6);
    expect(error.message).toMatch(
      /timed out after 800ms .* the DR is "starting".*may still complete/,
    );
  });

  it("returns once the start is accepted when not waiting", async () => {
    const result = await run("start", { wait: false });
    expect(result).toMatchObject({ outcome: "submitted", status: "starting", requestsSent: 1 });
  });

  it("treats unknown statuses as in progress until they settle", async () => {
    emulator.setStatus(DR_ID, "rebalancing");
    setTimeout(() => emulator.setStatus(DR_ID, "unstart"), 400);
    const result = await run();
    expect(result).toMatchObject({ outcome: "completed", status: "running", requestsSent: 1 });
  });
});

describe("runAction when responses are lost or refused", () => {
  it("does not send a second start when the first one's response was lost but it was applied", async () => {
    // GIVEN the service applies the start and then the connection drops without a response
    emulator.injectFault({ match: { action: "start" }, drop: "after" });
    // WHEN
    const result = await run();
    // THEN the status was read, the DR was seen starting, and no second start went out
    expect(result).toMatchObject({ outcome: "completed", status: "running", requestsSent: 1 });
    expect(emulator.actionRequests("start")).toHaveLength(1);
    expect(lines.join("\n")).toMatch(/reading the status before deciding/);
  });

  it("sends the start again when the status proves the first one never arrived", async () => {
    emulator.injectFault({ match: { action: "start" }, drop: "before" });
    const result = await run();
    expect(result).toMatchObject({ outcome: "completed", requestsSent: 2 });
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
  });

  it("treats a 503 on the start as an unknown outcome and reads the status", async () => {
    emulator.injectFault({ match: { action: "start" }, status: 503 });
    const result = await run();
    expect(result).toMatchObject({ outcome: "completed", requestsSent: 2 });
  });

  it("retries status reads through two 503s", async () => {
    emulator.injectFault({ match: { method: "GET" }, status: 503, times: 2 });
    const result = await run();
    expect(result.outcome).toBe("completed");
    const gets = emulator.requests.filter((r) => r.method === "GET");
    expect(gets.slice(0, 3).map((r) => r.responseStatus)).toEqual([503, 503, 200]);
  });

  it("waits as long as Retry-After says on 429", async () => {
    emulator.injectFault({ match: { method: "GET" }, status: 429, retryAfter: "1" });
    const result = await run();
    expect(result.outcome).toBe("completed");
    const [throttled, retried] = emulator.requests.filter((r) => r.method === "GET");
    expect(throttled.responseStatus).toBe(429);
    expect(retried.at - throttled.at).toBeGreaterThanOrEqual(1000);
  });

  it("gives up with exit 7 once the retry budget is spent", async () => {
    emulator.injectFault({ match: { method: "GET" }, status: 503, times: Infinity });
    const error = await failure(run());
    expect(error.exitCode).toBe(7);
    expect(error.message).toMatch(
      /GET .* failed after 4 attempts \(HTTP 503, DWS.0005.*request id [0-9a-f]{32}\)/,
    );
  });

  it("reports an unknown DR with exit 4 and the service's error code", async () => {
    const error = await failure(
      runAction(client, {
        action: "start",
        disasterRecoveryId: "00000000-0000-4000-8000-000000000000",
        wait: true,
        timeoutMs: 5000,
        pollIntervalMs: 200,
      }),
    );
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(/HTTP 400, DWS.10101/);
  });

  it("reports a wrong secret key with exit 3 and sends no start", async () => {
    client = connect(emulator, "not-the-secret");
    const error = await failure(run());
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/HTTP 401, APIGW.0301/);
    expect(error.message).not.toContain(emulator.secretKey);
    expect(emulator.actionRequests("start")).toHaveLength(0);
  });
});

describe("runAction for the other actions", () => {
  it("pauses a running DR until it is stopped", async () => {
    emulator.setStatus(DR_ID, "running");
    const result = await run("pause");
    expect(result).toMatchObject({ outcome: "completed", status: "stopped" });
  });

  it("waits for a switchover to swap the clusters, not just for running", async () => {
    emulator.setStatus(DR_ID, "running");
    const primaryBefore = emulator.getTask(DR_ID)?.primaryCluster.id;
    const result = await run("switchover");
    expect(result).toMatchObject({ outcome: "completed", status: "running", requestsSent: 1 });
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).not.toBe(primaryBefore);
  });
});
