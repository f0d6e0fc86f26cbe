import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  DisasterRecoveryAction,
  DisasterRecoveryFailover,
  DisasterRecoveryRecovery,
  DisasterRecoveryStart,
  DisasterRecoverySwitchover,
  ResourceKind,
} from "../../lib/constructs";
import {
  START_PROPS,
  SynthesizedStack,
  isRunTrigger,
  localExec,
  onlyResource,
  onlyRunTrigger,
  synthesize,
} from "./helpers";

// The synthesized side of "a data-losing action fires once per incident" (issue #19); the
// terraform apply side is in test/e2e/fire-once.test.ts.
const CLUSTER_ID = "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5";

type Create = (scope: Construct, extra: { revision?: string }) => DisasterRecoveryAction;
const failover: Create = (scope, extra) =>
  new DisasterRecoveryFailover(scope, "step", {
    ...START_PROPS,
    primaryClusterId: CLUSTER_ID,
    acknowledgeDataLoss: true,
    ...extra,
  });
const recovery: Create = (scope, extra) =>
  new DisasterRecoveryRecovery(scope, "step", {
    ...START_PROPS,
    acknowledgeDataLoss: true,
    ...extra,
  });

const lifecycle = (body: SynthesizedStack) => body.lifecycle ?? {};

describe("only the run trigger re-runs an action", () => {
  test.each([
    ["start", (scope: Construct) => new DisasterRecoveryStart(scope, "step", START_PROPS)],
    [
      "switchover",
      (scope: Construct) =>
        new DisasterRecoverySwitchover(scope, "step", {
          ...START_PROPS,
          primaryClusterId: CLUSTER_ID,
        }),
    ],
    ["failover", (scope: Construct) => failover(scope, { revision: "INC-1" })],
    ["recovery", (scope: Construct) => recovery(scope, { revision: "INC-1" })],
  ])("a %s keeps what it stored at the create; its run trigger replaces it", (_action, create) => {
    // given / when
    const json = synthesize(create);
    const { name, body } = onlyResource(json, "terraform_data");
    const triggerName = Object.keys(json.resource.terraform_data).find(isRunTrigger);

    // then: the endpoint is still stored (a destroy-time pause reads it), but Terraform ignores
    // its changes; the action is replaced only when its run trigger changes
    expect(body.input).toHaveProperty("endpoint");
    expect(lifecycle(body)).toEqual({
      ignore_changes: ["input", "triggers_replace"],
      replace_triggered_by: [`terraform_data.${triggerName}`],
    });
    expect(name).not.toBe(triggerName);
    expect(onlyRunTrigger(json, "terraform_data")).not.toHaveProperty("endpoint");
    expect(onlyRunTrigger(json, "terraform_data")).not.toHaveProperty("region");
  });

  test("a null_resource works the same way, through a null_resource run trigger", () => {
    // given / when
    const json = synthesize(
      (scope) =>
        new DisasterRecoveryStart(scope, "step", {
          ...START_PROPS,
          resourceKind: ResourceKind.NULL_RESOURCE,
        }),
    );

    // then
    const triggerName = Object.keys(json.resource.null_resource).find(isRunTrigger);
    expect(lifecycle(onlyResource(json, "null_resource").body)).toEqual({
      ignore_changes: ["triggers"],
      replace_triggered_by: [`null_resource.${triggerName}`],
    });
    expect(onlyRunTrigger(json, "null_resource")).toEqual({
      action: "start",
      project_id: START_PROPS.projectId,
      disaster_recovery_id: START_PROPS.disasterRecoveryId,
      revision: "",
    });
  });

  test("a failover runs again only for a new revision; a switchover also for a new outcome", () => {
    // given / when
    const failoverTrigger = onlyRunTrigger(
      synthesize((scope) => failover(scope, { revision: "INC-1" })),
      "terraform_data",
    );
    const switchoverTrigger = onlyRunTrigger(
      synthesize(
        (scope) =>
          new DisasterRecoverySwitchover(scope, "step", {
            ...START_PROPS,
            primaryClusterId: CLUSTER_ID,
          }),
      ),
      "terraform_data",
    );

    // then
    expect(failoverTrigger).toEqual({
      action: "failover",
      project_id: START_PROPS.projectId,
      disaster_recovery_id: START_PROPS.disasterRecoveryId,
      revision: "INC-1",
    });
    expect(switchoverTrigger.primary_cluster_id).toBe(CLUSTER_ID);
  });
});

describe("a failover or recovery fires only once it is armed with a revision", () => {
  test.each([
    ["failover", failover],
    ["recovery", recovery],
  ])("a %s without a revision is declared but disarmed: no provisioner runs", (action, create) => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");

    // when
    const construct = create(stack, {});

    // then
    const json = JSON.parse(Testing.synth(stack));
    const { body } = onlyResource(json, "terraform_data");
    expect(construct.armed).toBe(false);
    expect(body).not.toHaveProperty("provisioner");
    expect(onlyRunTrigger(json, "terraform_data")).toMatchObject({
      action,
      disarmed: "true",
      revision: "",
    });
    const infos = construct.node.metadata
      .filter((entry) => entry.type === "@cdktf/info")
      .map((entry) => String(entry.data));
    expect(infos.join("\n")).toMatch(
      new RegExp(`^${action} is disarmed: it is declared but sends`),
    );
  });

  test.each([
    ["failover", failover],
    ["recovery", recovery],
  ])(
    "a %s armed with a revision runs the runtime and carries no disarmed marker",
    (action, create) => {
      // given / when
      const json = synthesize((scope) => create(scope, { revision: "INC-4711" }));

      // then
      const { body } = onlyResource(json, "terraform_data");
      expect(localExec(body).command).toMatch(new RegExp(` ${action}$`));
      expect(onlyRunTrigger(json, "terraform_data")).not.toHaveProperty("disarmed");
      expect(onlyRunTrigger(json, "terraform_data").revision).toBe("INC-4711");
    },
  );

  test("start and switchover are always armed", () => {
    // given / when
    const json = synthesize((scope) => {
      new DisasterRecoveryStart(scope, "start", START_PROPS);
    });

    // then
    expect(localExec(onlyResource(json, "terraform_data").body).command).toMatch(/ start$/);
  });
});
