import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { CliRun, runDwsDr, runtimeEnv } from "../support/cli";

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const UNKNOWN_DR_ID = "00000000-0000-4000-8000-000000000000";

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
});
afterEach(() => emulator.stop());

/** The environment local-exec gives the runtime: credentials plus DWS_DR_* settings. */
function env(overrides: Record<string, string> = {}): Record<string, string> {
  return runtimeEnv(emulator, DR_ID, { DWS_DR_POLL_INTERVAL: "500ms", ...overrides });
}

function expectNoSecret(run: CliRun): void {
  expect(run.stdout + run.stderr).not.toContain(emulator.secretKey);
}

describe("dws-dr start", () => {
  it("starts the DR, prints progress on stderr and one JSON result on stdout", async () => {
    // A start long enough for the first poll to see "starting" even on a loaded machine.
    await emulator.stop();
    emulator = await startEmulator({ transitionMs: 1500 });
    const run = await runDwsDr(["start", "--json"], env());

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      action: "start",
      disasterRecoveryId: DR_ID,
      status: "running",
      outcome: "completed",
      requestsSent: 1,
    });
    expect(run.stderr).toMatch(/\[dws-dr\] start .*: status unstart -> starting/);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    expectNoSecret(run);
  });

  it("reaches a loopback endpoint directly even when a CI job sets a proxy", async () => {
    // GIVEN proxy variables pointing at nothing, and no NO_PROXY
    const proxy = "http://127.0.0.1:9";
    const run = await runDwsDr(
      ["start"],
      env({ HTTP_PROXY: proxy, HTTPS_PROXY: proxy, http_proxy: proxy }),
    );
    // THEN the emulator was still reached
    expect(run.code).toBe(0);
    expect(emulator.actionRequests("start")).toHaveLength(1);
  });

  it("exits 0 without sending anything when the DR is already running", async () => {
    emulator.setStatus(DR_ID, "running");
    const run = await runDwsDr(["start"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${DR_ID} running (already-done)\n`);
    expect(emulator.actionRequests("start")).toHaveLength(0);
  });

  it("lets flags win over DWS_DR_* variables", async () => {
    const run = await runDwsDr(
      ["start", "--disaster-recovery-id", DR_ID, "--no-wait", "--json"],
      env({ DWS_DR_DISASTER_RECOVERY_ID: UNKNOWN_DR_ID }),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: "submitted", status: "starting" });
  });

  it("prints the request on --dry-run, redacting the signature, and sends nothing", async () => {
    const run = await runDwsDr(["start", "--dry-run"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `POST ${emulator.endpoint}/v2/${emulator.projectId}/disaster-recovery/${DR_ID}/start`,
    );
    expect(run.stdout).toContain("signed headers: content-type;host;x-project-id;x-sdk-date");
    expect(run.stdout).toContain("Signature=<redacted>");
    // One status read for the plan, and no action request.
    expect(emulator.requests.map((r) => r.method)).toEqual(["GET"]);
    expectNoSecret(run);
  });

  it("resolves DWS_DR_REGION to the region's endpoint, with its documented domain", async () => {
    // Without credentials: the dry run reads nothing, so the unreachable region is not contacted.
    const run = await runDwsDr(
      ["start", "--dry-run"],
      env({
        DWS_DR_ENDPOINT: "",
        DWS_DR_REGION: "eu-west-101",
        HUAWEICLOUD_SDK_AK: "",
        HUAWEICLOUD_SDK_SK: "",
      }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `POST https://dws.eu-west-101.myhuaweicloud.eu/v2/${emulator.projectId}/disaster-recovery/${DR_ID}/start`,
    );
  });

  it("gives the dry run as JSON too", async () => {
    const run = await runDwsDr(
      ["start", "--dry-run", "--json"],
      env({ HUAWEICLOUD_SDK_SECURITY_TOKEN: "sts-token-value" }),
    );
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, dryRun: true, request: { method: "POST" } });
    expect(result.request.signedHeaders).toContain("x-security-token");
    expect(result.request.headers["X-Security-Token"]).toBe("<redacted>");
    expect(run.stdout).not.toContain("sts-token-value");
  });
});

describe("dws-dr exit codes", () => {
  it.each([
    [
      "a malformed project id",
      ["start"],
      { DWS_DR_PROJECT_ID: "not-a-project" },
      /project id: "not-a-project" is not a project id/,
    ],
    [
      "a malformed DR id",
      ["start", "--disaster-recovery-id", "abc"],
      {},
      /disaster recovery id: "abc" is not a UUID/,
    ],
    [
      "an unknown option",
      ["start", "--force"],
      {},
      /unknown option "--force". Run `dws-dr --help` for the options/,
    ],
    ["an unknown command", ["restart"], {}, /unknown command "restart"/],
    [
      "both region and endpoint",
      ["start", "--region", "cn-north-4"],
      {},
      /region and endpoint: both given/,
    ],
    [
      "plain http to a remote host",
      ["start"],
      { DWS_DR_ENDPOINT: "http://dws.example.com" },
      /plain http to a host that is not loopback/,
    ],
    [
      "a bad timeout",
      ["start", "--timeout", "soon"],
      {},
      /timeout: "soon" is not a positive duration/,
    ],
    [
      "a bad boolean variable",
      ["start"],
      { DWS_DR_NO_WAIT: "maybe" },
      /DWS_DR_NO_WAIT: "maybe" is not a boolean/,
    ],
    [
      "missing credentials",
      ["start"],
      { HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "" },
      /credentials: none found/,
    ],
    [
      "half-set credentials",
      ["start"],
      { HUAWEICLOUD_SDK_SK: "" },
      /HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/,
    ],
  ])("exits 2 for %s and sends nothing", async (_case, args, overrides, message) => {
    const run = await runDwsDr(args, env(overrides));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it("exits 3 when the secret key is wrong, without echoing it", async () => {
    const run = await runDwsDr(["start"], env({ HUAWEICLOUD_SDK_SK: "wrong-secret-key-value" }));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/HTTP 401, APIGW.0301/);
    expect(run.stderr).not.toContain("wrong-secret-key-value");
  });

  it("exits 4 for an unknown DR", async () => {
    const run = await runDwsDr(
      ["start", "--json"],
      env({ DWS_DR_DISASTER_RECOVERY_ID: UNKNOWN_DR_ID }),
    );
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      exitCode: 4,
      error: { category: "not-found", httpStatus: 400, errorCode: "DWS.10101" },
    });
  });

  it("exits 5 when the DR's status does not allow the action", async () => {
    const run = await runDwsDr(["switchover", "--toggle"], env());
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /switchover is not allowed while DR .* is "unstart" \(allowed from: running\)/,
    );
  });

  it("exits 5 when the service keeps refusing the action in a status that should allow it", async () => {
    // GIVEN a service that refuses every start although the DR reads unstart
    emulator.injectFault({
      match: { action: "start" },
      status: 403,
      times: Infinity,
      body: { error_code: "DWS.7023", error_msg: "Cluster status is not allowed to operation." },
    });
    const run = await runDwsDr(["start", "--poll-interval", "100ms"], env());
    // THEN after a bounded number of settle-and-decide rounds it gives up
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /POST .*\/start failed, 3 times; nothing was applied \(HTTP 403, DWS.7023, "Cluster status is not allowed to operation.", request id [0-9a-f]{32}\)/,
    );
    expect(emulator.actionRequests("start")).toHaveLength(3);
  });

  it("exits 6 when the DR does not reach the target in time", async () => {
    await emulator.stop();
    emulator = await startEmulator({ transitionMs: 60_000 });
    const run = await runDwsDr(["start", "--timeout", "1s"], env());
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/timed out after 1.0s/);
  });

  it("exits 7 when the service keeps failing", async () => {
    emulator.injectFault({
      match: { method: "GET" },
      status: 502,
      times: Infinity,
      retryAfter: "0",
    });
    const run = await runDwsDr(["status", "--disaster-recovery-id", DR_ID], env());
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/HTTP 502/);
  });
});

describe("dws-dr status and token authentication", () => {
  it("prints a DR's detail as JSON", async () => {
    const run = await runDwsDr(["status", "--json"], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).disasterRecovery).toMatchObject({ id: DR_ID, status: "unstart" });
  });

  it("lists the project's DRs without an id", async () => {
    const run = await runDwsDr(["status"], env({ DWS_DR_DISASTER_RECOVERY_ID: "" }));
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(emulator.disasterRecoveryIds.length);
  });

  it("authenticates with an IAM token from HW_AUTH_TOKEN", async () => {
    // GIVEN an emulator that accepts an IAM token
    await emulator.stop();
    emulator = await startEmulator({
      seed: {
        projectId: "89cd04f168b84af6be287f71730fdb4b",
        accessKey: "AKEXAMPLEAKEXAMPLE00",
        secretKey: "an-unused-secret-key-for-this-test-000000",
        authToken: "iam-token-value",
        tasks: [{ id: DR_ID, status: "running" }],
      },
    });
    // WHEN the runtime has only the token
    const run = await runDwsDr(
      ["status"],
      env({ HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "", HW_AUTH_TOKEN: "iam-token-value" }),
    );
    // THEN
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(`${DR_ID} running`);
    expect(run.stdout + run.stderr).not.toContain("iam-token-value");
  });
});
