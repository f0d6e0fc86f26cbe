// Noticing completion: how long after the DR reaches `running` the waiter exits, and how many
// status reads it made, for the runtime's schedule (lib/runner/poll-schedule.ts) and two fixed
// cadences: the huaweicloud Terraform provider's (10 s delay, 10 s interval) and every second.
// Each run is a process against its own emulator whose start transition takes the given time;
// all runs of a round go concurrently (they mostly sleep). "Noticed after" is the waiter's exit
// minus the moment the emulator switched the DR to running, both read from this process's clock.
// --quick measures the 3 s transition only and computes the longer ones from the schedule
// (labelled "model": reads and delay of the schedule alone, without request and exit time).
import { join } from "node:path";
import { startEmulator } from "../dist/lib/emulator/index.js";
import { pollDelays } from "../dist/lib/runner/poll-schedule.js";
import { RUNTIME_BUNDLE } from "../scripts/runtime-bundle.mjs";
import { median, round1, run, ROOT } from "./support.mjs";

const POLLER = join(ROOT, "bench/peers/fixed-poller.mjs");
const WAITERS = {
  "dws-dr (runtime schedule)": {
    args: (timeoutS) => [RUNTIME_BUNDLE, "start", "--timeout", `${timeoutS}s`],
  },
  "fixed 10 s (provider cadence)": { args: () => [POLLER, "10000", "10000"], fixed: 10_000 },
  "fixed 1 s": { args: () => [POLLER, "1000", "1000"], fixed: 1000 },
};

async function measureOnce(transitionMs, waiter) {
  const emulator = await startEmulator({ transitionMs });
  try {
    const id = emulator.disasterRecoveryIds[0]; // "unstart" in the default seed
    const env = {
      PATH: process.env.PATH,
      HUAWEICLOUD_SDK_AK: emulator.accessKey,
      HUAWEICLOUD_SDK_SK: emulator.secretKey,
      DWS_DR_PROJECT_ID: emulator.projectId,
      DWS_DR_DISASTER_RECOVERY_ID: id,
      DWS_DR_ENDPOINT: emulator.endpoint,
      NO_PROXY: "127.0.0.1",
    };
    const timeoutS = Math.ceil(transitionMs / 1000) + 60;
    const result = await run(process.execPath, waiter.args(timeoutS), { env });
    if (result.code !== 0) throw new Error(`waiter exited ${result.code}: ${result.stderr}`);
    const reached = emulator.getTask(id).statusHistory.find((c) => c.status === "running");
    const detailPath = `/v2/${emulator.projectId}/disaster-recovery/${id}`;
    const reads = emulator.requests.filter((r) => r.method === "GET" && r.path === detailPath);
    return { noticedAfterMs: result.exitedAt - reached.at, statusReads: reads.length };
  } finally {
    await emulator.stop();
  }
}

/** The schedule alone: reads while waiting (plus the precheck read) and the delay. */
function model(transitionMs, waiter) {
  const delays = waiter.fixed ? null : pollDelays(10_000);
  let at = 0;
  let reads = 1; // the read before the action is sent
  while (at < transitionMs) {
    at += waiter.fixed ?? delays.next().value;
    reads++;
  }
  return { noticedAfterMs: at - transitionMs, statusReads: reads };
}

export async function completion({ quick, repetitions }) {
  const transitions = [3_000, 30_000, 120_000];
  const measured = quick ? [3_000] : transitions;
  const rows = [];
  for (const transitionMs of transitions) {
    for (const name of Object.keys(WAITERS)) {
      rows.push({
        transitionMs,
        waiter: name,
        kind: measured.includes(transitionMs) ? "measured" : "model",
        samples: [],
      });
    }
  }
  for (let rep = 0; rep < (repetitions ?? 1); rep++) {
    await Promise.all(
      rows
        .filter((row) => row.kind === "measured")
        .map(async (row) =>
          row.samples.push(await measureOnce(row.transitionMs, WAITERS[row.waiter])),
        ),
    );
  }
  return {
    note: "status reads include the one before the action is sent",
    rows: rows.map((row) => {
      const values =
        row.kind === "measured" ? row.samples : [model(row.transitionMs, WAITERS[row.waiter])];
      const noticedAfterMs = median(values.map((v) => v.noticedAfterMs));
      return {
        transitionS: row.transitionMs / 1000,
        waiter: row.waiter,
        kind: row.kind,
        runs: values.length,
        noticedAfterMs: round1(noticedAfterMs),
        statusReads: median(values.map((v) => v.statusReads)),
        targetMs: 1000 + 0.05 * row.transitionMs,
        withinTarget: noticedAfterMs <= 1000 + 0.05 * row.transitionMs,
      };
    }),
  };
}
