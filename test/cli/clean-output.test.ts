import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { CliRun, runDwsDr, runtimeEnv } from "../support/cli";

// Service text is data, not terminal or CI-log commands (issue 22): whatever the service (here
// the emulator, seeded and faulted to send it) puts into an error message, a DR or cluster name
// or a status, the CLI prints it with control characters escaped, never at the start of a line.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const FORGED_APPLY = "bad\u001b[2K\r\u001b[32mApply complete! Resources: 1 added.\u001b[0m";
const HOSTILE = `${FORGED_APPLY}\n::add-mask::x\n::set-output name=primary::evil\u009b31m\u2028tail\u202e`;
const AK = "HPUAL3KX9QZ7TR2MVB5N";
const SK = "q8Zr1Xv4Lk9Tn2Bw7Hs5Jd3Fm6Gc0Ya8Pe1Uo4Ri";
const AUTH_TOKEN = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw+gHs/Kq9=Zm8Tx2Wv==";

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await startEmulator({
    transitionMs: 300,
    seed: {
      projectId: "89cd04f168b84af6be287f71730fdb4b",
      accessKey: AK,
      secretKey: SK,
      authToken: AUTH_TOKEN,
      tasks: [
        {
          id: DR_ID,
          name: `dr-${HOSTILE}`,
          status: "running",
          primaryClusterId: "11111111-1111-4111-8111-111111111111",
          primaryClusterName: `prod-${HOSTILE}`,
          standbyClusterId: "22222222-2222-4222-8222-222222222222",
          standbyClusterName: HOSTILE,
        },
      ],
    },
  });
});
afterEach(() => emulator.stop());

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return runtimeEnv(emulator, DR_ID, { DWS_DR_POLL_INTERVAL: "300ms", ...overrides });
}

/** Every line of a stream starts with this tool's own text, and no control character is raw. */
function expectClean(stream: string, lineStarts: RegExp): void {
  // eslint-disable-next-line no-control-regex
  expect(stream).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  for (const line of stream.split("\n").filter((l) => l !== "")) {
    expect(line).toMatch(lineStarts);
    expect(line).not.toMatch(/^(::|Apply complete)/);
  }
}

function expectCleanRun(run: CliRun): void {
  expectClean(run.stderr, /^(\[dws-dr\] |dws-dr: error: )/);
}

describe("service text cannot forge terminal or CI log lines", () => {
  test("an error_msg with escapes, a carriage return and ::commands, on stderr and in --json", async () => {
    // given the service refuses the start with a hostile error message
    emulator.injectFault({
      match: { method: "POST" },
      status: 400,
      body: { error_code: "DWS.0015", error_msg: HOSTILE },
    });

    // when
    const text = await runDwsDr(["pause"], env());
    emulator.injectFault({
      match: { method: "POST" },
      status: 400,
      body: { error_code: "DWS.0015", error_msg: HOSTILE },
    });
    const json = await runDwsDr(["pause", "--json"], env());

    // then the message is there, escaped, on its one line
    expect(text.code).toBe(5);
    expectCleanRun(text);
    expect(text.stderr).toContain("bad\\x1b[2K\\r\\x1b[32mApply complete!");
    expect(text.stderr).toContain("\\n::add-mask::x\\n::set-output");
    expect(text.stderr.split("\n").filter((l) => l.startsWith("dws-dr: error: "))).toHaveLength(1);
    expectCleanRun(json);
    expect(json.stdout.trim().split("\n")).toHaveLength(1);
    expectClean(json.stdout, /^\{"ok":false/);
    expect(JSON.parse(json.stdout).error.errorMsg).toBe(HOSTILE); // faithful once parsed
  });

  test("a hostile status stays inside the progress lines of a run waiting on it", async () => {
    // given a status no client knows: the run waits for it to settle, reporting it
    emulator.setStatus(DR_ID, HOSTILE);

    // when
    const run = await runDwsDr(["start"], env({ DWS_DR_TIMEOUT: "1s" }));

    // then
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("\\n::add-mask::x");
    expectCleanRun(run);
  });

  test("DR and cluster names and statuses in `status`, as text and as --json", async () => {
    // given a status no client knows, carrying escapes too
    emulator.setStatus(DR_ID, `running\r\u001b[1A${HOSTILE}`);

    // when
    const detail = await runDwsDr(["status"], env());
    const list = await runDwsDr(["status"], env({ DWS_DR_DISASTER_RECOVERY_ID: "" }));
    const json = await runDwsDr(["status", "--json"], env());

    // then
    for (const run of [detail, list, json]) {
      expect(run.code).toBe(0);
      expectCleanRun(run);
    }
    expectClean(detail.stdout, new RegExp(`^(${DR_ID} |  )`));
    expect(detail.stdout).toContain("(prod-bad\\x1b[2K\\r");
    expectClean(list.stdout, new RegExp(`^${DR_ID} `));
    expectClean(json.stdout, /^\{"ok":true/);
    expect(JSON.parse(json.stdout).disasterRecovery.standby_cluster.name).toBe(HOSTILE);
  });

  test("an id the service made up is quoted, so it cannot start a line either", async () => {
    emulator.injectFault({
      match: { method: "GET" },
      status: 200,
      body: { disaster_recovery: [{ id: "::add-mask::x", status: "running", name: "n" }] },
    });

    const run = await runDwsDr(["status"], env({ DWS_DR_DISASTER_RECOVERY_ID: "" }));

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('"::add-mask::x" running n\n');
  });
});

describe("secrets echoed by the service are redacted in every form", () => {
  const echoes: [string, (token: string) => string][] = [
    ["URL-encoded token", (token) => `token=${encodeURIComponent(token)} is invalid`],
    ["40-character token prefix", (token) => `token ${token.slice(0, 40)}... expired`],
    ["upper-cased token", (token) => `TOKEN ${token.toUpperCase()}`],
  ];
  test.each(echoes)("HW_AUTH_TOKEN echoed as a %s", async (_form, echo) => {
    emulator.injectFault({
      match: { method: "POST" },
      status: 400,
      body: { error_code: "DWS.0015", error_msg: echo(AUTH_TOKEN) },
    });
    const tokenEnv = {
      ...env({ DWS_DR_JSON: "true" }),
      HUAWEICLOUD_SDK_AK: "",
      HUAWEICLOUD_SDK_SK: "",
      HW_AUTH_TOKEN: AUTH_TOKEN,
    };

    const run = await runDwsDr(["pause"], tokenEnv);

    expect(run.code).toBe(5);
    expect(run.stderr).toContain("<redacted>");
    expect(JSON.parse(run.stdout).error.errorMsg).toContain("<redacted>");
    expectNoPartOf(AUTH_TOKEN, run);
  });

  test("a lower-cased part of the access key, echoed by the gateway", async () => {
    emulator.injectFault({
      match: { method: "POST" },
      status: 400,
      body: { error_code: "DWS.0015", error_msg: `unknown key ${AK.slice(2, 16).toLowerCase()}` },
    });

    const run = await runDwsDr(["pause", "--json"], env());

    expect(run.code).toBe(5);
    expect(run.stderr).toContain("unknown key <redacted>");
    expectNoPartOf(AK, run);
  });
});

function expectNoPartOf(secret: string, run: CliRun): void {
  const output = (run.stdout + run.stderr).toLowerCase();
  const encoded = encodeURIComponent(secret);
  for (const form of [secret, encoded]) {
    for (let i = 0; i + 8 <= form.length; i++) {
      expect(output).not.toContain(form.slice(i, i + 8).toLowerCase());
    }
  }
}
