import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TerraformStack } from "cdktf";
import { DisasterRecoveryStart } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import {
  TerraformRun,
  TerraformWorkspace,
  readState,
  synthStack,
  synthWorkspace,
  terraform,
} from "../support/terraform";

/**
 * Synthesizes a new version of the workspace's stack into the same directory, keeping its state:
 * what a user's next `cdktf deploy` does after a code change. The old synthesized files go first
 * (the assets folder included), as cdktf does.
 */
export function resynth(
  workspace: TerraformWorkspace,
  build: (stack: TerraformStack) => void,
): void {
  const name = workspace.stackDir.split("/").pop() as string;
  for (const entry of ["cdk.tf.json", "assets"]) {
    rmSync(join(workspace.stackDir, entry), { recursive: true, force: true });
  }
  synthStack(workspace.outdir, name, build);
}

/** Where the actions of these tests point: `emulator`'s project and endpoint, DR `drId`. */
export function emulatorTarget(
  emulator: RunningEmulator,
  drId: string,
): { projectId: string; disasterRecoveryId: string; endpoint: string } {
  return { projectId: emulator.projectId, disasterRecoveryId: drId, endpoint: emulator.endpoint };
}

/** How these tests wait for an action: a read every second, two minutes at most. */
export const QUICK_WAIT = { pollInterval: "1s", timeout: "2m" } as const;

/**
 * An emulator whose start takes `startMs`, slow enough to interrupt while it is waited for, and
 * a stack `name` of one start (`start-dr`) on its DR `drId`.
 */
export async function slowStartStack(
  name: string,
  drId: string,
  startMs: number,
): Promise<{ emulator: RunningEmulator; workspace: TerraformWorkspace }> {
  const emulator = await startEmulator({ transitionMs: startMs });
  const workspace = synthWorkspace(name, (stack) => {
    new DisasterRecoveryStart(stack, "start-dr", {
      ...emulatorTarget(emulator, drId),
      ...QUICK_WAIT,
    });
  });
  return { emulator, workspace };
}

/** The environment Terraform runs with: the emulator's credentials, nothing else of ours. */
export function credentialsOf(emulator: RunningEmulator): Record<string, string> {
  return { HUAWEICLOUD_SDK_AK: emulator.accessKey, HUAWEICLOUD_SDK_SK: emulator.secretKey };
}

/** `terraform apply -auto-approve` in the workspace. */
export function apply(
  workspace: TerraformWorkspace,
  env: Readonly<Record<string, string>>,
): Promise<TerraformRun> {
  return terraform(workspace, ["apply", "-auto-approve", "-input=false"], env);
}

/** The terraform_data addresses in the workspace's state whose input names `action`. */
export function actionAddress(workspace: TerraformWorkspace, action: string): string {
  const resource = readState(workspace).resources.find(
    (r) =>
      r.type === "terraform_data" &&
      JSON.stringify(r.instances[0]?.attributes.input).includes(`"action":"${action}"`),
  );
  if (!resource) throw new Error(`no ${action} resource in the state`);
  return `terraform_data.${resource.name}`;
}
