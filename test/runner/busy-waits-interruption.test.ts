import { DwsDrClient } from "../../lib/api/client";
import { DrAction } from "../../lib/api/status-model";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { DrApi, RunActionOptions, runAction } from "../../lib/runner";
import { waitFor } from "../support/emulator";
import { connect, failure } from "../support/runner";

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let client: DwsDrClient;
let lines: string[];

beforeEach(async () => {
  emulator = await startEmulator({ transitionMs: 600 });
  client = connect(emulator);
  lines = [];
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

/** The real client, except that another operator sends `action` just before our first action. */
function racedBy(action: DrAction): DrApi {
  let raced = false;
  return {
    getDetail: (...args) => client.getDetail(...args),
    sendAction: async (...args) => {
      if (!raced) {
        raced = true;
        await client.sendAction(action, DR_ID);
      }
      return client.sendAction(...args);
    },
  };
}

describe("concurrent operations (409 DWS.0011, 403 DWS.7023)", () => {
  it("a 409 because the same action is running: settles, sees the target and sends nothing more", async () => {
    // GIVEN another operator's start lands just before ours, so the service answers ours 409
    const result = await run("start", {}, racedBy("start"));
    // THEN ours was refused, the run waited for running and did not send again
    expect(result).toMatchObject({ status: "running", requestsSent: 1 });
    const starts = emulator.actionRequests("start");
    expect(starts.map((r) => r.responseStatus)).toEqual([200, 409]);
    expect(lines.join("\n")).toMatch(/DWS.0011.*waiting for the DR to settle before deciding/);
  });

  it("a 409 because another action is running: settles, and refuses with exit 5 when the result disallows it", async () => {
    // GIVEN a running DR; another operator's pause lands just before our switchover
    emulator.setStatus(DR_ID, "running");
    const error = await failure(run("switchover", {}, racedBy("pause")));
    // THEN the run waited for the pause to end, then refused: switchover is not allowed from stopped
    expect(error.exitCode).toBe(5);
    expect(error.message).toMatch(/switchover is not allowed while DR .* is "stopped"/);
    expect(emulator.getTask(DR_ID)?.status).toBe("stopped");
    expect(emulator.actionRequests("switchover").map((r) => r.responseStatus)).toEqual([409]);
  });

  it("a refusal in a status that still allows the action: sends again after settling, bounded", async () => {
    emulator.injectFault({
      match: { action: "start" },
      status: 409,
      body: { error_code: "DWS.0011", error_msg: "Another operation is being performed." },
    });
    const result = await run("start");
    expect(result).toMatchObject({ outcome: "completed", status: "running", requestsSent: 2 });
    expect(emulator.actionRequests("start").map((r) => r.responseStatus)).toEqual([409, 200]);
    // A status read came between the refusal and the second request: never a blind re-send.
    const [refused, accepted] = emulator.actionRequests("start");
    const readsBetween = emulator.requests.filter(
      (r) => r.method === "GET" && r.at >= refused.at && r.at <= accepted.at,
    );
    expect(readsBetween.length).toBeGreaterThan(0);
  });

  it("a refusal that is not a busy answer is not retried", async () => {
    emulator.injectFault({
      match: { action: "start" },
      status: 400,
      body: { error_code: "DWS.0001", error_msg: "Invalid request." },
    });
    const error = await failure(run("start"));
    expect(error.exitCode).toBe(5);
    expect(emulator.actionRequests("start")).toHaveLength(1);
  });
});

describe("visible waits", () => {
  it("says what it waits for and for how long, when the wait starts and then at each report", async () => {
    // GIVEN a start that takes a while, and a report every 300 ms instead of every 30 s
    await emulator.stop();
    emulator = await startEmulator({ transitionMs: 1600 });
    client = connect(emulator);
    // WHEN
    await run("start", { waitReportMs: 300, pollIntervalMs: 1000 });
    // THEN
    const waits = lines.filter((line) =>
      /waiting for "running" \(status "starting"\): [\d.]+m?s of 10s$/.test(line),
    );
    expect(waits.length).toBeGreaterThanOrEqual(3);
  });

  it("reports a wait for another operation to settle before deciding", async () => {
    emulator.setStatus(DR_ID, "running");
    await client.sendAction("pause", DR_ID);
    await run("start", { waitReportMs: 200 });
    expect(lines.join("\n")).toMatch(
      /waiting for the running operation to settle \(status "stopping"\): [\d.]+m?s of 10s/,
    );
  });
});

describe("interruption", () => {
  it("stops mid-wait and says what it knows: sent, last status, how to re-run", async () => {
    await emulator.stop();
    emulator = await startEmulator({ transitionMs: 60_000 });
    client = connect(emulator);
    const controller = new AbortController();
    const running = failure(run("start", { signal: controller.signal }));
    await waitFor(() => emulator.getTask(DR_ID)?.status === "starting", "the start to be sent");
    await waitFor(() => lines.some((l) => l.includes("unstart -> starting")), "a read after it");
    const abortedAt = Date.now();
    controller.abort("SIGINT");
    const error = await running;
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(error.category).toBe("interrupted");
    expect(error.exitCode).toBe(8);
    expect(error.message).toMatch(
      /start of DR .* interrupted by SIGINT waiting for "running"; the start request was accepted by the service; the last status read was "starting"/,
    );
    expect(error.message).toMatch(/running again is safe/);
  });

  it("before anything was sent, says so", async () => {
    emulator.setStatus(DR_ID, "stopping");
    const controller = new AbortController();
    const running = failure(run("start", { signal: controller.signal }));
    await waitFor(() => lines.some((l) => l.includes("to settle")), "the settle wait");
    controller.abort("SIGTERM");
    const error = await running;
    expect(error.exitCode).toBe(8);
    expect(error.message).toMatch(/interrupted by SIGTERM .*; no start request was sent/);
    expect(error.message).toMatch(/Running again is safe: nothing was sent/);
    expect(emulator.actionRequests("start")).toHaveLength(0);
  });
});
