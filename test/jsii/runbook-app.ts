import { TerraformStack, Testing } from "cdktf";
import { DisasterRecoveryRunbook, DisasterRecoveryStart } from "../../lib";

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
