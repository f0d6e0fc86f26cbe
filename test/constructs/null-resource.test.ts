import "cdktf/lib/testing/adapters/jest";
import { TerraformStack, Testing } from "cdktf";
import { NullProvider } from "@cdktf/provider-null/lib/provider";
import { Resource } from "@cdktf/provider-null/lib/resource";
import {
  DisasterRecoveryPause,
  DisasterRecoveryStart,
  DisasterRecoveryStartProps,
  OnDestroy,
  ResourceKind,
} from "../../lib/constructs";
import {
  DR_ID,
  PROJECT_ID,
  START_PROPS,
  localExec,
  onlyResource,
  onlyRunTrigger,
  synthesize,
} from "./helpers";

const NULL_PROPS: DisasterRecoveryStartProps = {
  ...START_PROPS,
  resourceKind: ResourceKind.NULL_RESOURCE,
};

describe('DisasterRecoveryStart with resourceKind "null_resource"', () => {
  test("creates a null_resource whose triggers hold the target and action, re-run by a null_resource trigger", () => {
    // given / when
    const json = synthesize(
      (stack) => new DisasterRecoveryStart(stack, "start-dr", { ...NULL_PROPS, revision: 7 }),
    );

    // then
    expect(json.resource.terraform_data).toBeUndefined();
    expect(onlyResource(json, "null_resource").body.triggers).toEqual({
      action: "start",
      project_id: PROJECT_ID,
      disaster_recovery_id: DR_ID,
      endpoint: "https://dws.cn-north-4.myhuaweicloud.com",
      region: "",
    });
    expect(onlyRunTrigger(json, "null_resource")).toEqual({
      action: "start",
      project_id: PROJECT_ID,
      disaster_recovery_id: DR_ID,
      revision: "7",
    });
  });

  test('takes the plain string "null_resource" as ResourceKind.NULL_RESOURCE (JavaScript, 0.2.0 code)', () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", {
          ...START_PROPS,
          resourceKind: "null_resource" as ResourceKind,
        }),
    );

    // then
    expect(json.resource.terraform_data).toBeUndefined();
    expect(onlyResource(json, "null_resource").body.triggers.action).toBe("start");
  });

  test("runs the same constant command with the same environment as terraform_data", () => {
    // given / when
    const json = synthesize((stack) => {
      new DisasterRecoveryStart(stack, "on-data", START_PROPS);
      new DisasterRecoveryStart(stack, "on-null", NULL_PROPS);
    });

    // then
    expect(localExec(onlyResource(json, "null_resource").body)).toEqual(
      localExec(onlyResource(json, "terraform_data").body),
    );
  });

  test("renders dependsOn as depends_on", () => {
    // given / when
    const json = synthesize((stack) => {
      const before = new Resource(stack, "before");
      new DisasterRecoveryStart(stack, "start-dr", { ...NULL_PROPS, dependsOn: [before] });
    });

    // then
    const start = Object.entries(json.resource.null_resource).find(([name]) =>
      name.startsWith("start-dr_start"),
    );
    expect(start?.[1]).toMatchObject({ depends_on: ["null_resource.before"] });
  });

  test("disasterRecoveryId references the resource's trigger, so referencing it orders after the start", () => {
    // given / when
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "start-dr", NULL_PROPS);
      new Resource(stack, "after", {
        triggers: { dr: start.disasterRecoveryId, run: start.runId },
      });
    });

    // then
    expect(json.resource.null_resource.after.triggers).toEqual({
      dr: expect.stringMatching(
        /^\$\{null_resource\.start-dr_start_[0-9A-F]{8}\.triggers\.disaster_recovery_id\}$/,
      ),
      run: expect.stringMatching(/^\$\{null_resource\.start-dr_start_[0-9A-F]{8}\.id\}$/),
    });
    expect(json.output["start-dr_disaster_recovery_id"].value).toBe(
      json.resource.null_resource.after.triggers.dr,
    );
  });
});

describe('onDestroy "pause" on a null_resource', () => {
  test("reads the target from the resource's own triggers", () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", { ...NULL_PROPS, onDestroy: OnDestroy.PAUSE }),
    );

    // then
    const { body } = onlyResource(json, "null_resource");
    const destroy = body.provisioner[1]["local-exec"];
    expect(destroy).toMatchObject({ when: "destroy", command: expect.stringMatching(/ pause$/) });
    expect(destroy.environment).toMatchObject({
      DWS_DR_PROJECT_ID: "${self.triggers.project_id}",
      DWS_DR_DISASTER_RECOVERY_ID: "${self.triggers.disaster_recovery_id}",
      DWS_DR_REGION: "${self.triggers.region}",
      DWS_DR_ENDPOINT: "${self.triggers.endpoint}",
    });
  });
});

describe("the null provider", () => {
  test("is added once for several null_resource actions", () => {
    // given / when
    const synthesized = Testing.synthScope((stack) => {
      new DisasterRecoveryStart(stack, "first", NULL_PROPS);
      new DisasterRecoveryStart(stack, "second", NULL_PROPS);
    });

    // then
    expect(JSON.parse(synthesized).provider.null).toHaveLength(1);
    expect(synthesized).toHaveProvider(NullProvider);
  });

  test("is not added when the stack already has one", () => {
    // given / when
    const json = synthesize((stack) => {
      new NullProvider(stack, "users-null");
      new DisasterRecoveryStart(stack, "start-dr", NULL_PROPS);
    });

    // then
    expect(json.provider.null).toHaveLength(1);
  });

  test("is not added for terraform_data actions", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    expect(json.provider).toBeUndefined();
  });

  test("a NullProvider the user adds after the first action fails validation with a way out", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    new DisasterRecoveryStart(stack, "start-dr", NULL_PROPS);

    // when
    new NullProvider(stack, "users-null");

    // then
    expect(() => Testing.synth(stack, true)).toThrow(
      /create your NullProvider before the first such action/,
    );
  });

  test("is reported as missing, naming the package, when @cdktf/provider-null is not installed", () => {
    // given
    jest.doMock("@cdktf/provider-null", () => {
      throw Object.assign(new Error("Cannot find module '@cdktf/provider-null'"), {
        code: "MODULE_NOT_FOUND",
      });
    });
    const stack = new TerraformStack(Testing.app(), "stack");

    try {
      // when / then
      expect(() => new DisasterRecoveryStart(stack, "start-dr", NULL_PROPS)).toThrow(
        /^stack\/start-dr: resourceKind: "null_resource" needs the optional peer dependency @cdktf\/provider-null\. Run "npm install @cdktf\/provider-null@\^11"/,
      );
    } finally {
      jest.dontMock("@cdktf/provider-null");
    }
  });
});

describe("one actor per DR with null_resource actions (issue 22)", () => {
  const synthOf = (build: (stack: TerraformStack) => void) => () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    build(stack);
    return Testing.synth(stack, true);
  };

  test("a null_resource start and a terraform_data pause on one DR, unordered, are refused", () => {
    expect(
      synthOf((stack) => {
        new DisasterRecoveryStart(stack, "start", NULL_PROPS);
        new DisasterRecoveryPause(stack, "pause", START_PROPS);
      }),
    ).toThrow(/start stack\/start and pause stack\/pause act on the same DR/);
  });

  test("ordered by dependsOn or by a reference, they synthesize", () => {
    expect(
      synthOf((stack) => {
        const start = new DisasterRecoveryStart(stack, "start", NULL_PROPS);
        new DisasterRecoveryPause(stack, "pause", { ...NULL_PROPS, dependsOn: [start] });
        new DisasterRecoveryStart(stack, "again", { ...START_PROPS, revision: start.runId });
      }),
    ).toThrow(/pause stack\/pause and start stack\/again/); // those two are not ordered
    expect(
      synthOf((stack) => {
        const start = new DisasterRecoveryStart(stack, "start", NULL_PROPS);
        const pause = new DisasterRecoveryPause(stack, "pause", {
          ...NULL_PROPS,
          dependsOn: [start],
        });
        new DisasterRecoveryStart(stack, "again", { ...START_PROPS, revision: pause.runId });
      }),
    ).not.toThrow();
  });
});
