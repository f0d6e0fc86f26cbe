import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DwsDrClient } from "../lib/api/client";
import { startEmulator } from "../lib/emulator";

// `npm run demo`: deploys the example app with `cdktf deploy` against the embedded emulator,
// prints its outputs and the DR's final status, then destroys the stack and stops the emulator.
const ROOT = join(__dirname, "../..");
const STACK = "dws-dr-demo";
const DEMO_DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

/**
 * The Terraform (or OpenTofu) binary cdktf deploys with: the tests' switch, DWS_DR_TF_BINARY
 * (scripts/tool-paths.cjs). Loaded from the repository at run time, since this runs from dist/.
 */
function terraformBinary(): { path: string; name: string; why: string } {
  return createRequire(__filename)(join(ROOT, "scripts/tool-paths.cjs")).terraformBinary();
}

async function main(): Promise<void> {
  const binary = terraformBinary();
  const emulator = await startEmulator({ transitionMs: 1500 });
  const workDir = mkdtempSync(join(tmpdir(), "dws-dr-demo-"));
  const outputsFile = join(workDir, "outputs.json");
  const outdir = ["--output", join(workDir, "cdktf.out")];
  const env = {
    ...withoutMissingCliConfig(withoutCloudCredentials(process.env)),
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
    DEMO_PROJECT_ID: emulator.projectId,
    DEMO_DISASTER_RECOVERY_ID: DEMO_DR_ID,
    DEMO_ENDPOINT: emulator.endpoint,
    DEMO_STATE_FILE: join(workDir, "terraform.tfstate"),
    CHECKPOINT_DISABLE: "1", // no version check calls from Terraform: this runs offline
    // cdktf runs whatever TERRAFORM_BINARY_NAME names: terraform, or tofu for OpenTofu.
    TERRAFORM_BINARY_NAME: binary.path,
  };
  try {
    step(`deploying with ${binary.name} (${binary.path}: ${binary.why})`);
    step(
      `emulator on ${emulator.endpoint}; DR ${DEMO_DR_ID} is "${emulator.getTask(DEMO_DR_ID)?.status}"`,
    );
    await cdktf(["deploy", STACK, ...outdir, "--auto-approve", "--outputs-file", outputsFile], env);

    const outputs = JSON.parse(readFileSync(outputsFile, "utf8"))[STACK];
    step(`outputs: ${JSON.stringify(outputs, null, 2)}`);
    const client = new DwsDrClient({
      endpoint: emulator.endpoint,
      projectId: emulator.projectId,
      credentials: { kind: "aksk", accessKey: emulator.accessKey, secretKey: emulator.secretKey },
    });
    const detail = await client.getDetail(DEMO_DR_ID);
    step(`DR ${detail.id} final status: ${detail.status}`);
    if (detail.status !== "running" || outputs.started_disaster_recovery_id !== DEMO_DR_ID) {
      throw new Error("the deploy finished but the DR is not running with the expected output");
    }

    await cdktf(["destroy", STACK, ...outdir, "--auto-approve"], env);
    step("destroyed the stack (a DR start is not undone by destroy); demo succeeded");
  } finally {
    await emulator.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function cdktf(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  step(`cdktf ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the emulator serves from this process while cdktf runs.
    const child = spawn(join(ROOT, "node_modules/.bin/cdktf"), args, {
      cwd: ROOT,
      env,
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`cdktf ${args[0]} exited with code ${code}`)),
    );
  });
}

// The demo must never use (or leak) real cloud credentials that happen to be in the shell.
function withoutCloudCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^(HUAWEICLOUD_SDK_|HW_|DWS_DR_)/.test(name)),
  );
}

// OpenTofu, unlike Terraform, prints a warning on stdout when TF_CLI_CONFIG_FILE names a file that
// does not exist, and cdktf then fails to parse `tofu output -json`. A missing file configures
// nothing, so the demo leaves the variable out.
function withoutMissingCliConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env.TF_CLI_CONFIG_FILE;
  if (file === undefined || existsSync(file)) return env;
  const { TF_CLI_CONFIG_FILE: _missing, ...rest } = env;
  return rest;
}

function step(message: string): void {
  process.stdout.write(`\n==> ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
