import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  DisasterRecoveryAction,
  DisasterRecoveryFailover,
  DisasterRecoveryPause,
  DisasterRecoveryRecovery,
  DisasterRecoverySwitchover,
} from "../../lib/constructs";
import {
  DR_ID,
  PROJECT_ID,
  START_PROPS,
  actionResources,
  localExec,
  onlyResource,
  synthesize,
} from "./helpers";

const CLUSTER_ID = "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
const ENDPOINT = "https://dws.cn-north-4.myhuaweicloud.com";
const INCIDENT = "INC-4711";

// Each action with the least props it accepts to fire (a data-losing one is armed by a revision).
const ACTIONS: Array<[string, (scope: Construct, id: string) => DisasterRecoveryAction]> = [
  ["pause", (scope, id) => new DisasterRecoveryPause(scope, id, START_PROPS)],
  [
    "switchover",
    (scope, id) =>
      new DisasterRecoverySwitchover(scope, id, { ...START_PROPS, primaryClusterId: CLUSTER_ID }),
  ],
  [
    "failover",
    (scope, id) =>
      new DisasterRecoveryFailover(scope, id, {
        ...START_PROPS,
        primaryClusterId: CLUSTER_ID,
        acknowledgeDataLoss: true,
        revision: INCIDENT,
      }),
  ],
  [
    "recovery",
    (scope, id) =>
      new DisasterRecoveryRecovery(scope, id, {
        ...START_PROPS,
        acknowledgeDataLoss: true,
        revision: INCIDENT,
      }),
  ],
];

describe.each(ACTIONS)("the %s construct", (action, create) => {
  test("runs its action with the bundled runtime, at create, with the same guarantees as the start", () => {
    // given / when
    const json = synthesize((stack) => create(stack, "step"));

    // then
    const { name, body } = onlyResource(json, "terraform_data");
    expect(name).toMatch(new RegExp(`^step_${action}_[0-9A-F]{8}$`));
    expect(body.input).toMatchObject({
      action,
      project_id: PROJECT_ID,
      disaster_recovery_id: DR_ID,
    });
    expect(localExec(body).command).toMatch(
      new RegExp(`^node assets/DwsDrRuntime/[0-9A-F]{32}/dws-dr\\.cjs ${action}$`),
    );
    expect(localExec(body).environment).toMatchObject({
      DWS_DR_PROJECT_ID: PROJECT_ID,
      DWS_DR_DISASTER_RECOVERY_ID: DR_ID,
      DWS_DR_ENDPOINT: ENDPOINT,
      DWS_DR_TIMEOUT: "30m",
    });
    expect(body.triggers_replace).toMatchObject({ disaster_recovery_id: DR_ID });
    expect(body.triggers_replace).not.toHaveProperty("disarmed");
    expect(Object.keys(json.output)).toEqual(["step_disaster_recovery_id"]);
  });

  test("can be ordered after other resources and before later steps", () => {
    // given / when
    const json = synthesize((stack) => {
      const first = new DisasterRecoveryPause(stack, "first", START_PROPS);
      const step = create(stack, "step");
      step.node.addDependency(first); // ignored by cdktf: the test shows dependsOn is the way
      new DisasterRecoveryPause(stack, "later", { ...START_PROPS, dependsOn: [step] });
    });

    // then
    const resources = json.resource.terraform_data;
    const stepName = Object.keys(resources).find((name) => name.startsWith(`step_${action}`));
    const laterName = Object.keys(resources).find((name) => name.startsWith("later_pause"));
    expect(resources[laterName!].depends_on).toEqual([`terraform_data.${stepName}`]);
  });
});

describe("switchover and failover are stated as their outcome", () => {
  test.each([
    ["switchover", DisasterRecoverySwitchover],
    ["failover", DisasterRecoveryFailover],
  ] as const)(
    "%s passes primaryClusterId to the runtime, stores it and re-runs when it changes",
    (action, Construct) => {
      // given / when
      const json = synthesize(
        (stack) =>
          new Construct(stack, "step", {
            ...START_PROPS,
            primaryClusterId: CLUSTER_ID.toUpperCase(),
            acknowledgeDataLoss: true,
            revision: INCIDENT,
          }),
      );

      // then: normalised to lower case like the other ids
      const { body } = onlyResource(json, "terraform_data");
      expect(localExec(body).environment.DWS_DR_PRIMARY_CLUSTER_ID).toBe(CLUSTER_ID);
      expect(body.triggers_replace.primary_cluster_id).toBe(CLUSTER_ID);
      expect(body.input).toEqual({
        action,
        project_id: PROJECT_ID,
        disaster_recovery_id: DR_ID,
        endpoint: ENDPOINT,
        region: "",
        primary_cluster_id: CLUSTER_ID,
      });
    },
  );

  test("exposes the primary cluster as a token read back after the action", () => {
    // given / when
    const json = synthesize((stack) => {
      const switchover = new DisasterRecoverySwitchover(stack, "switch", {
        ...START_PROPS,
        primaryClusterId: CLUSTER_ID,
      });
      new DisasterRecoveryPause(stack, "then", {
        ...START_PROPS,
        revision: switchover.primaryClusterId,
      });
    });

    // then
    const later = Object.entries(json.resource.terraform_data).find(([name]) =>
      name.startsWith("then_run-trigger"),
    )?.[1] as { input: { revision: string } };
    expect(later.input.revision).toMatch(
      /^\$\{terraform_data\.switch_switchover_[0-9A-F]{8}\.output\["primary_cluster_id"\]\}$/,
    );
  });

  test("accepts a primaryClusterId token and leaves its check to the runtime", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const cluster = new TerraformVariable(stack, "cluster", { type: "string" }).stringValue;

    // when
    new DisasterRecoverySwitchover(stack, "step", { ...START_PROPS, primaryClusterId: cluster });

    // then
    const { body } = onlyResource(JSON.parse(Testing.synth(stack)), "terraform_data");
    expect(localExec(body).environment.DWS_DR_PRIMARY_CLUSTER_ID).toBe("${var.cluster}");
  });

  test.each([
    ["not a UUID", "cluster-1", /primaryClusterId: "cluster-1" is not a cluster id/],
    [
      "missing",
      undefined,
      /primaryClusterId: DisasterRecoverySwitchover requires it and it is not set\. Give the id of the cluster that must be primary/,
    ],
    ["empty", "", /primaryClusterId: DisasterRecoverySwitchover requires it and it is not set/],
  ])(
    "refuses a primaryClusterId that is %s, naming the construct path",
    (_case, value, message) => {
      // given
      const stack = new TerraformStack(Testing.app(), "stack");

      // when / then
      expect(
        () =>
          new DisasterRecoverySwitchover(stack, "step", {
            ...START_PROPS,
            primaryClusterId: value as string,
          }),
      ).toThrow(new RegExp(`^stack/step: ${message.source}`));
    },
  );

  test("start and pause keep their triggers free of a primary cluster and pass it empty", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryPause(stack, "pause", START_PROPS));

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(body.triggers_replace).not.toHaveProperty("primary_cluster_id");
    expect(localExec(body).environment.DWS_DR_PRIMARY_CLUSTER_ID).toBe("");
  });
});

describe("failover and recovery destroy data, so they must be acknowledged", () => {
  test("a failover without acknowledgeDataLoss fails synth saying what would be lost and how to acknowledge", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");

    // when / then
    expect(
      () =>
        new DisasterRecoveryFailover(stack, "incident", {
          ...START_PROPS,
          primaryClusterId: CLUSTER_ID,
        }),
    ).toThrow(
      "stack/incident: acknowledgeDataLoss: DisasterRecoveryFailover requires acknowledgeDataLoss: true, and it is not set. " +
        "This action destroys data: a failover makes the standby cluster primary with the data of its last synchronisation: " +
        "changes made on the production cluster and not yet synchronised to the standby are lost. " +
        'If that loss is accepted, set acknowledgeDataLoss: true on DisasterRecoveryFailover "stack/incident"; otherwise remove the construct.',
    );
    expect(stack.node.tryFindChild("DwsDrRuntime")).toBeUndefined();
  });

  test("a recovery with acknowledgeDataLoss false fails synth saying the standby's data is deleted", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");

    // when / then
    expect(
      () =>
        new DisasterRecoveryRecovery(stack, "switchback", {
          ...START_PROPS,
          acknowledgeDataLoss: false,
        }),
    ).toThrow(
      /^stack\/switchback: acknowledgeDataLoss: DisasterRecoveryRecovery requires acknowledgeDataLoss: true, and it is false\. This action destroys data: a recovery deletes the standby \(DR\) cluster's data and re-establishes disaster recovery .*set acknowledgeDataLoss: true on DisasterRecoveryRecovery "stack\/switchback"/,
    );
  });

  test.each([
    ["failover", DisasterRecoveryFailover],
    ["recovery", DisasterRecoveryRecovery],
  ] as const)(
    "an acknowledged %s passes the runtime's confirmation: the DR id",
    (_action, Construct) => {
      // given / when
      const json = synthesize(
        (stack) =>
          new Construct(stack, "step", {
            ...START_PROPS,
            primaryClusterId: CLUSTER_ID,
            acknowledgeDataLoss: true,
            revision: INCIDENT,
          }),
      );

      // then
      expect(localExec(onlyResource(json, "terraform_data").body).environment.DWS_DR_CONFIRM).toBe(
        DR_ID,
      );
    },
  );

  test("start, pause and switchover pass no confirmation", () => {
    // given / when
    const json = synthesize((stack) => {
      new DisasterRecoveryPause(stack, "pause", START_PROPS);
      new DisasterRecoverySwitchover(stack, "switch", {
        ...START_PROPS,
        primaryClusterId: CLUSTER_ID,
      });
    });

    // then
    for (const [, body] of actionResources(json, "terraform_data")) {
      expect(localExec(body).environment.DWS_DR_CONFIRM).toBe("");
    }
  });
});
