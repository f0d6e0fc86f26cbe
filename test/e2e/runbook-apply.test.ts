import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataResource, ITerraformDependable, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryRunbook } from "../../lib";
import { ACTION_RULES, DR_ACTIONS, DrAction } from "../../lib/api";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { seedOf } from "../support/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import {
  TerraformWorkspace,
  initAndApply,
  readState,
  synthWorkspace,
  terraform,
} from "../support/terraform";
import { credentialsOf } from "./e2e-workspace";

// Every action, applied in one runbook by real Terraform against the emulator: start, a planned
// switchover after a release step, a failover back, a recovery, then a pause.
const DR_ID = "5d0e3c1a-7b2f-4e8d-9c6a-1f2e3d4c5b6a";
const PRIMARY = "aaaaaaaa-1111-4111-8111-111111111111";
const STANDBY = "bbbbbbbb-2222-4222-8222-222222222222";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;
// Infrastructure stand-ins append "<name> <epoch ms>" here when Terraform creates them.
const markFile = join(tmpdir(), `dr-runbook-${process.pid}.marks`);

function markingResource(
  scope: Construct,
  name: string,
  dependsOn: ITerraformDependable[] = [],
): DataResource {
  return new DataResource(scope, name, {
    input: { name },
    dependsOn,
    provisioners: [
      {
        type: "local-exec",
        command: `node -e 'require("fs").appendFileSync(process.env.MARK_FILE, process.env.NAME + " " + Date.now() + "\\n")'`,
        environment: { MARK_FILE: markFile, NAME: name },
      },
    ],
  });
}

function markedAt(name: string): number {
  const line = readFileSync(markFile, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name} `));
  if (!line) throw new Error(`${name} never ran`);
  return Number(line.split(" ")[1]);
}

/** The accepted action requests on the DR, oldest first. */
function acceptedActions(): Array<{ action: DrAction; at: number }> {
  return emulator.requests
    .filter((r) => r.disasterRecoveryId === DR_ID && r.action && r.responseStatus === 200)
    .map((r) => ({ action: r.action as DrAction, at: r.at }));
}

/** When the DR first settled in `status` at or after `since`, having left it first. */
function settledAt(status: string, since: number): number {
  const history = emulator.getTask(DR_ID)!.statusHistory.filter((change) => change.at >= since);
  const moving = history.findIndex((change) => change.status !== status);
  const settled = history.slice(moving).find((change) => change.status === status);
  if (!settled) throw new Error(`DR never settled in ${status} after ${since}`);
  return settled.at;
}

beforeAll(async () => {
  emulator = await startEmulator({
    transitionMs: 400,
    seed: seedOf("RUNBOOKACCESSKEY0001", "runbook-secret-key-0123456789abcdefghijkl", [
      { id: DR_ID, status: "unstart", primaryClusterId: PRIMARY, standbyClusterId: STANDBY },
    ]),
  });
  workspace = synthWorkspace("runbook", (stack) => {
    const clustersReady = markingResource(stack, "clusters-ready");
    const runbook = new DisasterRecoveryRunbook(stack, "dr", {
      projectId: emulator.projectId,
      disasterRecoveryId: DR_ID,
      endpoint: emulator.endpoint,
      dependsOn: [clustersReady],
    });
    const step = { pollInterval: "1s", timeout: "2m" };
    const start = runbook.start("start", step);
    // The release runs after the start, and the switchover waits for it as well.
    const release = markingResource(stack, "release", [start]);
    const switchover = runbook.switchover("after-release", {
      ...step,
      primaryClusterId: STANDBY,
      after: [release],
    });
    const failover = runbook.failover("incident", {
      ...step,
      primaryClusterId: PRIMARY,
      acknowledgeDataLoss: true,
      revision: "INC-1",
    });
    runbook.recovery("re-establish", { ...step, acknowledgeDataLoss: true, revision: "INC-1" });
    runbook.pause("maintenance", step);
    new TerraformOutput(stack, "primary_after_switchover", {
      value: switchover.primaryClusterId,
    }).overrideLogicalId("primary_after_switchover");
    new TerraformOutput(stack, "primary_after_failover", {
      value: failover.primaryClusterId,
    }).overrideLogicalId("primary_after_failover");
  });
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
  rmSync(markFile, { force: true });
});

describe("a runbook of every action, applied with real Terraform", () => {
  it("runs every step once, in the declared order, each after the previous one settled", async () => {
    // WHEN
    const applied = await initAndApply(workspace, credentialsOf(emulator));

    // THEN each action was sent once, in order
    expect({ code: applied.code, tail: applied.output.slice(-3000) }).toMatchObject({ code: 0 });
    const sent = acceptedActions();
    expect(sent.map((entry) => entry.action)).toEqual([
      "start",
      "switchover",
      "failover",
      "recovery",
      "pause",
    ]);
    // ... each only after the previous one reached its target status
    for (let i = 1; i < sent.length; i++) {
      const previous = sent[i - 1];
      expect(sent[i].at).toBeGreaterThanOrEqual(
        settledAt(ACTION_RULES[previous.action].target, previous.at),
      );
    }
    expect(emulator.getTask(DR_ID)?.status).toBe("stopped");
    expect(DR_ACTIONS).toHaveLength(sent.length);
  });

  it("ran the first step after the runbook's dependsOn, and the switchover after its after list", () => {
    const [start, switchover] = acceptedActions();
    expect(start.at).toBeGreaterThanOrEqual(markedAt("clusters-ready"));
    expect(markedAt("release")).toBeGreaterThanOrEqual(settledAt("running", start.at));
    expect(switchover.at).toBeGreaterThanOrEqual(markedAt("release"));
  });

  it("outputs every step's DR id and the clusters made primary", () => {
    const { outputs } = readState(workspace);
    for (const stepId of ["start", "after-release", "incident", "re-establish", "maintenance"]) {
      expect(outputs[`dr_${stepId}_disaster_recovery_id`].value).toBe(DR_ID);
    }
    expect(outputs.primary_after_switchover.value).toBe(STANDBY);
    expect(outputs.primary_after_failover.value).toBe(PRIMARY);
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(PRIMARY);
  });

  it("sends nothing on a second apply", async () => {
    const again = await terraform(
      workspace,
      ["apply", "-auto-approve", "-input=false"],
      credentialsOf(emulator),
    );
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/No changes/);
    expect(acceptedActions()).toHaveLength(5);
  });

  it("by default sends nothing to the DR when the stack is destroyed", async () => {
    const destroyed = await terraform(
      workspace,
      ["destroy", "-auto-approve", "-input=false"],
      credentialsOf(emulator),
    );
    expect(destroyed.code).toBe(0);
    expect(acceptedActions()).toHaveLength(5);
    expect(emulator.requests.filter((r) => r.action !== undefined)).toHaveLength(5);
  });

  it("leaves no credential in the synthesized files, the state or the logs", () => {
    expect(existsSync(markFile)).toBe(true);
    expectNoSecrets(
      [
        ...fileArtefacts(workspace.outdir),
        { name: "terraform log", text: workspace.log.join("\n") },
      ],
      accountSecrets(emulator),
    );
  });
});
