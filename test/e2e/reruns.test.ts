import { TerraformVariable } from "cdktf";
import { DisasterRecoveryFailover, DisasterRecoverySwitchover } from "../../lib";
import { RunningEmulator, SeedTask, startEmulator } from "../../lib/emulator";
import { waitFor } from "../support/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import {
  TerraformWorkspace,
  initAndApply,
  readState,
  startTerraform,
  synthWorkspace,
  terraform,
} from "../support/terraform";
import { actionAddress, apply, credentialsOf } from "./e2e-workspace";

// A switchover or failover stated as its outcome (primaryClusterId) is run again by Terraform
// after a timeout (taint), a manual taint and an interrupted apply; each time the DR must end
// with that cluster primary after exactly one action sent in all.
type RoleSwap = "switchover" | "failover";

const TASKS = {
  switchoverTimeout: "11111111-0000-4000-8000-000000000001",
  switchoverInterrupt: "11111111-0000-4000-8000-000000000002",
  failoverTimeout: "11111111-0000-4000-8000-000000000003",
  failoverInterrupt: "11111111-0000-4000-8000-000000000004",
};
// Long enough for a 1s timeout to expire and for an interrupt to land mid-action.
const SWAP_MS = 3000;

let emulator: RunningEmulator;
const workspaces: TerraformWorkspace[] = [];

function primaryOf(id: string): string {
  return `aaaaaaaa-0000-4000-8000-${id.slice(-12)}`;
}
function standbyOf(id: string): string {
  return `bbbbbbbb-0000-4000-8000-${id.slice(-12)}`;
}

beforeAll(async () => {
  const tasks: SeedTask[] = Object.values(TASKS).map((id) => ({
    id,
    status: "running",
    primaryClusterId: primaryOf(id),
    standbyClusterId: standbyOf(id),
  }));
  emulator = await startEmulator({
    transitionMsByAction: { switchover: SWAP_MS, failover: SWAP_MS },
    transitionMs: 300,
    seed: {
      projectId: "89cd04f168b84af6be287f71730fdb4b",
      accessKey: "RERUNSACCESSKEY00001",
      secretKey: "reruns-secret-key-0123456789abcdefghijklm",
      tasks,
    },
  });
});

afterAll(async () => {
  await emulator?.stop();
  for (const workspace of workspaces) workspace.remove();
});

/** A stack with one role swap making the DR's standby primary; its timeout is a variable. */
function swapWorkspace(action: RoleSwap, drId: string): TerraformWorkspace {
  const workspace = synthWorkspace(`${action}-${drId.slice(-1)}`, (stack) => {
    const timeout = new TerraformVariable(stack, "timeout", { type: "string", default: "2m" });
    const props = {
      projectId: emulator.projectId,
      disasterRecoveryId: drId,
      endpoint: emulator.endpoint,
      primaryClusterId: standbyOf(drId),
      timeout: timeout.stringValue,
      pollInterval: "1s",
    };
    if (action === "switchover") new DisasterRecoverySwitchover(stack, action, props);
    else {
      new DisasterRecoveryFailover(stack, action, {
        ...props,
        acknowledgeDataLoss: true,
        revision: "INC-1",
      });
    }
  });
  workspaces.push(workspace);
  return workspace;
}

function sent(action: RoleSwap, drId: string): number {
  return emulator.actionRequests(action, drId).filter((r) => r.responseStatus === 200).length;
}

function expectStandbyNowPrimary(drId: string): void {
  const task = emulator.getTask(drId);
  expect(task?.status).toBe("running");
  expect(task?.primaryCluster.id).toBe(standbyOf(drId));
  expect(task?.standbyCluster.id).toBe(primaryOf(drId));
}

function expectNoSecretsIn(workspace: TerraformWorkspace): void {
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
}

describe.each<[RoleSwap, string, string]>([
  ["switchover", TASKS.switchoverTimeout, TASKS.switchoverInterrupt],
  ["failover", TASKS.failoverTimeout, TASKS.failoverInterrupt],
])("a %s re-run by Terraform", (action, timeoutTask, interruptTask) => {
  let workspace: TerraformWorkspace;

  it("after a timeout: the tainted resource's re-run waits for the swap under way and sends nothing", async () => {
    // GIVEN an apply that times out while the swap is under way (exit 6 taints the resource)
    workspace = swapWorkspace(action, timeoutTask);
    const timedOut = await initAndApply(workspace, {
      ...credentialsOf(emulator),
      TF_VAR_timeout: "1s",
    });
    expect(timedOut.code).not.toBe(0);
    expect(timedOut.output).toMatch(/timed out/i);
    expect(sent(action, timeoutTask)).toBe(1);

    // WHEN the pipeline applies again with a longer timeout
    const again = await apply(workspace, { ...credentialsOf(emulator), TF_VAR_timeout: "2m" });

    // THEN the resource is replaced, and the DR swapped once: the standby is primary
    expect({ code: again.code, tail: again.output.slice(-2000) }).toMatchObject({ code: 0 });
    expect(again.output).toMatch(/1 added, 0 changed, 1 destroyed/);
    expect(sent(action, timeoutTask)).toBe(1);
    expectStandbyNowPrimary(timeoutTask);
  });

  it("after a taint: the replaced resource finds its cluster primary and sends nothing", async () => {
    // GIVEN the applied swap, tainted by hand
    const taint = await terraform(workspace, ["taint", actionAddress(workspace, action)], {});
    expect(taint.code).toBe(0);

    // WHEN applied again
    const again = await apply(workspace, credentialsOf(emulator));

    // THEN
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/1 added, 0 changed, 1 destroyed/);
    expect(sent(action, timeoutTask)).toBe(1);
    expectStandbyNowPrimary(timeoutTask);
    expect(readState(workspace).outputs[`${action}_disaster_recovery_id`].value).toBe(timeoutTask);
    expectNoSecretsIn(workspace);
  });

  it("after an interrupted apply: the next apply finishes the swap without sending another", async () => {
    // GIVEN an apply interrupted (Ctrl-C) once the service accepted the swap
    const interrupted = swapWorkspace(action, interruptTask);
    const init = await terraform(interrupted, ["init", "-input=false"], {});
    expect(init.code).toBe(0);
    const run = startTerraform(
      interrupted,
      ["apply", "-auto-approve", "-input=false"],
      credentialsOf(emulator),
    );
    await waitFor(() => sent(action, interruptTask) === 1, `the ${action} to be sent`, 60_000);
    process.kill(-run.pid, "SIGINT");
    const stopped = await run.finished;
    expect(stopped.code).not.toBe(0);

    // WHEN applied again
    const again = await apply(interrupted, credentialsOf(emulator));

    // THEN exactly one swap was sent in all, and the intended cluster is primary
    expect({ code: again.code, tail: again.output.slice(-2000) }).toMatchObject({ code: 0 });
    expect(sent(action, interruptTask)).toBe(1);
    expectStandbyNowPrimary(interruptTask);
    expectNoSecretsIn(interrupted);
  });
});
