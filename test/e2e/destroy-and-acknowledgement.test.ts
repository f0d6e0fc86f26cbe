import {
  DisasterRecoveryFailover,
  DisasterRecoveryFailoverProps,
  DisasterRecoveryStart,
  OnDestroy,
} from "../../lib";
import { TerraformStack, Testing } from "cdktf";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, synthWorkspace, terraform } from "../support/terraform";
import { credentialsOf } from "./e2e-workspace";

// The default seed's task in `stopped`, and the one in `running`.
const STOPPED_DR = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const RUNNING_DR = "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70";

let emulator: RunningEmulator;
const workspaces: TerraformWorkspace[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
});

afterAll(async () => {
  await emulator?.stop();
  for (const workspace of workspaces) workspace.remove();
});

function scanForSecrets(workspace: TerraformWorkspace): void {
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
}

describe('onDestroy: "pause"', () => {
  it("destroying the start sends exactly one pause and leaves the DR stopped", async () => {
    // GIVEN a start that pauses on destroy, applied
    const workspace = synthWorkspace("on-destroy", (stack) => {
      new DisasterRecoveryStart(stack, "start-dr", {
        projectId: emulator.projectId,
        disasterRecoveryId: STOPPED_DR.toUpperCase(), // normalised, and read back from self
        endpoint: emulator.endpoint,
        pollInterval: "1s",
        timeout: "2m",
        onDestroy: OnDestroy.PAUSE,
      });
    });
    workspaces.push(workspace);
    const applied = await initAndApply(workspace, credentialsOf(emulator));
    expect(applied.code).toBe(0);
    expect(emulator.getTask(STOPPED_DR)?.status).toBe("running");
    expect(emulator.actionRequests("pause")).toHaveLength(0);

    // WHEN the stack is destroyed
    const destroyed = await terraform(
      workspace,
      ["destroy", "-auto-approve", "-input=false"],
      credentialsOf(emulator),
    );

    // THEN one pause went to that DR, and the destroy waited for it to stop
    expect({ code: destroyed.code, tail: destroyed.output.slice(-2000) }).toMatchObject({
      code: 0,
    });
    expect(emulator.actionRequests("pause")).toHaveLength(1);
    expect(emulator.actionRequests("pause", STOPPED_DR)).toHaveLength(1);
    expect(emulator.getTask(STOPPED_DR)?.status).toBe("stopped");
    expect(destroyed.output).toMatch(/\[dws-dr\] pause/);
    scanForSecrets(workspace);
  });
});

describe("acknowledgeDataLoss", () => {
  it("a failover declared without it fails synth, and nothing is sent", () => {
    // GIVEN a running DR and a failover that does not acknowledge the data loss
    const props = {
      projectId: emulator.projectId,
      disasterRecoveryId: RUNNING_DR,
      endpoint: emulator.endpoint,
      primaryClusterId: emulator.getTask(RUNNING_DR)!.standbyCluster.id,
    } as DisasterRecoveryFailoverProps;
    const before = emulator.requests.length;

    // WHEN the stack is synthesized / THEN it fails naming the prop, and the service saw nothing
    const stack = new TerraformStack(Testing.app(), "no-ack");
    expect(() => new DisasterRecoveryFailover(stack, "failover", props)).toThrow(
      /^no-ack\/failover: acknowledgeDataLoss: DisasterRecoveryFailover requires acknowledgeDataLoss: true/,
    );
    expect(emulator.requests.length).toBe(before);
    expect(emulator.getTask(RUNNING_DR)?.status).toBe("running");
  });
});
