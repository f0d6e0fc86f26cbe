import { DataResource, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  DisasterRecoveryRunbook,
  DisasterRecoveryStart,
  DisasterRecoverySwitchover,
} from "../../lib/constructs";
import { DR_ID, PROJECT_ID, SynthesizedStack, localExec, synthesize } from "./helpers";

const STANDBY = "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
const PRIMARY = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

/** The synthesized terraform_data of a runbook's step, with its resource name. */
function step(json: SynthesizedStack, runbookId: string, stepId: string): SynthesizedStack {
  // cdktf names it from the path <runbook>/<step>/<action>: e.g. dr_after-release_switchover_<hash>
  const name = new RegExp(`^${runbookId}_${stepId}(_[a-z]+)?_[0-9A-F]{8}$`);
  const entries = Object.entries<SynthesizedStack>(json.resource.terraform_data).filter(([key]) =>
    name.test(key),
  );
  if (entries.length !== 1) throw new Error(`no single resource for step ${stepId}`);
  return { name: entries[0][0], ...entries[0][1] };
}

/** The values whose change re-runs a runbook's step: its run trigger's input. */
function runTrigger(json: SynthesizedStack, runbookId: string, stepId: string): SynthesizedStack {
  const name = `${runbookId}_${stepId}_run-trigger_`;
  const entry = Object.entries<SynthesizedStack>(json.resource.terraform_data).find(([key]) =>
    key.startsWith(name),
  );
  if (!entry) throw new Error(`no run trigger for step ${stepId}`);
  return entry[1].input;
}

/** What re-runs a runbook's step besides its run trigger: the steps it follows. */
function rerunsAfter(json: SynthesizedStack, runbookId: string, stepId: string): string[] {
  const own = `terraform_data.${runbookId}_${stepId}_run-trigger_`;
  const triggers: string[] = step(json, runbookId, stepId).lifecycle.replace_triggered_by;
  return triggers.filter((address) => !address.startsWith(own));
}

function runbookIn(stack: Construct, dependsOn = [] as DataResource[]): DisasterRecoveryRunbook {
  return new DisasterRecoveryRunbook(stack, "dr", {
    projectId: PROJECT_ID,
    disasterRecoveryId: DR_ID,
    region: "cn-north-4",
    dependsOn,
  });
}

describe("DisasterRecoveryRunbook", () => {
  test("gives every step the runbook's DR target", () => {
    // given / when
    const json = synthesizeStack((stack) => {
      const runbook = runbookIn(stack);
      runbook.start("start");
      runbook.pause("pause");
    });

    // then
    for (const id of ["start", "pause"]) {
      expect(localExec(step(json, "dr", id)).environment).toMatchObject({
        DWS_DR_PROJECT_ID: PROJECT_ID,
        DWS_DR_DISASTER_RECOVERY_ID: DR_ID,
        DWS_DR_ENDPOINT: "https://dws.cn-north-4.myhuaweicloud.com",
      });
    }
  });

  test("orders the first step after the runbook's dependsOn, and each later step after the previous one and its own after list", () => {
    // given / when
    let release: DataResource | undefined;
    const json = synthesizeStack((stack) => {
      const clusters = new DataResource(stack, "clusters", { input: { ready: true } });
      release = new DataResource(stack, "release", { input: { version: "2.0" } });
      const runbook = runbookIn(stack, [clusters]);
      runbook.start("start");
      runbook.switchover("after-release", { primaryClusterId: STANDBY, after: [release] });
      runbook.switchover("back", { primaryClusterId: PRIMARY });
    });

    // then
    const start = step(json, "dr", "start");
    const switchover = step(json, "dr", "after-release");
    const back = step(json, "dr", "back");
    expect(start.depends_on).toEqual(["terraform_data.clusters"]);
    expect(switchover.depends_on).toEqual([
      `terraform_data.${start.name}`,
      "terraform_data.release",
    ]);
    expect(back.depends_on).toEqual([`terraform_data.${switchover.name}`]);
    expect(release).toBeDefined();
  });

  test("returns the step constructs and lists them in order, each with its outputs", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const runbook = runbookIn(stack);

    // when
    const start = runbook.start("start");
    const switchover = runbook.switchover("switch", { primaryClusterId: STANDBY });

    // then
    expect(start).toBeInstanceOf(DisasterRecoveryStart);
    expect(switchover).toBeInstanceOf(DisasterRecoverySwitchover);
    expect(runbook.steps).toEqual([start, switchover]);
    expect(runbook.lastStep).toBe(switchover);
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.output).sort()).toEqual([
      "dr_start_disaster_recovery_id",
      "dr_switch_disaster_recovery_id",
    ]);
  });

  test("chains re-runs: a later step is replaced whenever the previous step ran again", () => {
    // given / when
    const json = synthesizeStack((stack) => {
      const runbook = runbookIn(stack);
      runbook.start("start", { revision: 3 });
      runbook.switchover("switch", { primaryClusterId: STANDBY, revision: "r1" });
    });

    // then: the switchover keeps its own revision and is replaced whenever the start is
    const start = step(json, "dr", "start");
    expect(runTrigger(json, "dr", "start").revision).toBe("3");
    expect(runTrigger(json, "dr", "switch").revision).toBe("r1");
    expect(rerunsAfter(json, "dr", "start")).toEqual([]);
    expect(rerunsAfter(json, "dr", "switch")).toEqual([`terraform_data.${start.name}`]);
  });

  test("a failover or recovery runs again only for its own revision, and the step after it follows it", () => {
    // given / when
    const json = synthesizeStack((stack) => {
      const runbook = runbookIn(stack);
      runbook.start("start");
      runbook.failover("failover", {
        primaryClusterId: STANDBY,
        acknowledgeDataLoss: true,
        revision: "INC-1",
      });
      runbook.recovery("recovery", { acknowledgeDataLoss: true, revision: "1" });
      runbook.pause("pause");
    });

    // then: neither data-losing step is chained to the run before it
    expect(runTrigger(json, "dr", "failover").revision).toBe("INC-1");
    expect(rerunsAfter(json, "dr", "failover")).toEqual([]);
    const recovery = step(json, "dr", "recovery");
    expect(runTrigger(json, "dr", "recovery").revision).toBe("1");
    expect(rerunsAfter(json, "dr", "recovery")).toEqual([]);
    expect(recovery.depends_on).toEqual([`terraform_data.${step(json, "dr", "failover").name}`]);
    expect(rerunsAfter(json, "dr", "pause")).toEqual([`terraform_data.${recovery.name}`]);
  });

  test("a step refused at synth is not recorded, and names its path", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const runbook = runbookIn(stack);
    runbook.start("start");

    // when / then
    expect(() => runbook.recovery("recovery", {})).toThrow(
      /^stack\/dr\/recovery: acknowledgeDataLoss: DisasterRecoveryRecovery requires acknowledgeDataLoss: true/,
    );
    expect(runbook.steps).toHaveLength(1);
  });

  test("a platform construct owning a runbook can be used twice in one stack", () => {
    // given
    class DataPlatform extends Construct {
      public readonly runbook: DisasterRecoveryRunbook;
      constructor(scope: Construct, id: string, drId: string) {
        super(scope, id);
        const clusters = new DataResource(this, "clusters", { input: { ready: true } });
        this.runbook = new DisasterRecoveryRunbook(this, "dr", {
          projectId: PROJECT_ID,
          disasterRecoveryId: drId,
          region: "cn-north-4",
          dependsOn: [clusters],
        });
        this.runbook.start("start");
      }
    }

    // when
    const json = synthesize((stack) => {
      new DataPlatform(stack, "sales", DR_ID);
      new DataPlatform(stack, "finance", "f59d6b86-9072-46eb-a996-13f8b44994c1");
    });

    // then
    expect(Object.keys(json.output).sort()).toEqual([
      "finance_dr_start_disaster_recovery_id",
      "sales_dr_start_disaster_recovery_id",
    ]);
  });
});

/** Synthesizes a fresh stack built by `build`. */
function synthesizeStack(build: (stack: TerraformStack) => void): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), "stack");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}
