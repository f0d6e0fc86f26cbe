import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { DisasterRecoveryRunbook, DisasterRecoveryStart } from "../../lib";
import type { RunningEmulator } from "../../lib/emulator";
import { initAndApply } from "../support/terraform";

// What the language tests share about the README's runbook app (examples/python/main.py,
// examples/go/main.go): the emulator's DR task it runs against, and the messages TypeScript users
// get for the mistakes the tests make in the other languages.

/** The project the emulator is seeded with. */
export const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
/** The DR task the app runs. */
export const DR_ID = "3f6c1d2e-8a9b-4c0d-9e1f-2a3b4c5d6e7f";
/** The cluster primary before the runbook, and again after its failover. */
export const PRODUCTION = "aaaaaaaa-1111-4111-8111-111111111111";
/** The cluster the runbook's switchover makes primary. */
export const STANDBY = "bbbbbbbb-2222-4222-8222-222222222222";

/** The message TypeScript users get for the failover of the app without its acknowledgement. */
export function typescriptRefusal(): string {
  const stack = new TerraformStack(Testing.app(), "dr");
  const runbook = new DisasterRecoveryRunbook(stack, "dr", {
    projectId: PROJECT_ID,
    disasterRecoveryId: DR_ID,
    endpoint: "http://127.0.0.1:1",
  });
  runbook.start("start");
  runbook.switchover("switch-to-standby", { primaryClusterId: STANDBY });
  try {
    runbook.failover("incident-failover", { primaryClusterId: PRODUCTION, revision: "INC-4711" });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the failover without acknowledgement was not refused");
}

/** The message TypeScript users get for a start with a malformed project id. */
export function typescriptBadProjectId(): string {
  const stack = new TerraformStack(Testing.app(), "dr");
  try {
    new DisasterRecoveryStart(stack, "bad", {
      projectId: "abc",
      disasterRecoveryId: DR_ID,
      region: "cn-north-4",
    });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the malformed project id was not refused");
}

/** Applies, with Terraform against the emulator, the stack the app synthesized in `dir`. */
export function applyAppStack(dir: string, emulator: RunningEmulator) {
  const workspace = {
    outdir: join(dir, "cdktf.out"),
    stackDir: join(dir, "cdktf.out", "stacks", "dr"),
    log: [],
    remove: () => undefined,
  };
  return initAndApply(workspace, {
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
  });
}

/**
 * The runbook's outcome held: the switchover made the standby primary (the runtime waited for
 * it), then the failover, armed with its revision, made production primary again.
 */
export function expectProductionPrimaryAgain(emulator: RunningEmulator): void {
  const task = emulator.getTask(DR_ID)!;
  const roles = Object.fromEntries(
    [task.primaryCluster, task.standbyCluster].map((cluster) => [cluster.id, cluster.role]),
  );
  expect(task.status).toBe("running");
  expect(roles).toEqual({ [PRODUCTION]: "primary", [STANDBY]: "standby" });
}

/** The environment an app runs in: the settings it reads, and `node` for the jsii runtime. */
export function appEnv(emulator: RunningEmulator): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, // the jsii runtime starts `node`
    HOME: process.env.HOME,
    DWS_PROJECT_ID: emulator.projectId,
    DWS_DISASTER_RECOVERY_ID: DR_ID,
    DWS_ENDPOINT: emulator.endpoint,
    DWS_STANDBY_CLUSTER_ID: STANDBY,
    DWS_PRODUCTION_CLUSTER_ID: PRODUCTION,
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1",
  };
}
