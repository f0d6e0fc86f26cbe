import { DwsDrClient } from "../../lib/api/client";
import { DwsDrError } from "../../lib/api/errors";
import { RunningEmulator } from "../../lib/emulator";

/** A client of `emulator`'s account (with `secretKey` instead of its own, when given). */
export function connect(emulator: RunningEmulator, secretKey = emulator.secretKey): DwsDrClient {
  return new DwsDrClient({
    endpoint: emulator.endpoint,
    projectId: emulator.projectId,
    credentials: { kind: "aksk", accessKey: emulator.accessKey, secretKey },
    retryPolicy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 3000, budgetMs: 5000 },
  });
}

/**
 * The error `promise` rejects with, of `type` (a DwsDrError unless told); fails the test when it
 * resolves or rejects with anything else.
 */
export async function failure<E extends Error = DwsDrError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E = DwsDrError as unknown as new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error("expected the run to fail");
}
