import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataResource, TerraformVariable } from "cdktf";
import { DisasterRecoveryStart } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import {
  TerraformWorkspace,
  initAndApply,
  readState,
  statePath,
  synthWorkspace,
  terraform,
} from "../support/terraform";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { QUICK_WAIT, emulatorTarget } from "./e2e-workspace";

// One stack, applied again and again as a user's pipeline would: each test builds on the state
// the previous one left, so they run in order.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const OUTPUT = "start-dr_disaster_recovery_id";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;
// The later step appends "<epoch ms> <dr id>" here each time it runs.
const markFile = join(tmpdir(), `dr-e2e-${process.pid}.marks`);

/** Terraform's environment: the credentials, plus stray DWS_DR_* values the construct must override. */
function tfEnv(revision: string): Record<string, string> {
  return {
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
    DWS_DR_TIMEOUT: "1ms",
    DWS_DR_DISASTER_RECOVERY_ID: "00000000-0000-4000-8000-000000000000",
    TF_VAR_revision: revision,
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 1000 });
  workspace = synthWorkspace("dr-e2e", (stack) => {
    const revision = new TerraformVariable(stack, "revision", { type: "string", default: "1" });
    const clustersReady = new DataResource(stack, "clusters-ready", { input: { ready: true } });
    const start = new DisasterRecoveryStart(stack, "start-dr", {
      ...emulatorTarget(emulator, DR_ID),
      ...QUICK_WAIT,
      revision: revision.stringValue,
      dependsOn: [clustersReady],
    });
    // A later step that records when it ran; it references the id token, so it must run after.
    new DataResource(stack, "after-start", {
      input: { dr: start.disasterRecoveryId },
      triggersReplace: [start.runId],
      provisioners: [
        {
          type: "local-exec",
          command: `node -e 'require("fs").appendFileSync(process.env.MARK_FILE, Date.now() + " " + process.env.DR + "\\n")'`,
          environment: { MARK_FILE: markFile, DR: start.disasterRecoveryId },
        },
      ],
    });
  });
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
  rmSync(markFile, { force: true });
});

function marks(): Array<{ at: number; dr: string }> {
  if (!existsSync(markFile)) return [];
  return readFileSync(markFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [at, dr] = line.split(" ");
      return { at: Number(at), dr };
    });
}

function whenRunning(): number[] {
  return (emulator.getTask(DR_ID)?.statusHistory ?? [])
    .filter((change) => change.status === "running")
    .map((change) => change.at);
}

describe("DisasterRecoveryStart applied with real Terraform against the emulator", () => {
  it("starts the DR on apply, outputs the returned id, and sends exactly one start", async () => {
    const apply = await initAndApply(workspace, tfEnv("1"));

    expect(apply.code).toBe(0);
    expect(readState(workspace).outputs[OUTPUT].value).toBe(DR_ID);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    expect(emulator.actionRequests("start", DR_ID)).toHaveLength(1);
  });

  it("ran the step that references the id only after the DR was running", () => {
    const [mark] = marks();
    expect(mark.dr).toBe(DR_ID);
    expect(mark.at).toBeGreaterThanOrEqual(whenRunning()[0]);
  });

  it("changes nothing and sends no start on a second apply", async () => {
    const apply = await terraform(
      workspace,
      ["apply", "-auto-approve", "-input=false"],
      tfEnv("1"),
    );

    expect(apply.code).toBe(0);
    expect(apply.output).toMatch(/No changes/);
    expect(emulator.actionRequests("start")).toHaveLength(1);
  });

  it("runs the start again, and the later step after it, for a new revision", async () => {
    // GIVEN the DR was stopped since
    emulator.setStatus(DR_ID, "stopped");
    // WHEN
    const apply = await terraform(
      workspace,
      ["apply", "-auto-approve", "-input=false"],
      tfEnv("2"),
    );
    // THEN
    expect(apply.code).toBe(0);
    expect(emulator.actionRequests("start")).toHaveLength(2);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    expect(marks()).toHaveLength(2);
    expect(marks()[1].at).toBeGreaterThanOrEqual(whenRunning()[1]);
  });

  it("fails the apply when the DR ends in a failed status, taints the resource, and recovers on the next apply", async () => {
    // GIVEN the DR is stopped and the next start will end in start_failed
    emulator.setStatus(DR_ID, "stopped");
    emulator.failNextAction(DR_ID, "start", "start_failed");
    // WHEN a new revision is applied
    const failed = await terraform(
      workspace,
      ["apply", "-auto-approve", "-input=false"],
      tfEnv("3"),
    );
    // THEN the apply fails loudly and the start resource is tainted
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/start_failed/);
    const startResource = readState(workspace).resources.find(
      (r) =>
        r.type === "terraform_data" &&
        !r.name.includes("_run-trigger_") &&
        r.instances[0]?.attributes.input !== undefined &&
        JSON.stringify(r.instances[0].attributes.input).includes('"action"'),
    );
    expect(startResource?.instances[0].status).toBe("tainted");

    // WHEN the cause is gone (the failure was one-shot) and the same configuration is applied again
    const retried = await terraform(
      workspace,
      ["apply", "-auto-approve", "-input=false"],
      tfEnv("3"),
    );
    // THEN it succeeds
    expect(retried.code).toBe(0);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    expect(readState(workspace).outputs[OUTPUT].value).toBe(DR_ID);
  });

  it("leaves no credential in the synthesized files, the state or the logs", () => {
    // the outdir holds the synthesized JSON, the asset and the state file
    expectNoSecrets(
      [
        ...fileArtefacts(workspace.outdir),
        { name: "terraform log", text: workspace.log.join("\n") },
      ],
      accountSecrets(emulator),
    );
    expect(readFileSync(statePath(workspace), "utf8")).toContain(DR_ID);
    expect(workspace.log.join("\n")).toMatch(/\[dws-dr\] start/);
  });
});
