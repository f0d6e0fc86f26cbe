import { spawn } from "node:child_process";
import { join } from "node:path";

/** The bundled runtime: the file Terraform runs, so the CLI tests exercise exactly it. */
export const RUNTIME_BUNDLE = join(__dirname, "../../dist/runtime/dws-dr.cjs");

/** What one `dws-dr` process did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/runtime/dws-dr.cjs <args>` with exactly `env` (plus PATH), asynchronously so an
 * emulator in the test's process keeps serving.
 */
export function runDwsDr(args: string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNTIME_BUNDLE, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
