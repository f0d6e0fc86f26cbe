import { join } from "node:path";
import type { RunningEmulator } from "../../lib/emulator";
import { ProcessRun, RunningProcess, runProcess, startProcess } from "./process";

/** The bundled runtime: the file Terraform runs, so the CLI tests exercise exactly it. */
export const RUNTIME_BUNDLE = join(__dirname, "../../dist/runtime/dws-dr.cjs");

/**
 * The environment the constructs' local-exec gives the runtime for DR `disasterRecoveryId` on
 * `emulator`: the account's credentials and the DR's DWS_DR_* target, plus `settings` (poll
 * interval, timeout, ...) which each test chooses.
 */
export function runtimeEnv(
  emulator: RunningEmulator,
  disasterRecoveryId: string,
  settings: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
    DWS_DR_PROJECT_ID: emulator.projectId,
    DWS_DR_DISASTER_RECOVERY_ID: disasterRecoveryId,
    DWS_DR_ENDPOINT: emulator.endpoint,
    ...settings,
  };
}

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
