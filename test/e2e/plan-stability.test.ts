import { readdirSync, renameSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataResource, TerraformStack } from "cdktf";
import { DisasterRecoveryStart, DisasterRecoveryStartProps } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, synthWorkspace, terraform } from "../support/terraform";
import { QUICK_WAIT, apply, credentialsOf, emulatorTarget, resynth } from "./e2e-workspace";

// Issue 12: changing how a start waits, or upgrading the library, must not touch later steps.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

/** A start and a later step that is replaced whenever the start's DR id output changes. */
function buildStack(stack: TerraformStack, options: Partial<DisasterRecoveryStartProps>): void {
  const start = new DisasterRecoveryStart(stack, "start-dr", {
    ...emulatorTarget(emulator, DR_ID),
    ...QUICK_WAIT,
    ...options,
  });
  new DataResource(stack, "downstream", {
    input: { dr: start.disasterRecoveryId },
    triggersReplace: [start.disasterRecoveryId],
  });
}

/** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
function plan(): Promise<{ code: number; output: string }> {
  return terraform(
    workspace,
    ["plan", "-detailed-exitcode", "-input=false"],
    credentialsOf(emulator),
  );
}

// A library upgrade ships a different runtime bundle: the asset's hash, folder and command change.
function simulateNewRuntimeAsset(): void {
  const assets = join(workspace.stackDir, "assets", "DwsDrRuntime");
  const [hash] = readdirSync(assets);
  const upgraded = "0".repeat(32);
  renameSync(join(assets, hash), join(assets, upgraded));
  const config = join(workspace.stackDir, "cdk.tf.json");
  writeFileSync(config, readFileSync(config, "utf8").replaceAll(hash, upgraded));
}

beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
  workspace = synthWorkspace("plan-stability", (stack) => buildStack(stack, {}));
  const first = await initAndApply(workspace, credentialsOf(emulator));
  if (first.code !== 0) throw new Error(`first apply failed:\n${first.output}`);
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

it("plans no change at all when timeout, pollInterval and wait change and the runtime asset is new", async () => {
  // GIVEN the applied stack, WHEN the user changes how the start waits and upgrades the library
  resynth(workspace, (stack) =>
    buildStack(stack, { timeout: "45m", pollInterval: "5s", wait: false }),
  );
  simulateNewRuntimeAsset();
  const { code, output } = await plan();

  // THEN nothing is replaced or destroyed: the DR id stays known at plan
  expect({ code, output }).toMatchObject({ code: 0 });
  expect(output).toMatch(/No changes/);
  expect(output).not.toMatch(/destroy|replace/i);
  expect(emulator.actionRequests("start")).toHaveLength(1);
});

it("does plan a replacement of the start and the later step for a new revision (the control)", async () => {
  // GIVEN / WHEN
  resynth(workspace, (stack) => buildStack(stack, { revision: "2" }));
  const { code, output } = await plan();

  // THEN the test above could have seen a change
  expect(code).toBe(2);
  // (the start's run trigger changes in place; the start and the later step are replaced)
  expect(output).toMatch(/Plan: 2 to add, 1 to change, 2 to destroy/);
});

it("applies the upgraded configuration without running anything again, and leaks no secret", async () => {
  // GIVEN / WHEN
  resynth(workspace, (stack) => buildStack(stack, { timeout: "45m" }));
  const applied = await apply(workspace, credentialsOf(emulator));

  // THEN
  expect(applied.code).toBe(0);
  expect(applied.output).toMatch(/0 added, 0 changed, 0 destroyed/);
  expect(emulator.actionRequests("start")).toHaveLength(1);
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
});
