import { DataResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  DisasterRecoveryPause,
  DisasterRecoveryRecovery,
  DisasterRecoveryRunbook,
  DisasterRecoveryStart,
} from "../../lib/constructs";
import { DR_ID, PROJECT_ID, START_PROPS } from "./helpers";

// One actor per DR in a stack (issue 22): two actions on one DR that Terraform could run at the
// same time make the DR's end state a race, so synth refuses them; ordered ones are fine.
const OTHER_DR = "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70";

/** Builds a stack with `build` and synthesizes it with validations, as `app.synth()` does. */
function synthWithValidations(build: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app(), "stack");
  build(stack);
  return Testing.synth(stack, true);
}

function synthError(build: (stack: TerraformStack) => void): string {
  try {
    synthWithValidations(build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("synth succeeded");
}

describe("two actions on one DR that could run at the same time", () => {
  test("are a synth error naming both constructs and how to order them", () => {
    const message = synthError((stack) => {
      new DisasterRecoveryStart(stack, "start-dr", START_PROPS);
      new DisasterRecoveryPause(stack, "pause-dr", START_PROPS);
    });

    expect(message).toContain(
      `start stack/start-dr and pause stack/pause-dr act on the same DR (project ${PROJECT_ID}, disaster recovery ${DR_ID}) and Terraform could run them at the same time`,
    );
    expect(message).toMatch(
      /DisasterRecoveryRunbook.*dependsOn: \[<the earlier one>\].*disasterRecoveryId or runId/,
    );
  });

  test("the review's stack (a start, a pause and two recoveries, unordered) names every pair", () => {
    const message = synthError((stack) => {
      new DisasterRecoveryStart(stack, "start", START_PROPS);
      new DisasterRecoveryPause(stack, "pause", START_PROPS);
      // Armed: a disarmed recovery runs nothing, so it is no actor.
      const recovery = { ...START_PROPS, acknowledgeDataLoss: true, revision: "INC-1" };
      new DisasterRecoveryRecovery(stack, "recovery-a", recovery);
      new DisasterRecoveryRecovery(stack, "recovery-b", recovery);
    });

    expect(message.match(/act on the same DR/g)).toHaveLength(6);
    expect(message).toContain("recovery stack/recovery-a and recovery stack/recovery-b");
  });

  test("the same DR id in another case is the same DR", () => {
    const message = synthError((stack) => {
      new DisasterRecoveryStart(stack, "start", START_PROPS);
      new DisasterRecoveryPause(stack, "pause", {
        ...START_PROPS,
        disasterRecoveryId: DR_ID.toUpperCase(),
      });
    });

    expect(message).toContain("start stack/start and pause stack/pause act on the same DR");
  });

  test("the same token for the DR id is the same DR", () => {
    const message = synthError((stack) => {
      const dr = new TerraformVariable(stack, "dr", { type: "string" }).stringValue;
      new DisasterRecoveryStart(stack, "start", { ...START_PROPS, disasterRecoveryId: dr });
      new DisasterRecoveryPause(stack, "pause", { ...START_PROPS, disasterRecoveryId: dr });
    });

    expect(message).toContain("start stack/start and pause stack/pause act on the same DR");
  });
});

describe("actions that cannot run at the same time, or not on the same DR", () => {
  test.each<[string, (stack: TerraformStack) => void]>([
    [
      "the later one depends on the earlier one",
      (stack) => {
        const start = new DisasterRecoveryStart(stack, "start", START_PROPS);
        new DisasterRecoveryPause(stack, "pause", { ...START_PROPS, dependsOn: [start] });
      },
    ],
    [
      "the later one references the earlier one's output",
      (stack) => {
        const start = new DisasterRecoveryStart(stack, "start", START_PROPS);
        new DisasterRecoveryPause(stack, "pause", { ...START_PROPS, revision: start.runId });
      },
    ],
    [
      "the later one depends on a resource that depends on the earlier one",
      (stack) => {
        const start = new DisasterRecoveryStart(stack, "start", START_PROPS);
        const between = new DataResource(stack, "release", {
          input: { after: start.disasterRecoveryId },
        });
        const later = new DataResource(stack, "later", { input: {}, dependsOn: [between] });
        new DisasterRecoveryPause(stack, "pause", { ...START_PROPS, dependsOn: [later] });
      },
    ],
    [
      "they are steps of one runbook",
      (stack) => {
        const runbook = new DisasterRecoveryRunbook(stack, "dr", START_PROPS);
        runbook.start("start");
        runbook.pause("pause");
        runbook.start("start-again");
      },
    ],
    [
      "they act on different DRs",
      (stack) => {
        new DisasterRecoveryStart(stack, "start", START_PROPS);
        new DisasterRecoveryPause(stack, "pause", { ...START_PROPS, disasterRecoveryId: OTHER_DR });
      },
    ],
    [
      "they act on the same DR id in different projects",
      (stack) => {
        new DisasterRecoveryStart(stack, "start", START_PROPS);
        new DisasterRecoveryPause(stack, "pause", {
          ...START_PROPS,
          projectId: "0123456789abcdef0123456789abcdef",
        });
      },
    ],
  ])("synthesize when %s", (_case, build) => {
    expect(() => synthWithValidations(build)).not.toThrow();
  });

  test("an action whose resource runs nothing when created (a disarmed one) is not an actor", () => {
    expect(() =>
      synthWithValidations((stack) => {
        new DisasterRecoveryStart(stack, "start", START_PROPS);
        const pause = new DisasterRecoveryPause(stack, "pause", START_PROPS);
        pause.resource.provisioners = [];
      }),
    ).not.toThrow();
  });

  test("the same two actions in two stacks are each stack's own business", () => {
    const app = Testing.app();
    for (const name of ["a", "b"]) {
      const stack = new TerraformStack(app, name);
      new DisasterRecoveryStart(stack, "start", START_PROPS);
      expect(() => Testing.synth(stack, true)).not.toThrow();
    }
  });
});
