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

/** The one resource of `type` in `json`, failing when there is not exactly one. */
export function onlyResource(
  json: SynthesizedStack,
  type: string,
): { name: string; body: SynthesizedStack } {
  const entries = Object.entries(json.resource?.[type] ?? {});
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
