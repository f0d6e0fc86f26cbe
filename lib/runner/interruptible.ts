import type { DrApi } from "./types";

/**
 * The API with every call cut short when `signal` aborts: a read can take as long as its retries,
 * and an interrupted run must stop at once. The call rejects with the signal's reason; what the
 * run knew is reported by the run itself.
 */
export function interruptible(api: DrApi, signal: AbortSignal | undefined): DrApi {
  if (!signal) return api;
  const race = <T>(call: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      call.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  return {
    getDetail: (...args) => race(api.getDetail(...args)),
    sendAction: (...args) => race(api.sendAction(...args)),
  };
}

/** Sleeps `ms`, or rejects with the signal's reason as soon as it aborts. */
export function interruptibleSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
