import { TerraformStack } from "cdktf";
import { DataPlatform } from "../../examples/data-platform";
import { IncidentFailover } from "../../examples/incident-failover";
import { PlannedSwitchover } from "../../examples/planned-switchover";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { pairsSeed, standbyOf } from "../support/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, readState, synthWorkspace } from "../support/terraform";
import { apply, credentialsOf, resynth } from "./e2e-workspace";

// The examples, applied with real Terraform against the emulator.
const SWITCHOVER_DR = "33333333-0000-4000-8000-000000000001";
const FAILOVER_DR = "33333333-0000-4000-8000-000000000002";
const SALES_DR = "33333333-0000-4000-8000-000000000003";
const FINANCE_DR = "33333333-0000-4000-8000-000000000004";

let emulator: RunningEmulator;
const workspaces: TerraformWorkspace[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    transitionMs: 300,
    seed: pairsSeed("EXAMPLESACCESSKEY001", "examples-secret-key-0123456789abcdefghijk", [
      [SWITCHOVER_DR, "unstart"],
      [FAILOVER_DR, "running"],
      [SALES_DR, "unstart"],
      [FINANCE_DR, "stopped"],
    ]),
  });
});

afterAll(async () => {
  await emulator?.stop();
  for (const workspace of workspaces) workspace.remove();
});

function track(workspace: TerraformWorkspace): TerraformWorkspace {
  workspaces.push(workspace);
  return workspace;
}

function accepted(action: "start" | "switchover" | "failover", id: string): number {
  return emulator.actionRequests(action, id).filter((r) => r.responseStatus === 200).length;
}

function expectNoSecretsIn(workspace: TerraformWorkspace): void {
  expectNoSecrets(
    [...fileArtefacts(workspace.outdir), { name: "terraform log", text: workspace.log.join("\n") }],
    accountSecrets(emulator),
  );
}

it("planned switchover: starts the DR, runs the release, then makes the standby primary", async () => {
  const workspace = track(
    synthWorkspace("planned-switchover", (stack) => {
      new PlannedSwitchover(stack, "orders", {
        projectId: emulator.projectId,
        disasterRecoveryId: SWITCHOVER_DR,
        standbyClusterId: standbyOf(SWITCHOVER_DR),
        endpoint: emulator.endpoint,
      });
    }),
  );

  const applied = await initAndApply(workspace, credentialsOf(emulator));

  expect({ code: applied.code, tail: applied.output.slice(-2000) }).toMatchObject({ code: 0 });
  expect([accepted("start", SWITCHOVER_DR), accepted("switchover", SWITCHOVER_DR)]).toEqual([1, 1]);
  expect(emulator.getTask(SWITCHOVER_DR)?.primaryCluster.id).toBe(standbyOf(SWITCHOVER_DR));
  expectNoSecretsIn(workspace);
});

it("incident failover: declared but disarmed without an incident, one failover for the first, none sent for the next", async () => {
  const build = (incident?: string) => (stack: TerraformStack) => {
    new IncidentFailover(stack, "billing", {
      projectId: emulator.projectId,
      disasterRecoveryId: FAILOVER_DR,
      standbyClusterId: standbyOf(FAILOVER_DR),
      endpoint: emulator.endpoint,
      incident,
    });
  };
  // GIVEN the stack deployed with no incident declared: the failover is there, disarmed
  const workspace = track(synthWorkspace("incident-failover", build()));
  expect((await initAndApply(workspace, credentialsOf(emulator))).code).toBe(0);
  expect(accepted("failover", FAILOVER_DR)).toBe(0);

  // WHEN an incident is declared, THEN the failover fires once
  resynth(workspace, build("INC-2041"));
  const fired = await apply(workspace, credentialsOf(emulator));
  expect({ code: fired.code, tail: fired.output.slice(-2000) }).toMatchObject({ code: 0 });
  expect(accepted("failover", FAILOVER_DR)).toBe(1);
  expect(emulator.getTask(FAILOVER_DR)?.primaryCluster.id).toBe(standbyOf(FAILOVER_DR));

  // WHEN a new incident (a new revision) is declared while the standby is already primary
  resynth(workspace, build("INC-2042"));
  const again = await apply(workspace, credentialsOf(emulator));

  // THEN the resource is replaced (its run trigger changed in place), yet nothing is sent: the
  // outcome already holds
  expect(again.code).toBe(0);
  expect(again.output).toMatch(/1 added, 1 changed, 1 destroyed/);
  expect(accepted("failover", FAILOVER_DR)).toBe(1);
  expect(emulator.getTask(FAILOVER_DR)?.primaryCluster.id).toBe(standbyOf(FAILOVER_DR));
  expectNoSecretsIn(workspace);
});

it("a platform construct of one's own, instantiated twice in one stack, deploys both", async () => {
  const workspace = track(
    synthWorkspace("platforms", (stack) => {
      for (const [id, dr] of [
        ["sales", SALES_DR],
        ["finance", FINANCE_DR],
      ]) {
        new DataPlatform(stack, id, {
          projectId: emulator.projectId,
          disasterRecoveryId: dr,
          endpoint: emulator.endpoint,
        });
      }
    }),
  );

  const applied = await initAndApply(workspace, credentialsOf(emulator));

  expect({ code: applied.code, tail: applied.output.slice(-2000) }).toMatchObject({ code: 0 });
  const { outputs } = readState(workspace);
  expect(outputs.sales_dr_start_disaster_recovery_id.value).toBe(SALES_DR);
  expect(outputs.finance_dr_start_disaster_recovery_id.value).toBe(FINANCE_DR);
  for (const dr of [SALES_DR, FINANCE_DR]) {
    expect(accepted("start", dr)).toBe(1);
    expect(emulator.getTask(dr)?.status).toBe("running");
  }
  expectNoSecretsIn(workspace);
});
