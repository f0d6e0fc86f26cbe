import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { constructError } from "./action-props";

// Terraform's identifier syntax: a digit may not come first.
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The documented default output name: the construct id made Terraform-safe, then a suffix. */
export function defaultOutputName(constructId: string): string {
  return `${constructId.replace(/[^A-Za-z0-9_-]/g, "_")}_disaster_recovery_id`;
}

/**
 * The name of the output an action creates (`outputName`, or the default from the construct id),
 * checked to be a Terraform identifier that no output of the stack already uses: two outputs with
 * one name would silently collapse into one key of the synthesized JSON.
 */
export function resolveOutputName(construct: Construct, outputName: string | undefined): string {
  const name = outputName ?? defaultOutputName(construct.node.id);
  const prop =
    outputName === undefined ? "outputName (default from the construct id)" : "outputName";
  if (!TERRAFORM_NAME.test(name)) {
    throw constructError(
      construct.node.path,
      `${prop}: "${name}" is not a Terraform output name`,
      "Use letters, digits, _ and -, not starting with a digit; set outputName to choose one.",
    );
  }
  const taken = TerraformStack.of(construct)
    .node.findAll()
    .some((node) => TerraformOutput.isTerraformOutput(node) && node.friendlyUniqueId === name);
  if (taken) {
    throw constructError(
      construct.node.path,
      `${prop}: "${name}" is already used by another output of the stack`,
      "Set outputName to a unique name, or output: false to skip the output.",
    );
  }
  return name;
}
