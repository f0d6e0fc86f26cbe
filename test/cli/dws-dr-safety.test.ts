import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { PACKAGE_VERSION } from "../../lib/api/version";
import { runDwsDr, runtimeEnv, startDwsDr } from "../support/cli";
import { PRIMARY_CLUSTER, STANDBY_CLUSTER, twoClusterSeed, waitFor } from "../support/emulator";
import { expectNoSecrets } from "../support/secret-scan";

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const PRIMARY = PRIMARY_CLUSTER;
const STANDBY = STANDBY_CLUSTER;

let emulator: RunningEmulator;

async function startWith(status: "running" | "abnormal" | "unstart", transitionMs = 300) {
  await emulator?.stop();
  emulator = await startEmulator({
    transitionMs,
    seed: twoClusterSeed(DR_ID, status, "cli-safety-test-secret-key-000000000000"),
  });
}

beforeEach(() => startWith("running"));
afterEach(() => emulator.stop());

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return runtimeEnv(emulator, DR_ID, { DWS_DR_POLL_INTERVAL: "300ms", ...overrides });
}

const secrets = () => [{ label: "secret key", value: emulator.secretKey }];

describe("failover and recovery need --confirm <disaster-recovery-id>", () => {
  it.each([
    ["failover", "changes on the primary not yet synchronised to the standby are lost"],
    ["recovery", "it deletes the data of the standby cluster and rebuilds the DR relationship"],
  ])(
    "%s without it: exit 2, what would be lost, how to confirm, nothing sent",
    async (action, loss) => {
      const target = action === "failover" ? ["--primary-cluster-id", STANDBY] : [];
      const run = await runDwsDr([action, ...target], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `${action} of DR ${DR_ID} needs confirmation (no --confirm given)`,
      );
      expect(run.stderr).toContain(loss);
      expect(run.stderr).toContain(
        `run again with --confirm ${DR_ID} (or DWS_DR_CONFIRM=${DR_ID})`,
      );
      expect(emulator.requests).toHaveLength(0);
    },
  );

  it("refuses a confirmation naming another DR", async () => {
    const other = "00000000-0000-4000-8000-000000000000";
    const run = await runDwsDr(
      ["failover", "--primary-cluster-id", STANDBY, "--confirm", other],
      env(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--confirm "${other}" is not the DR id`);
    expect(emulator.requests).toHaveLength(0);
  });

  it("runs a confirmed failover (DWS_DR_CONFIRM, upper case) and prints the last sync first", async () => {
    emulator.setStatus(DR_ID, "abnormal");
    const run = await runDwsDr(
      ["failover", "--primary-cluster-id", STANDBY.toUpperCase(), "--json"],
      env({ DWS_DR_CONFIRM: DR_ID.toUpperCase() }),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, primaryClusterId: STANDBY });
    expect(run.stderr).toMatch(/last synchronisation \(11111111-.*"dws-prod": \d{4}-\d\d-\d\d /);
    expect(emulator.actionRequests("failover")).toHaveLength(1);
    expectNoSecrets([{ name: "failover output", text: run.output }], secrets());
  });
});

describe("switchover as a state", () => {
  it("sends nothing when the wanted cluster is already primary", async () => {
    const run = await runDwsDr(["switchover", "--primary-cluster-id", PRIMARY], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${DR_ID} running (already-done)\n`);
    expect(emulator.actionRequests("switchover")).toHaveLength(0);
  });

  it("exits 2 naming both clusters when the id is neither, and sends nothing", async () => {
    const stranger = "33333333-3333-4333-8333-333333333333";
    const run = await runDwsDr(["switchover"], env({ DWS_DR_PRIMARY_CLUSTER_ID: stranger }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`(primary ${PRIMARY} "dws-prod", standby ${STANDBY} "dws-dr")`);
    expect(emulator.actionRequests("switchover")).toHaveLength(0);
  });

  it("refuses --primary-cluster-id for an action that does not change roles", async () => {
    const run = await runDwsDr(["start", "--primary-cluster-id", PRIMARY], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /primary cluster id: given for start, which does not change the roles/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it.each(["switchover", "failover"])(
    "%s without --primary-cluster-id exits 2, sends nothing, and names the two ways on",
    async (action) => {
      // WHEN a role swap is asked for without its outcome (and a failover is even confirmed)
      const run = await runDwsDr([action, "--confirm", DR_ID], env());

      // THEN it is refused before anything is sent, not run as a toggle
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `primary cluster id: not given; ${action} needs the cluster that must be primary afterwards.*--primary-cluster-id <cluster UUID>.*--toggle`,
          "s",
        ),
      );
      expect(emulator.requests).toHaveLength(0);
    },
  );

  it("--toggle swaps the roles as they are now, only when asked for by name", async () => {
    const run = await runDwsDr(["switchover", "--toggle"], env());
    expect(run.code).toBe(0);
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);
    expect(emulator.actionRequests("switchover")).toHaveLength(1);
  });

  it("refuses --toggle together with --primary-cluster-id, and --toggle for a start", async () => {
    const both = await runDwsDr(["switchover", "--toggle", "--primary-cluster-id", STANDBY], env());
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/primary cluster id and toggle: both given/);
    const start = await runDwsDr(["start"], env({ DWS_DR_TOGGLE: "true" }));
    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/toggle: given for start, which does not change the roles/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("after a timeout, the re-run with the advised --primary-cluster-id sends no second switchover", async () => {
    await startWith("running", 3000);
    const first = await runDwsDr(["switchover", "--toggle", "--timeout", "1s"], env());
    expect(first.code).toBe(6);
    expect(first.stderr).toContain(`run again with --primary-cluster-id ${STANDBY}`);
    const again = await runDwsDr(["switchover", "--primary-cluster-id", STANDBY], env());
    expect(again.code).toBe(0);
    expect(emulator.actionRequests("switchover")).toHaveLength(1);
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);
  });
});

describe("dws-dr status", () => {
  it("shows the status, the roles and the progress endpoint's RPO/RTO, barrier and last recovery", async () => {
    const run = await runDwsDr(["status"], env());
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`${DR_ID} running (dr-e59d6b86)`);
    expect(lines[1]).toMatch(`  primary: ${PRIMARY} (dws-prod), last synchronised `);
    expect(lines[2]).toMatch(`  standby: ${STANDBY} (dws-dr)`);
    expect(run.stdout).toMatch(/RPO: \d+s, RTO: 30s/);
    expect(run.stdout).toMatch(/last barrier: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(run.stdout).toMatch(/last recovery took: 12s/);
    expect(emulator.requests.map((r) => r.path)).toEqual([
      `/v2/${emulator.projectId}/disaster-recovery/${DR_ID}`,
      `/v1/${emulator.projectId}/disaster-recovery/${DR_ID}/show-progress`,
    ]);
  });

  it("--json gives the raw detail and progress objects", async () => {
    const run = await runDwsDr(["status", "--json"], env());
    const body = JSON.parse(run.stdout);
    expect(body.disasterRecovery).toMatchObject({
      id: DR_ID,
      status: "running",
      primary_cluster: { id: PRIMARY, role: "primary" },
      standby_cluster: { id: STANDBY, role: "standby" },
    });
    expect(body.progress).toMatchObject({
      recovery_time_object: 30,
      last_recovery_spend: 12,
      latest_barrier_time: expect.any(String),
    });
  });

  it("still shows the status when the progress cannot be read", async () => {
    emulator.injectFault({
      match: { pathIncludes: "show-progress" },
      status: 403,
      body: { error_code: "DWS.0015", error_msg: "Forbidden." },
    });
    const run = await runDwsDr(["status"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(`${DR_ID} running`);
    expect(run.stdout).toMatch(/progress: unavailable \(GET .*show-progress failed \(HTTP 403/);
  });
});

describe("command-line edges", () => {
  it("with no command: help on stderr and exit 2", async () => {
    const run = await runDwsDr([], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/no command given[\s\S]*Usage:/);
  });

  it("--help: help on stdout and exit 0; --version prints the package version", async () => {
    const help = await runDwsDr(["--help"], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^dws-dr: run Huawei Cloud/);
    const version = await runDwsDr(["--version"], env());
    expect(version).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n` });
  });

  it.each([
    [
      ["start", "--timeout"],
      /--timeout: no value given. Write --timeout <value>, e.g. --timeout 30m/,
    ],
    [["start", "--timeout", "--json"], /--timeout: no value given/],
    [["start", "--timeout", "-5m"], /timeout: "-5m" is not a positive duration/],
    [["start", "--timeout", "5"], /timeout: "5" has no unit. Write the unit, e.g. "5s" or "5m"/],
    [
      ["start", "--tiemout", "5m"],
      /unknown option "--tiemout". Run `dws-dr --help` for the options \(e.g. --timeout\)/,
    ],
    [["start", "--json=yes"], /--json: takes no value \(got "yes"\)/],
    [["start", "--timeout", "5m", "--timeout", "6m"], /--timeout: given twice/],
  ])("%j: its own message naming the flag, exit 2, nothing sent", async (args, message) => {
    const run = await runDwsDr(args, env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/ambiguous|ERR_PARSE_ARGS/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("accepts an upper-case DR id and uses it in lower case", async () => {
    emulator.setStatus(DR_ID, "unstart");
    const run = await runDwsDr(
      ["start", "--disaster-recovery-id", DR_ID.toUpperCase(), "--json"],
      env({ DWS_DR_DISASTER_RECOVERY_ID: "" }),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      disasterRecoveryId: DR_ID,
      outcome: "completed",
    });
    expect(emulator.actionRequests("start", DR_ID)).toHaveLength(1);
  });
});

describe("--dry-run as a plan stage", () => {
  it("without credentials: shows the request unsigned, says so, reads nothing, exit 0", async () => {
    const run = await runDwsDr(
      ["start", "--dry-run"],
      env({ HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: "" }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `POST ${emulator.endpoint}/v2/${emulator.projectId}/disaster-recovery/${DR_ID}/start`,
    );
    expect(run.stdout).toContain("unsigned: no credentials");
    expect(run.stdout).toMatch(
      /note: no credentials in the environment: the request is shown unsigned/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it("with half a key pair: refuses (exit 2) naming what is missing, rather than going unsigned", async () => {
    const run = await runDwsDr(["start", "--dry-run"], env({ HUAWEICLOUD_SDK_SK: "" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/);
    expect(emulator.requests).toHaveLength(0);
  });

  it.each([
    ["unstart", "start", [], "send", /a real run would send it \(the DR is "unstart"\)/],
    ["running", "start", [], "nothing-to-do", /a real run would send nothing \(already running\)/],
    ["stopping", "start", [], "wait", /a real run would wait for the DR to settle/],
    ["running", "pause", [], "send", /send it/],
    ["unstart", "pause", [], "refuse", /pause is not allowed while DR .* is "unstart"/],
    [
      "running",
      "switchover",
      ["--primary-cluster-id", PRIMARY],
      "nothing-to-do",
      /already primary/,
    ],
    ["abnormal", "failover", ["--primary-cluster-id", STANDBY], "refuse", /needs confirmation/],
  ])(
    "DR %s, %s %j: plan %s, in text and JSON, and only a status read",
    async (status, action, extra, decision, reason) => {
      emulator.setStatus(DR_ID, status);
      const text = await runDwsDr([action, "--dry-run", ...extra], env());
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`plan: ${decision}: `);
      expect(text.stdout).toMatch(reason);
      const json = await runDwsDr([action, "--dry-run", "--json", ...extra], env());
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: true,
        dryRun: true,
        signed: true,
        plan: { action, status, decision },
      });
      expect(emulator.requests.every((r) => r.method === "GET")).toBe(true);
      expectNoSecrets([{ name: "dry run", text: text.output + json.output }], secrets());
    },
  );
});

describe("interruption", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s mid-wait: exit 8, what is known on stderr, and a re-run converges with no second start",
    async (signal) => {
      // GIVEN a start that takes long
      await startWith("unstart", 4000);
      const child = startDwsDr(["start", "--poll-interval", "200ms"], env());
      await waitFor(
        () => /unstart -> starting/.test(child.output()),
        "the start to be waited for",
        20_000,
      );
      // WHEN
      process.kill(child.pid, signal);
      const run = await child.finished;
      // THEN
      expect(run.code).toBe(8);
      expect(run.stderr).toMatch(
        new RegExp(
          `interrupted by ${signal} waiting for "running"; the start request was accepted by the service; the last status read was "starting"`,
        ),
      );
      expect(run.stderr).toMatch(/running again is safe/);
      const again = await runDwsDr(["start"], env());
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(`${DR_ID} running (already-done)\n`);
      expect(emulator.actionRequests("start")).toHaveLength(1);
      expectNoSecrets([{ name: "interrupted run", text: run.output + again.output }], secrets());
    },
  );
});
