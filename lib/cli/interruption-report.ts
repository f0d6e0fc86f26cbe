import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * Where an interrupted run's report goes besides stderr, so that the user learns what was sent
 * even when nobody reads the runtime's stderr any more:
 *
 * - Under `cdktf deploy`, Ctrl-C ends the deploy UI, which shows only "AbortError": the report
 *   is also written to the controlling terminal (`/dev/tty`) when stderr is not that terminal.
 * - When Terraform alone was stopped, its pipe is gone: the report is kept in a file in the
 *   working directory (the stack directory under Terraform), and the next run of the same DR
 *   there prints it first and removes it.
 */
export function deliverInterruptionReport(
  report: string,
  disasterRecoveryId: string,
  parentGone: boolean,
): void {
  if (!process.stderr.isTTY) writeToTerminal(report);
  if (parentGone) {
    try {
      writeFileSync(reportFile(disasterRecoveryId), report);
    } catch {
      // Best effort: a read-only directory must not turn an interruption into a crash.
    }
  }
}

/** The report a run of this DR left here when its parent was gone, removed once read. */
export function takePreviousReport(disasterRecoveryId: string): string | undefined {
  const file = reportFile(disasterRecoveryId);
  try {
    const report = readFileSync(file, "utf8");
    rmSync(file, { force: true });
    return report;
  } catch {
    return undefined;
  }
}

/** The file an orphaned run of `disasterRecoveryId` leaves its report in. */
export function reportFile(disasterRecoveryId: string): string {
  return join(process.cwd(), `dws-dr-interrupted-${disasterRecoveryId}.log`);
}

function writeToTerminal(report: string): void {
  try {
    const tty = openSync("/dev/tty", "w");
    try {
      writeSync(tty, report);
    } finally {
      closeSync(tty);
    }
  } catch {
    // No controlling terminal (CI, a service): stderr and the report file are all there is.
  }
}
