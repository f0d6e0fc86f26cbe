import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { badInput } from "../api/errors";
import { StackAction, readStackActions } from "./stack-reader";

/** The files `dws-dr plan` reads: the synthesized stack, and Terraform's saved plan as JSON. */

/** A stack as read from its directory. */
export interface LoadedStack {
  /** The stack directory, absolute. */
  readonly stackDir: string;
  /** Its `cdk.tf.json`. */
  readonly file: string;
  readonly stackName: string;
  /** At least one. */
  readonly actions: readonly StackAction[];
}

/**
 * Reads `cdk.tf.json` in `dir` (or `dir` itself, when it is the file). Every failure is a
 * bad-input error saying what to give instead; a stack without action resources is one too.
 */
export function loadStack(dir: string): LoadedStack {
  const stackDir = resolve(dir);
  const synthHint = "Run `cdktf synth` first, then give cdktf.out/stacks/<stack>.";
  if (!existsSync(stackDir)) {
    throw badInput(`stack directory "${dir}": not found`, synthHint);
  }
  const isFile = statSync(stackDir).isFile();
  const file = isFile ? stackDir : join(stackDir, "cdk.tf.json");
  if (!existsSync(file)) {
    const stacks = join(stackDir, "stacks");
    const names = existsSync(stacks) ? readdirSync(stacks) : [];
    throw badInput(
      `stack directory "${dir}": no cdk.tf.json in it`,
      names.length > 0
        ? `It looks like cdktf's output folder: give one of its stacks, e.g. ${join(dir, "stacks", names[0])} (stacks: ${names.join(", ")}).`
        : synthHint,
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw badInput(
      `${file}: not valid JSON (${(error as Error).message})`,
      "Synthesize the stack again with `cdktf synth`.",
    );
  }
  const { stackName, actions } = readStackActions(
    config,
    file,
    basename(isFile ? resolve(stackDir, "..") : stackDir),
  );
  if (actions.length === 0) {
    throw badInput(
      `stack "${stackName}" (${file}) has no DR action resources: no terraform_data or null_resource in it runs dws-dr.cjs`,
      "Check that this is the stack declaring the DR steps (cdktf.out/stacks/<stack>) and that it was synthesized again after adding them.",
    );
  }
  return { stackDir, file, stackName, actions };
}

/** Terraform's plan as `terraform show -json` prints it: the planned actions by address. */
export function loadTerraformPlan(file: string): Map<string, readonly string[]> {
  const hint =
    "Write it with `terraform -chdir=<stack dir> plan -out=tfplan`, then `terraform -chdir=<stack dir> show -json tfplan > tfplan.json`.";
  let parsed: { resource_changes?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw badInput(
      `--terraform-plan ${file}: cannot read it as JSON (${(error as Error).message})`,
      hint,
    );
  }
  if (!Array.isArray(parsed?.resource_changes)) {
    throw badInput(`--terraform-plan ${file}: no resource_changes (not a saved plan's JSON)`, hint);
  }
  const actions = new Map<string, readonly string[]>();
  for (const change of parsed.resource_changes as Array<Record<string, unknown>>) {
    const planned = (change?.change as { actions?: unknown } | undefined)?.actions;
    if (typeof change?.address === "string" && Array.isArray(planned)) {
      actions.set(
        change.address,
        planned.filter((a): a is string => typeof a === "string"),
      );
    }
  }
  return actions;
}

/** Terraform's planned actions in a word: `create`, `replace`, `no-op`, `update`, ... */
export function describeTerraformActions(actions: readonly string[] | undefined): string {
  if (!actions) return "not in plan";
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  return actions.join("+");
}
