import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DisasterRecoveryStart, ResourceKind } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { runProcess } from "../support/process";
import { TerraformWorkspace, synthWorkspace } from "../support/terraform";
import { emulatorTarget } from "./e2e-workspace";

// The null provider comes from the Terraform registry, which these machines cannot reach, so a
// null_resource cannot be applied here. Instead this runs exactly what Terraform would: the
// synthesized local-exec command, in the stack directory, with its environment merged onto ours.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
  workspace = synthWorkspace("null-kind", (stack) => {
    new DisasterRecoveryStart(stack, "start-dr", {
      ...emulatorTarget(emulator, DR_ID),
      pollInterval: "500ms",
      resourceKind: ResourceKind.NULL_RESOURCE,
    });
  });
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

it("starts the DR when its synthesized local-exec runs the way Terraform runs it", async () => {
  // GIVEN the provisioner exactly as synthesized
  const config = JSON.parse(readFileSync(join(workspace.stackDir, "cdk.tf.json"), "utf8"));
  const [resource] = Object.entries(config.resource.null_resource)
    .filter(([name]) => !name.includes("_run-trigger_"))
    .map(([, body]) => body) as Array<{
    provisioner: Array<{ "local-exec": { command: string; environment: Record<string, string> } }>;
  }>;
  const { command, environment } = resource.provisioner[0]["local-exec"];

  // WHEN it runs through /bin/sh in the stack directory, as local-exec does
  const { code } = await runProcess("/bin/sh", ["-c", command], {
    cwd: workspace.stackDir,
    env: {
      PATH: process.env.PATH,
      HUAWEICLOUD_SDK_AK: emulator.accessKey,
      HUAWEICLOUD_SDK_SK: emulator.secretKey,
      ...environment,
    },
  });

  // THEN the DR was started once and is running
  expect(code).toBe(0);
  expect(emulator.actionRequests("start", DR_ID)).toHaveLength(1);
  expect(emulator.getTask(DR_ID)?.status).toBe("running");
});
