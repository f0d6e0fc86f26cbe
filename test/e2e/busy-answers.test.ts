import { DisasterRecoveryFailover, DisasterRecoverySwitchover } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { pairsSeed, standbyOf } from "../support/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, synthWorkspace } from "../support/terraform";
import { apply, credentialsOf } from "./e2e-workspace";

// The service answers 409 DWS.0011 (another operation is running) and 403 DWS.7023 (the status
// does not allow the operation) when something else is moving the DR. During a Terraform run a
// role swap answered busy is never sent again on a status read after it (issue #22: the read
// may be stale, the other operation may have been the same swap): the apply fails loudly, naming
// the other operation, and the next apply, on a fresh status, swaps exactly once.
const SWITCHOVER_DR = "22222222-0000-4000-8000-000000000001";
const FAILOVER_DR = "22222222-0000-4000-8000-000000000002";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  emulator = await startEmulator({
    transitionMs: 500,
    seed: pairsSeed("BUSYACCESSKEY0000001", "busy-secret-key-0123456789abcdefghijklmnop", [
      [SWITCHOVER_DR, "running"],
      [FAILOVER_DR, "running"],
    ]),
  });
  workspace = synthWorkspace("busy", (stack) => {
    const common = {
      projectId: emulator.projectId,
      endpoint: emulator.endpoint,
      pollInterval: "1s",
    };
    new DisasterRecoverySwitchover(stack, "switchover", {
      ...common,
      disasterRecoveryId: SWITCHOVER_DR,
      primaryClusterId: standbyOf(SWITCHOVER_DR),
    });
    new DisasterRecoveryFailover(stack, "failover", {
      ...common,
      disasterRecoveryId: FAILOVER_DR,
      primaryClusterId: standbyOf(FAILOVER_DR),
      acknowledgeDataLoss: true,
      revision: "INC-1",
    });
  });
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

it("a 409 DWS.0011 on the switchover and a 403 DWS.7023 on the failover fail the apply loudly; the next apply swaps each once", async () => {
  // GIVEN the service is busy when each action first arrives
  emulator.injectFault({
    match: { action: "switchover" },
    status: 409,
    body: {
      error_code: "DWS.0011",
      error_msg: "Another operation is being performed on the instance. Try again later.",
    },
  });
  emulator.injectFault({
    match: { action: "failover" },
    status: 403,
    body: { error_code: "DWS.7023", error_msg: "Cluster status is not allowed to operation." },
  });

  // WHEN the stack is applied
  const refused = await initAndApply(workspace, credentialsOf(emulator));

  // THEN it fails, saying another operation acted on each DR, and nothing was sent again
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/switchover of DR .* another operation acted on the DR/);
  expect(refused.output).toMatch(/failover of DR .* another operation acted on the DR/);
  expect(emulator.actionRequests("switchover", SWITCHOVER_DR)).toHaveLength(1);
  expect(emulator.actionRequests("failover", FAILOVER_DR)).toHaveLength(1);

  // WHEN the apply runs again, THEN it succeeds; each DR was swapped exactly once
  const applied = await apply(workspace, credentialsOf(emulator));
  expect({ code: applied.code, tail: applied.output.slice(-3000) }).toMatchObject({ code: 0 });
  for (const [action, id] of [
    ["switchover", SWITCHOVER_DR],
    ["failover", FAILOVER_DR],
  ] as const) {
    const requests = emulator.actionRequests(action, id);
    expect(requests.map((r) => r.responseStatus)).toEqual([
      action === "switchover" ? 409 : 403,
      200,
    ]);
    expect(emulator.getTask(id)?.primaryCluster.id).toBe(standbyOf(id));
    expect(emulator.getTask(id)?.status).toBe("running");
  }
  expect(refused.output).toMatch(/DWS\.0011/);
  expect(refused.output).toMatch(/DWS\.7023/);
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
});
