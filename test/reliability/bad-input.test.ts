import { TerraformStack, Testing } from "cdktf";
import { DisasterRecoveryStart } from "../../lib";
import { withEmulator } from "../support/emulator";
import { expectReportCurrent, writeResults } from "./fault-matrix";
import { cliEnv, emulatorSecrets, runChecked, seedFor } from "./support";

// Each malformed value must be refused before anything is sent: by the construct at synth when the
// prop is a literal, and by the runtime when the value arrives in its DWS_DR_* variable (as the
// construct passes a token's value at apply time).

interface Case {
  /** The construct prop and the runtime's variable the value goes into. */
  readonly prop:
    "projectId" | "disasterRecoveryId" | "region" | "endpoint" | "timeout" | "pollInterval";
  readonly value: string;
  /** What the message must name (the value, or the problem). */
  readonly names?: RegExp;
}

const ENV_NAMES = {
  projectId: "DWS_DR_PROJECT_ID",
  disasterRecoveryId: "DWS_DR_DISASTER_RECOVERY_ID",
  region: "DWS_DR_REGION",
  endpoint: "DWS_DR_ENDPOINT",
  timeout: "DWS_DR_TIMEOUT",
  pollInterval: "DWS_DR_POLL_INTERVAL",
} as const;

const MALFORMED_IDS = [
  "e59d6b86/../../start",
  "..",
  "e59d6b86 9072 46eb",
  "$(touch /tmp/pwned)",
  "e59d6b86;rm -rf ~",
  '"quoted"',
  "e59d6b86-9072-46eb-a996-13f8b44994c1\nX-Injected: 1",
  "e59d6b86-9072-46eb-a996-13f8b44994ç1",
  "x".repeat(300),
];

const CASES: readonly Case[] = [
  ...MALFORMED_IDS.map((value) => ({ prop: "disasterRecoveryId" as const, value })),
  ...MALFORMED_IDS.slice(0, 6).map((value) => ({ prop: "projectId" as const, value })),
  { prop: "region", value: "cn north 4" },
  { prop: "region", value: "cn-north-4/../evil" },
  { prop: "endpoint", value: "http://dws.example.com" },
  { prop: "endpoint", value: "https://ak:sk@dws.cn-north-4.myhuaweicloud.com" },
  { prop: "endpoint", value: "https://:pw@dws.cn-north-4.myhuaweicloud.com" },
  { prop: "endpoint", value: "https://dws.cn-north-4.myhuaweicloud.com/v2" },
  { prop: "endpoint", value: "https://dws.cn-north-4.myhuaweicloud.com?x=1" },
  { prop: "endpoint", value: "dws.cn-north-4.myhuaweicloud.com" },
  { prop: "timeout", value: "soon" },
  { prop: "timeout", value: "0s" },
  { prop: "timeout", value: "-5m" },
  { prop: "timeout", value: "5" },
  { prop: "timeout", value: "9999h" },
  { prop: "pollInterval", value: "1x" },
  { prop: "pollInterval", value: "0ms" },
  { prop: "pollInterval", value: "9999h" },
];

/** The value as a table shows it: JSON-quoted, long ones cut. */
function shown(value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.length > 40 ? `${quoted.slice(0, 30)}..." (${value.length} chars)` : quoted;
}

/** The first sentence of a message, for the table. */
function firstSentence(message: string): string {
  const sentence = message
    .replace(/^dws-dr: error: /, "")
    .split(/\.\s/)[0]
    .trim();
  // A 300-character value quoted in full would only widen the table.
  return sentence.replace(/"([^"]{40})[^"]{20,}"/g, '"$1..."');
}

function synthError(prop: Case["prop"], value: string): string | undefined {
  const stack = new TerraformStack(Testing.app(), "bad-input");
  const props = {
    projectId: "89cd04f168b84af6be287f71730fdb4b",
    disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
    region: prop === "endpoint" ? undefined : "cn-north-4",
    [prop]: value,
  };
  try {
    new DisasterRecoveryStart(stack, "start", props);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

interface Row {
  readonly input: string;
  readonly value: string;
  readonly synth: string;
  readonly runtime: string;
  readonly requests: number;
}

const rows: Row[] = [];

describe("malformed props and variables are refused before anything is sent", () => {
  it.each(CASES.map((c) => [c.prop, shown(c.value), c] as const))(
    "%s %s",
    async (_prop, _shown, { prop, value }) => {
      // at synth, as a literal prop
      const atSynth = synthError(prop, value);
      expect(atSynth).toBeDefined();
      expect(atSynth).toMatch(new RegExp(`^${prop}\\b|${prop}`));

      // at run time, as the construct passes a token's value
      await withEmulator({ seed: seedFor("start") }, async (emulator) => {
        const env = cliEnv(emulator, "start", {
          [ENV_NAMES[prop]]: value,
          ...(prop === "region" ? { DWS_DR_ENDPOINT: "" } : {}),
        });
        const run = await runChecked(["start"], env, emulatorSecrets(emulator));
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/dws-dr: error: /);
        expect(emulator.requests).toEqual([]);
        rows.push({
          input: `${prop} / ${ENV_NAMES[prop]}`,
          value: shown(value),
          synth: firstSentence(atSynth ?? ""),
          runtime: `exit ${run.code}: ${firstSentence(run.stderr)}`,
          requests: emulator.requests.length,
        });
      });
    },
  );

  it.each([
    ["no credentials at all", {}],
    ["an access key without its secret", { HW_ACCESS_KEY: "AKONLY" }],
    ["a secret without its access key", { HUAWEICLOUD_SDK_SK: "sk-only" }],
  ])("%s", async (what, credentials) => {
    await withEmulator({ seed: seedFor("start") }, async (emulator) => {
      const env = cliEnv(emulator, "start", {
        HUAWEICLOUD_SDK_AK: "",
        HUAWEICLOUD_SDK_SK: "",
        ...credentials,
      });
      const run = await runChecked(["start"], env, emulatorSecrets(emulator));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/credentials: /);
      expect(emulator.requests).toEqual([]);
      rows.push({
        input: "credentials (environment only)",
        value: what,
        synth: "never in the configuration",
        runtime: `exit ${run.code}: ${firstSentence(run.stderr)}`,
        requests: emulator.requests.length,
      });
    });
  });

  it("a region the library does not know fails at run time as bad input, naming region or endpoint", async () => {
    await withEmulator({ seed: seedFor("start") }, async (emulator) => {
      const env = cliEnv(emulator, "start", { DWS_DR_ENDPOINT: "", DWS_DR_REGION: "cn-nort-4" });
      const run = await runChecked(["start"], env, emulatorSecrets(emulator));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/does not resolve.*Check the region or endpoint/);
      expect(emulator.requests).toEqual([]);
      rows.push({
        input: "region / DWS_DR_REGION",
        value: shown("cn-nort-4"),
        synth:
          synthError("region", "cn-nort-4") ??
          "accepted (a known-region warning is the constructs' job)",
        runtime: `exit ${run.code}: ${firstSentence(run.stderr)}`,
        requests: emulator.requests.length,
      });
    });
  });

  it("docs/reliability.md shows these results", async () => {
    writeResults("bad-input", rows);
    await expectReportCurrent();
  });
});
