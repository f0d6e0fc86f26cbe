/**
 * Runs `work` with a signal that SIGINT or SIGTERM aborts (reason: the signal's name), so an
 * interrupted wait can say what it knows and exit 8 instead of dying silently. Terraform sends
 * SIGINT to a provisioner on Ctrl-C, then SIGTERM or SIGKILL.
 */
export async function withInterruption<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
