/** Why a run was interrupted when no signal reached it: the process that started it is gone. */
export const PARENT_GONE = "the end of its parent process (Terraform stopped)";

// How often the runtime checks that its parent is still there: short enough that it stops well
// before a user re-runs, long enough to cost nothing.
const PARENT_CHECK_MS = 250;

/**
 * Runs `work` with a signal that is aborted when the run must stop: SIGINT or SIGTERM (reason:
 * the signal's name), or the parent process ending (reason: {@link PARENT_GONE}). So an
 * interrupted wait can say what it knows and exit 8 instead of dying silently or living on.
 *
 * Terraform sends SIGINT to a provisioner on Ctrl-C. But a SIGINT to the `terraform` process
 * alone makes it kill the local-exec shell, not the runtime the shell started: the runtime is
 * left orphaned, and only its changed parent pid tells it to stop sending.
 */
export async function withInterruption<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) controller.abort(PARENT_GONE);
  }, PARENT_CHECK_MS);
  watch.unref();
  try {
    return await work(controller.signal);
  } finally {
    clearInterval(watch);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
