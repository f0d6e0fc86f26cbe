import { TerraformVariable } from "cdktf";
import { DisasterRecoveryRunbook } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, synthWorkspace } from "../support/terraform";
import { apply, credentialsOf } from "./e2e-workspace";

// A re-run of an earlier step replays the runbook from there; a later step whose outcome already
// holds is replaced but sends nothing.
const DR_ID = "44444444-0000-4000-8000-000000000001";
const STANDBY = "bbbbbbbb-0000-4000-8000-000000000001";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  emulator = await startEmulator({
    transitionMs: 300,
    seed: {
      projectId: "89cd04f168b84af6be287f71730fdb4b",
      accessKey: "REPLAYACCESSKEY00001",
      secretKey: "replay-secret-key-0123456789abcdefghijklm",
      tasks: [
        {
          id: DR_ID,
          status: "unstart",
          primaryClusterId: "aaaaaaaa-0000-4000-8000-000000000001",
          standbyClusterId: STANDBY,
        },
      ],
    },
  });
  workspace = synthWorkspace("replay", (stack) => {
    const revision = new TerraformVariable(stack, "start_revision", { type: "string" });
    const runbook = new DisasterRecoveryRunbook(stack, "dr", {
      projectId: emulator.projectId,
      disasterRecoveryId: DR_ID,
      endpoint: emulator.endpoint,
    });
    runbook.start("start", { revision: revision.stringValue, pollInterval: "1s" });
    runbook.switchover("after-release", { primaryClusterId: STANDBY, pollInterval: "1s" });
  });
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

const accepted = (action: "start" | "switchover") =>
  emulator.actionRequests(action, DR_ID).filter((r) => r.responseStatus === 200).length;

it("a new revision of the start re-runs the switchover after it, which sends nothing", async () => {
  // GIVEN the runbook applied once, then the DR paused outside Terraform
  const first = await initAndApply(workspace, {
    ...credentialsOf(emulator),
    TF_VAR_start_revision: "1",
  });
  expect(first.code).toBe(0);
  expect([accepted("start"), accepted("switchover")]).toEqual([1, 1]);
  emulator.setStatus(DR_ID, "stopped");

  // WHEN the start is run again with a new revision
  const again = await apply(workspace, { ...credentialsOf(emulator), TF_VAR_start_revision: "2" });

  // THEN both steps were replaced; the start was sent again, the switchover was not
  expect({ code: again.code, tail: again.output.slice(-2000) }).toMatchObject({ code: 0 });
  // (the start's run trigger changes in place and replaces it, the switchover follows it)
  expect(again.output).toMatch(/2 added, 1 changed, 2 destroyed/);
  expect([accepted("start"), accepted("switchover")]).toEqual([2, 1]);
  expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);
  expect(emulator.getTask(DR_ID)?.status).toBe("running");
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
});
