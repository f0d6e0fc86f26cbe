import { join } from "node:path";
import { ProcessRun, RunningProcess, runProcess, startProcess } from "./process";

/** The bundled runtime: the file Terraform runs, so the CLI tests exercise exactly it. */
export const RUNTIME_BUNDLE = join(__dirname, "../../dist/runtime/dws-dr.cjs");

/** What one `dws-dr` process did. */
export type CliRun = ProcessRun;

/** Runs `node dist/runtime/dws-dr.cjs <args>` with exactly `env` (plus PATH). */
export function runDwsDr(args: string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return runProcess(process.execPath, [RUNTIME_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

/** Starts `node dist/runtime/dws-dr.cjs <args>` without waiting for it (to signal it mid-run). */
export function startDwsDr(args: string[], env: Readonly<Record<string, string>>): RunningProcess {
  return startProcess(process.execPath, [RUNTIME_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}
