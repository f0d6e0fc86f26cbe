import { ITerraformDependable, TerraformStack } from "cdktf";
import {
  DisasterRecoveryAction,
  DisasterRecoveryFailover,
  DisasterRecoveryRecovery,
  DisasterRecoveryRunbook,
  DisasterRecoveryStart,
  DisasterRecoverySwitchover,
} from "../../lib";
import { DrModel, StackModel, StepModel } from "./model";

/** What a stack model is synthesized against: the emulator's account and the DRs' clusters. */
export interface SoakTarget {
  readonly projectId: string;
  /** The emulator's port (reached as 127.0.0.1 or localhost). */
  readonly port: number;
  /** Per DR of the model: its id and its two clusters' ids (`a` primary at first). */
  readonly drs: readonly { readonly id: string; readonly a: string; readonly b: string }[];
}

/** The soak's DRs in the emulator's seed: their ids and clusters (`a` primary at first). */
export const SOAK_DRS = [
  {
    id: "e59d6b86-9072-46eb-a996-13f8b44994c1",
    a: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    b: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
  },
  {
    id: "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70",
    a: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
    b: "3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a",
  },
];

/** The region a `region` reach declares: its real endpoint is out of reach in the soak. */
export const SOAK_REGION = "cn-north-4";

/** Adds the model's constructs to `stack`, as a user's code would declare them. */
export function declareStack(stack: TerraformStack, model: StackModel, target: SoakTarget): void {
  model.drs.forEach((dr, index) => declareDr(stack, dr, index, target));
}

function declareDr(stack: TerraformStack, dr: DrModel, index: number, target: SoakTarget): void {
  const where =
    dr.reach === "region"
      ? { region: SOAK_REGION }
      : { endpoint: `http://${dr.reach}:${target.port}` };
  const ids = target.drs[index];
  const base = { projectId: target.projectId, disasterRecoveryId: ids.id, ...where };
  const own = (step: StepModel) => ({
    timeout: step.timeout,
    pollInterval: step.pollInterval,
    wait: step.wait,
    ...(step.revision === undefined ? {} : { revision: step.revision }),
  });
  const primaryOf = (step: StepModel) => (step.primary === "b" ? ids.b : ids.a);

  if (dr.form === "runbook") {
    const runbook = new DisasterRecoveryRunbook(stack, `dr${index}`, base);
    for (const step of dr.steps) {
      if (step.kind === "start") runbook.start("start", own(step));
      if (step.kind === "switchover") {
        runbook.switchover("switchover", { ...own(step), primaryClusterId: primaryOf(step) });
      }
      if (step.kind === "failover") {
        runbook.failover("failover", {
          ...own(step),
          primaryClusterId: primaryOf(step),
          acknowledgeDataLoss: true,
        });
      }
      if (step.kind === "recovery") {
        runbook.recovery("recovery", { ...own(step), acknowledgeDataLoss: true });
      }
    }
    return;
  }
  let previous: ITerraformDependable | undefined;
  for (const step of dr.steps) {
    const props = { ...base, ...own(step), dependsOn: previous ? [previous] : [] };
    const id = `dr${index}-${step.kind}`;
    let made: DisasterRecoveryAction;
    if (step.kind === "start") made = new DisasterRecoveryStart(stack, id, props);
    else if (step.kind === "switchover") {
      made = new DisasterRecoverySwitchover(stack, id, {
        ...props,
        primaryClusterId: primaryOf(step),
      });
    } else if (step.kind === "failover") {
      made = new DisasterRecoveryFailover(stack, id, {
        ...props,
        primaryClusterId: primaryOf(step),
        acknowledgeDataLoss: true,
      });
    } else made = new DisasterRecoveryRecovery(stack, id, { ...props, acknowledgeDataLoss: true });
    previous = made;
  }
}
