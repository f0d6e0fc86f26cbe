import { Testing } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryStartProps } from "../../lib/constructs";

/** A project id and DR id in the accepted forms. */
export const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
export const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

/** Minimal valid props for a start in cn-north-4. */
export const START_PROPS: DisasterRecoveryStartProps = {
  projectId: PROJECT_ID,
  disasterRecoveryId: DR_ID,
  region: "cn-north-4",
};

/** The synthesized JSON of a scratch stack, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SynthesizedStack = Record<string, any>;

/** Runs `build` in a scratch stack and returns the parsed Terraform JSON. */
export function synthesize(build: (stack: Construct) => void): SynthesizedStack {
  return JSON.parse(Testing.synthScope(build));
}

/** Whether a synthesized resource name is an action's run trigger (what re-runs the action). */
export const isRunTrigger = (name: string): boolean => name.includes("_run-trigger_");

/** The resources of `type` in `json` that carry actions (run triggers left out). */
export function actionResources(
  json: SynthesizedStack,
  type: string,
): [string, SynthesizedStack][] {
  return Object.entries<SynthesizedStack>(json.resource?.[type] ?? {}).filter(
    ([name]) => !isRunTrigger(name),
  );
}

/** The run trigger of the one action in `json`: the values whose change re-runs it. */
export function onlyRunTrigger(json: SynthesizedStack, type: string): SynthesizedStack {
  const triggers = Object.entries<SynthesizedStack>(json.resource?.[type] ?? {}).filter(([name]) =>
    isRunTrigger(name),
  );
  if (triggers.length !== 1) throw new Error(`expected one run trigger, found ${triggers.length}`);
  const body = triggers[0][1];
  return type === "null_resource" ? body.triggers : body.input;
}

/** The one action resource of `type` in `json` (run triggers aside), failing unless exactly one. */
export function onlyResource(
  json: SynthesizedStack,
  type: string,
): { name: string; body: SynthesizedStack } {
  const entries = actionResources(json, type);
  if (entries.length !== 1) {
    throw new Error(`expected one ${type}, found ${entries.length}`);
  }
  const [name, body] = entries[0];
  return { name, body: body as SynthesizedStack };
}

/** The `local-exec` block of a synthesized resource's only provisioner. */
export function localExec(body: SynthesizedStack): SynthesizedStack {
  expect(body.provisioner).toHaveLength(1);
  return body.provisioner[0]["local-exec"];
}
