import { TerraformVariable } from "cdktf";
import { DisasterRecoveryStart } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { TerraformWorkspace, initAndApply, synthWorkspace } from "../support/terraform";
import { credentialsOf } from "./e2e-workspace";

// A construct value that resolves to "" at apply time (a variable, another resource's output)
// must not be filled in from the CI machine's HW_PROJECT_ID (issue 22): a stray variable there
// would aim the action at another project's DR.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace | undefined;
beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
});
afterAll(async () => {
  await emulator.stop();
  workspace?.remove();
});

test("a projectId that resolves to empty fails the apply naming it, with HW_PROJECT_ID set, and sends nothing", async () => {
  // given a stack whose project id comes from a variable left empty
  workspace = synthWorkspace("empty-project", (stack) => {
    const projectId = new TerraformVariable(stack, "project_id", { type: "string", default: "" });
    new DisasterRecoveryStart(stack, "start-dr", {
      projectId: projectId.stringValue,
      disasterRecoveryId: DR_ID,
      endpoint: emulator.endpoint,
      pollInterval: "500ms",
    });
  });

  // when Terraform runs on a machine whose environment names a project
  const run = await initAndApply(workspace, {
    ...credentialsOf(emulator),
    HW_PROJECT_ID: emulator.projectId,
    HUAWEICLOUD_SDK_PROJECT_ID: emulator.projectId,
  });

  // then
  expect(run.code).not.toBe(0);
  expect(run.output).toContain(
    'projectId: the construct passed an empty value (DWS_DR_PROJECT_ID is "")',
  );
  expect(emulator.requests).toEqual([]);
}, 120_000);
