import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { terraformBinary } from "../../scripts/tool-paths.cjs";
import { RunningProcess, runProcess, startProcess } from "./process";

/**
 * The binary every Terraform step of the tests runs (scripts/tool-paths.cjs): DWS_DR_TF_BINARY
 * when set (e.g. a `tofu`), else `terraform` on PATH, else what `scripts/setup-tools.mjs` built.
 * Each logged step names it, so a failure says which binary it came from.
 */
export const TERRAFORM = terraformBinary();

/** One synthesized stack in a temporary directory, and the Terraform runs made in it. */
export interface TerraformWorkspace {
  readonly outdir: string;
  readonly stackDir: string;
  /** Everything every Terraform run printed, in order. */
  readonly log: string[];
  remove(): void;
}

/** The outcome of one Terraform command. */
export interface TerraformRun {
  readonly code: number;
  readonly output: string;
}

/** Synthesizes the stack that `build` adds to a fresh app into a temporary directory. */
export function synthWorkspace(
  name: string,
  build: (stack: TerraformStack) => void,
): TerraformWorkspace {
  const outdir = mkdtempSync(join(tmpdir(), "dws-dr-tf-"));
  synthStack(outdir, name, build);
  return {
    outdir,
    stackDir: join(outdir, "stacks", name),
    log: [],
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** Synthesizes stack `name`, with its state in `outdir`, into `outdir` (a first or a later version). */
export function synthStack(outdir: string, name: string, build: (stack: TerraformStack) => void) {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, name);
  // State beside the stack, not in the cwd where cdktf's default backend would put it.
  new LocalBackend(stack, { path: join(outdir, "terraform.tfstate") });
  build(stack);
  app.synth();
}

/** Runs `terraform <args>` (or its stand-in, {@link TERRAFORM}) in the stack directory and logs it. */
export async function terraform(
  workspace: TerraformWorkspace,
  args: string[],
  env: Readonly<Record<string, string>>,
): Promise<TerraformRun> {
  const { code, output } = await runProcess(
    TERRAFORM.path,
    [`-chdir=${workspace.stackDir}`, ...args, "-no-color"],
    { env: { ...cleanEnv(), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env } },
  );
  workspace.log.push(`$ ${TERRAFORM.name} ${args.join(" ")}\n${output}`);
  return { code, output };
}

/**
 * Starts `terraform <args>` in a process group of its own and returns at once, so a test can
 * interrupt it like a terminal's Ctrl-C: `process.kill(-run.pid, "SIGINT")` signals Terraform
 * and every child it started (the local-exec shell and the runtime) together.
 */
export function startTerraform(
  workspace: TerraformWorkspace,
  args: string[],
  env: Readonly<Record<string, string>>,
): RunningProcess {
  const run = startProcess(TERRAFORM.path, [`-chdir=${workspace.stackDir}`, ...args, "-no-color"], {
    env: { ...cleanEnv(), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env },
    detached: true,
  });
  void run.finished.then(({ output }) =>
    workspace.log.push(`$ ${TERRAFORM.name} ${args.join(" ")} (detached)\n${output}`),
  );
  return run;
}

/** `init` then `apply -auto-approve`. */
export async function initAndApply(
  workspace: TerraformWorkspace,
  env: Readonly<Record<string, string>>,
): Promise<TerraformRun> {
  const init = await terraform(workspace, ["init", "-input=false"], env);
  if (init.code !== 0) throw new Error(`${TERRAFORM.name} init failed:\n${init.output}`);
  return terraform(workspace, ["apply", "-auto-approve", "-input=false"], env);
}

/** The stack's local state file as parsed JSON. */
export function readState(workspace: TerraformWorkspace): TerraformState {
  return JSON.parse(readFileSync(statePath(workspace), "utf8"));
}

/** Where the workspace keeps its state. */
export function statePath(workspace: TerraformWorkspace): string {
  return join(workspace.outdir, "terraform.tfstate");
}

/** The parts of Terraform's state file the tests read. */
export interface TerraformState {
  readonly outputs: Record<string, { value: unknown }>;
  readonly resources: Array<{
    readonly type: string;
    readonly name: string;
    readonly instances: Array<{
      readonly status?: string;
      readonly attributes: Record<string, unknown>;
    }>;
  }>;
}

// The machine's own cloud credentials and DWS_DR_* settings must not leak into a test run.
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !/^(HUAWEICLOUD_SDK_|HW_|DWS_DR_)/.test(entry[0]),
    ),
  );
}
