import type { DwsDrClient } from "../api/client";
import { DwsDrError } from "../api/errors";
import { RunActionOptions, RunActionResult, runAction } from "../runner/run-action";
import { PARENT_GONE, withInterruption } from "./interruption";
import { deliverInterruptionReport, takePreviousReport } from "./interruption-report";
import { CliIo, progressLine, redactingIo } from "./output";

/**
 * Runs one DR action for the CLI: stopped by SIGINT, SIGTERM or the end of its parent, and an
 * interruption's report delivered where the user will read it (see interruption-report.ts).
 * `secrets` are redacted from the report wherever it goes, as from stderr.
 */
export async function runActionCommand(
  client: DwsDrClient,
  options: RunActionOptions,
  secrets: readonly string[],
  out: CliIo,
): Promise<RunActionResult> {
  const { disasterRecoveryId } = options;
  const previous = takePreviousReport(disasterRecoveryId);
  if (previous !== undefined) {
    progressLine(out)(
      `the previous run for this DR here lost its Terraform run; it reported: ${previous.trim()}`,
    );
  }
  let runSignal: AbortSignal | undefined;
  try {
    return await withInterruption((signal) => {
      runSignal = signal;
      return runAction(client, { ...options, signal });
    });
  } catch (error) {
    const signal = runSignal;
    if (signal?.aborted && error instanceof DwsDrError) {
      const deliver = (text: string) =>
        deliverInterruptionReport(text, disasterRecoveryId, signal.reason === PARENT_GONE);
      redactingIo({ stdout: deliver, stderr: deliver }, secrets).stderr(
        `dws-dr: error: ${error.message}\n`,
      );
    }
    throw error;
  }
}
