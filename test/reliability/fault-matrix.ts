import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DrAction } from "../../lib/api/status-model";
import { Fault, RunningEmulator } from "../../lib/emulator";
import { waitFor, withEmulator } from "../support/emulator";
import { runProcess } from "../support/process";
import {
  DR_ID,
  actionCounts,
  cliEnv,
  emulatorSecrets,
  inPool,
  reachedTarget,
  runChecked,
  seedFor,
} from "./support";

/** Where the suites write their results, which scripts/reliability-report.cjs renders. */
export const RESULTS_DIR = join(__dirname, "results");
const REPORT_SCRIPT = join(__dirname, "../../scripts/reliability-report.cjs");

/** Where in a run a fault strikes. */
export type Step = "first read" | "action" | "polls";
export const STEPS: readonly Step[] = ["first read", "action", "polls"];

/** A fault of the matrix: how to arm it at a step. */
export interface MatrixFault {
  readonly name: string;
  /** Arms the fault for `step` (or, for refused connections, stops the listener). */
  readonly arm: (emulator: RunningEmulator, step: Step, action: DrAction) => Promise<void> | void;
}

// A fault aimed at a step: reads hit twice (retries must outlive a blip), the action once.
function at(step: Step, action: DrAction, fault: Omit<Fault, "match">): Fault {
  if (step === "action") return { match: { action }, ...fault };
  // The first GET is the precheck; skipping it aims at the polls after the action.
  return {
    match: { method: "GET" },
    times: 2,
    ...fault,
    skip: step === "polls" ? 1 : 0,
  };
}

const httpFault = (status: number, extra: Partial<Fault> = {}): MatrixFault => ({
  name: `${status}${extra.retryAfter ? ` Retry-After ${extra.retryAfter}` : ""}`,
  arm: (emulator, step, action) => emulator.injectFault(at(step, action, { status, ...extra })),
});

/** Request timeout the CLI runs with here (DWS_DR_REQUEST_TIMEOUT), and latency beyond it. */
// Generous for a loaded machine: a normal request must never hit the timeout by accident.
const REQUEST_TIMEOUT = "1500ms";
const LATENCY_MS = 4000;

export const MATRIX_FAULTS: readonly MatrixFault[] = [
  httpFault(500),
  httpFault(502),
  httpFault(503),
  httpFault(504),
  httpFault(429, { retryAfter: "1" }),
  { ...httpFault(429), name: "429 without Retry-After" },
  {
    ...httpFault(409, {
      body: {
        error_code: "DWS.0011",
        error_msg: "Another operation is being performed on the instance. Try again later.",
      },
    }),
    name: "409 DWS.0011",
  },
  {
    name: `latency ${LATENCY_MS / 1000}s (request timeout ${REQUEST_TIMEOUT})`,
    arm: (emulator, step, action) =>
      emulator.injectFault(at(step, action, { latencyMs: LATENCY_MS, times: 1 })),
  },
  {
    name: "connection dropped before applying",
    arm: (emulator, step, action) =>
      emulator.injectFault(at(step, action, { drop: "before", times: 1 })),
  },
  {
    name: "connection dropped after applying",
    arm: (emulator, step, action) =>
      emulator.injectFault(at(step, action, { drop: "after", times: 1 })),
  },
  {
    name: "connection refused",
    // Nothing listens from the step on: before the run, after the precheck, after the action.
    arm: (emulator, step, action) =>
      step === "first read"
        ? emulator.stopListening()
        : emulator.injectFault({
            match: step === "action" ? { method: "GET" } : { action },
            stopListening: true,
          }),
  },
];

const RECOVERY_TRANSITION_MS = 8000;

/** The run's timeout: what a run whose polls are refused ends on. */
const RUN_TIMEOUT = "20s";

/** One cell's record: what the run did, and what a re-run did when the run failed. */
export interface CellResult {
  readonly action: DrAction;
  readonly fault: string;
  readonly step: Step;
  /** The service showed the old status for a while after accepting an action. */
  readonly stale: boolean;
  readonly exitCode: number;
  /** `ok: true` outcome, or the error category of `--json`. */
  readonly outcome: string;
  /** Action requests the service received and applied during the run. */
  readonly received: number;
  readonly applied: number;
  /** The re-run after a failed run (a tainted resource's next apply); null when none was needed. */
  readonly rerun: { readonly exitCode: number; readonly outcome: string } | null;
  /** Actions applied by the run and its re-run together. */
  readonly appliedInAll: number;
  /** The DR ended where the action leads. */
  readonly converged: boolean;
}

// Longer than a run's quick re-send sequence after a lost response takes, even on a busy machine.
const STALE_READS_MS = 4000;

/** Runs one cell: the action through the bundled CLI with the fault armed, then a re-run if needed. */
export async function runCell(
  action: DrAction,
  fault: MatrixFault,
  step: Step,
  stale: boolean,
): Promise<CellResult> {
  const options = {
    seed: seedFor(action),
    transitionMs: 200,
    // A recovery is only seen to happen while it runs (it starts and ends in running): like the
    // real one's minutes, it outlasts a request timeout here.
    transitionMsByAction: { recovery: RECOVERY_TRANSITION_MS },
    staleReadsMs: stale ? STALE_READS_MS : 0,
  };
  return withEmulator(options, async (emulator) => {
    const primaryBefore = emulator.getTask(DR_ID)?.primaryCluster.id;
    const env = cliEnv(emulator, action, {
      DWS_DR_REQUEST_TIMEOUT: REQUEST_TIMEOUT,
      DWS_DR_TIMEOUT: RUN_TIMEOUT,
    });
    const secrets = emulatorSecrets(emulator);
    await fault.arm(emulator, step, action);

    const first = await runChecked([action, "--json"], env, secrets);
    const counts = actionCounts(emulator, action);
    if (first.code !== 0) expect(first.stderr).toMatch(/dws-dr: error: /);
    // A run that says it succeeded left the DR where the action leads.
    if (first.code === 0) expect(reachedTarget(emulator, action, primaryBefore)).toBe(true);

    let rerun: CellResult["rerun"] = null;
    if (first.code !== 0) {
      // The next apply comes later than the service's stale moment, and finds it listening.
      await emulator.resumeListening();
      await waitFor(() => !emulator.servesStaleDetail(DR_ID), "the stale window to pass", 30_000);
      const again = await runChecked([action, "--json"], env, secrets);
      rerun = { exitCode: again.code, outcome: outcomeOf(again.stdout) };
    }
    return {
      action,
      fault: fault.name,
      step,
      stale,
      exitCode: first.code,
      outcome: outcomeOf(first.stdout),
      received: counts.received,
      applied: counts.applied,
      rerun,
      appliedInAll: actionCounts(emulator, action).applied,
      converged: reachedTarget(emulator, action, primaryBefore),
    };
  });
}

function outcomeOf(stdout: string): string {
  try {
    const result = JSON.parse(stdout) as {
      ok: boolean;
      outcome?: string;
      error?: { category?: string };
    };
    return result.ok ? (result.outcome ?? "ok") : (result.error?.category ?? "error");
  } catch {
    return "no JSON result";
  }
}

/** Every cell of one action: each fault at each step, and at the action step with stale reads. */
export function cellsOf(action: DrAction) {
  const cells: { fault: MatrixFault; step: Step; stale: boolean }[] = [];
  for (const fault of MATRIX_FAULTS) {
    for (const step of STEPS) cells.push({ fault, step, stale: false });
    cells.push({ fault, step: "action", stale: true });
  }
  return cells.map((cell) => ({ action, ...cell }));
}

/**
 * Runs every cell of every action, ten at a time: each has its own emulator, and a cell mostly
 * waits (for its CLI process, a transition or a timeout).
 */
export function runMatrix(actions: readonly DrAction[]): Promise<CellResult[]> {
  const cells = actions.flatMap(cellsOf);
  return inPool(cells, 10, (cell) => runCell(cell.action, cell.fault, cell.step, cell.stale));
}

/** Writes a suite's results for the report script. */
export function writeResults(name: string, results: unknown): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

/** Fails when docs/reliability.md is not what the current results render. */
export async function expectReportCurrent(): Promise<void> {
  const check = await runProcess(process.execPath, [REPORT_SCRIPT, "--check"], {
    env: { PATH: process.env.PATH ?? "" },
  });
  if (check.code !== 0) throw new Error(check.stderr || check.stdout);
}
