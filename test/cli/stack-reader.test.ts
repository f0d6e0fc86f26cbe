import { DataResource, Token } from "cdktf";
import {
  DisasterRecoveryFailover,
  DisasterRecoveryPause,
  DisasterRecoveryStart,
  OnDestroy,
  ResourceKind,
} from "../../lib";
import { DwsDrError } from "../../lib/api/errors";
import { readStackActions } from "../../lib/cli/stack-reader";
import { DR_ID, PROJECT_ID, synthesize } from "../constructs/helpers";

// The stack reader on JSON synthesized by the real constructs (Testing.synthScope, no disk).
const target = { projectId: PROJECT_ID, disasterRecoveryId: DR_ID, region: "cn-north-4" };
const STANDBY = "bbbbbbbb-2222-4222-8222-222222222222";

function read(json: unknown) {
  return readStackActions(json, "cdk.tf.json", "test");
}

describe("readStackActions", () => {
  it("orders steps by references as well as depends_on, not by their names", () => {
    // given: names sorted against the order (cdktf writes resources sorted by name)
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "z-start", { ...target, output: false });
      const marker = new DataResource(stack, "m-marker", {
        input: { started: start.disasterRecoveryId },
      });
      new DisasterRecoveryPause(stack, "a-pause", {
        ...target,
        dependsOn: [marker],
        output: false,
      });
    });

    // when
    const { actions } = read(json);

    // then
    expect(actions.map((a) => a.action)).toEqual(["start", "pause"]);
    expect(actions[0].environment.DWS_DR_DISASTER_RECOVERY_ID).toBe(DR_ID);
  });

  it("counts a start with onDestroy pause once, as a start: the destroy-time pause is not a step", () => {
    const json = synthesize((stack) => {
      new DisasterRecoveryStart(stack, "start", { ...target, onDestroy: OnDestroy.PAUSE });
    });

    expect(read(json).actions.map((a) => [a.action, a.armed])).toEqual([["start", true]]);
  });

  it("ignores a local-exec that does not run the bundled runtime", () => {
    const json = synthesize((stack) => {
      new DataResource(stack, "other", {
        input: { a: 1 },
        provisioners: [{ type: "local-exec", command: "node other.cjs start" }],
      });
    });

    expect(read(json).actions).toEqual([]);
  });

  it("reads a null_resource step from its provisioner, and a disarmed one from its run trigger", () => {
    // given: a null_resource failover declared without a revision, hence disarmed (issue 19)
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "start", {
        ...target,
        resourceKind: ResourceKind.NULL_RESOURCE,
      });
      new DisasterRecoveryFailover(stack, "failover", {
        ...target,
        primaryClusterId: STANDBY,
        acknowledgeDataLoss: true,
        resourceKind: ResourceKind.NULL_RESOURCE,
        dependsOn: [start],
      });
    });

    // when
    const { actions } = read(json);

    // then
    expect(actions.map((a) => [a.action, a.armed])).toEqual([
      ["start", true],
      ["failover", false],
    ]);
    expect(actions[1].environment).toMatchObject({
      DWS_DR_DISASTER_RECOVERY_ID: DR_ID,
      DWS_DR_ENDPOINT: "https://dws.cn-north-4.myhuaweicloud.com",
      DWS_DR_PRIMARY_CLUSTER_ID: STANDBY,
      DWS_DR_CONFIRM: DR_ID,
    });
  });

  it("keeps a reference as it is, for the plan to report as known only at apply", () => {
    const json = synthesize((stack) => {
      const task = new DataResource(stack, "task", { input: { id: DR_ID } });
      new DisasterRecoveryStart(stack, "start", {
        ...target,
        disasterRecoveryId: Token.asString(task.output.lookup("id")),
      });
    });

    expect(read(json).actions[0].environment.DWS_DR_DISASTER_RECOVERY_ID).toMatch(
      /^\$\{terraform_data\.task\.output/,
    );
  });

  it("refuses JSON that is not a configuration, naming the file", () => {
    expect(() => read([1, 2])).toThrow(DwsDrError);
    expect(() => read("text")).toThrow(/cdk\.tf\.json: not a Terraform JSON configuration/);
  });
});
