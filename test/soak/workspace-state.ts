import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformWorkspace, statePath } from "../support/terraform";
import { DeclaredDr } from "./invariants";
import { StackModel, StepKind } from "./model";
import { SOAK_DRS as DR_IDS } from "./stack";

// What the soak reads back from a workspace: the step resources in the state, and the stack as
// synthesized.

/** A step's resource in the state. */
export interface StateResource {
  readonly address: string;
  readonly id: string;
  readonly disarmed: boolean;
  readonly status?: string;
}

// The step resources in the state, by `dr/kind`, read from what each carries (its DR id and action).
export function resourceIds(workspace: TerraformWorkspace): Map<string, StateResource> {
  const found = new Map<string, StateResource>();
  if (!existsSync(statePath(workspace))) return found;
  const state = JSON.parse(readFileSync(statePath(workspace), "utf8")) as {
    resources?: {
      type: string;
      name: string;
      mode: string;
      instances: { status?: string; attributes: Record<string, unknown> }[];
    }[];
  };
  for (const resource of state.resources ?? []) {
    if (resource.mode !== "managed" || resource.type !== "terraform_data") continue;
    const instance = resource.instances[0];
    if (!instance) continue;
    const text = JSON.stringify(instance.attributes);
    const dr = DR_IDS.findIndex((d) => text.includes(d.id));
    const kind = /"action":"(\w+)"/.exec(text)?.[1];
    if (dr < 0 || kind === undefined) continue;
    found.set(`${dr}/${kind}`, {
      address: `terraform_data.${resource.name}`,
      id: String(instance.attributes.id),
      disarmed: /"disarmed":"true"/.test(text),
      status: instance.status,
    });
  }
  return found;
}

export function addressOf(
  workspace: TerraformWorkspace,
  dr: number,
  kind: StepKind,
): string | undefined {
  return resourceIds(workspace).get(`${dr}/${kind}`)?.address;
}

// The stack as synthesized: which failovers and recoveries the constructs marked disarmed.
export function declaredOf(workspace: TerraformWorkspace, stack: StackModel): DeclaredDr[] {
  const json = JSON.parse(readFileSync(join(workspace.stackDir, "cdk.tf.json"), "utf8")) as {
    resource?: { terraform_data?: Record<string, Record<string, unknown>> };
  };
  const resources = Object.values(json.resource?.terraform_data ?? {}).map((r) =>
    JSON.stringify(r),
  );
  return stack.drs.map((dr, index) => ({
    disasterRecoveryId: DR_IDS[index].id,
    steps: dr.steps.map((step) => {
      const text = resources.find(
        (r) => r.includes(DR_IDS[index].id) && r.includes(`"action":"${step.kind}"`),
      );
      return {
        kind: step.kind,
        revision: step.revision,
        primaryClusterId:
          step.primary === undefined
            ? undefined
            : step.primary === "b"
              ? DR_IDS[index].b
              : DR_IDS[index].a,
        disarmed: text !== undefined && /"disarmed":"true"/.test(text),
      };
    }),
  }));
}
