import { createHash } from "node:crypto";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { constructError } from "./construct-error";

// Terraform's identifier syntax: a digit may not come first.
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Ids made only of these join with `_` into a name that no other path can give.
const PLAIN_ID = /^[A-Za-z0-9-]+$/;
const SUFFIX = "_disaster_recovery_id";

/** The construct ids from below the stack down to `construct`. */
export function pathBelowStack(construct: IConstruct): string[] {
  const stack = TerraformStack.of(construct);
  const scopes = construct.node.scopes;
  return scopes.slice(scopes.indexOf(stack) + 1).map((scope) => scope.node.id);
}

/**
 * The documented default output name, from the construct path below the stack (as cdktf derives
 * logical ids from paths): ids joined by `_`, then `_disaster_recovery_id`. Ids of letters,
 * digits and `-` join unambiguously; any other character becomes `_`, and then a hash of the path
 * is added so that two paths never collapse into one name. Depends on the path only, so it is
 * stable across releases and across the rest of the stack.
 */
export function defaultOutputName(idsBelowStack: readonly string[]): string {
  const readable = idsBelowStack.map((id) => id.replace(/[^A-Za-z0-9-]/g, "_")).join("_");
  if (idsBelowStack.every((id) => PLAIN_ID.test(id))) return `${readable}${SUFFIX}`;
  const hash = createHash("sha256")
    .update(idsBelowStack.join("/"))
    .digest("hex")
    .slice(0, 8)
    .toUpperCase();
  return `${readable}_${hash}${SUFFIX}`;
}

/**
 * The name of the output an action creates (`outputName`, or the default from the construct
 * path), checked to be a Terraform identifier that no output of the stack already uses: two
 * outputs with one name would silently collapse into one key of the synthesized JSON.
 */
export function resolveOutputName(construct: Construct, outputName: string | undefined): string {
  const name = outputName ?? defaultOutputName(pathBelowStack(construct));
  const prop =
    outputName === undefined ? "outputName (default from the construct path)" : "outputName";
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
