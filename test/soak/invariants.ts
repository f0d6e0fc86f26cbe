import { JournalEntry } from "../../lib/emulator";
import { Command, STEP_ORDER, StepKind } from "./model";

// The invariants a history must keep, checked after every step from what the emulator journaled
// and holds, never from what the runner says it did. Pure functions: the harness observes, these
// judge, and invariants.test.ts shows each one catching the violation it is for.

/** A declared step as the invariants need it: ids resolved, arming as synthesized. */
export interface DeclaredStep {
  readonly kind: StepKind;
  readonly revision?: string;
  /** For a switchover or failover: the id of the cluster that must be primary afterwards. */
  readonly primaryClusterId?: string;
  /** Synthesized as disarmed (the construct marks it so; it must send nothing). */
  readonly disarmed: boolean;
}

/** One DR of the declared stack. */
export interface DeclaredDr {
  readonly disasterRecoveryId: string;
  readonly steps: readonly DeclaredStep[];
}

/** The DR as the emulator holds it once its transitions settled. */
export interface SettledDr {
  readonly status: string;
  readonly primaryClusterId: string;
}

/** What one step of a history did, as observed by the harness. */
export interface StepObservation {
  readonly index: number;
  readonly command: Command | { readonly t: "initial" };
  readonly run: "apply" | "plan";
  readonly code: number;
  /** Everything Terraform printed (the runtime's lines included). */
  readonly output: string;
  /** The apply was interrupted on purpose (SIGINT to its process group). */
  readonly interrupted: boolean;
  /** The stack this step applied, per DR (index as in the model). */
  readonly declared: readonly DeclaredDr[];
  /** Journal entries of this step, drift excluded (the hand-made switchover is not the stack's). */
  readonly entries: readonly JournalEntry[];
  /** Requests the emulator received during the step (drift excluded), and attempts on the region's host. */
  readonly requestsReceived: number;
  readonly regionAttempts: number;
  /** Per DR: the steps whose resource was created or replaced, armed, in this step. */
  readonly ran: readonly (readonly StepKind[])[];
  /** Per DR, after the step's transitions settled. */
  readonly settled: readonly SettledDr[];
  /** Texts to scan for secrets: the output, synthesized JSON, state. */
  readonly artefacts: readonly { readonly name: string; readonly text: string }[];
}

/** What the invariants remember across a history's steps. */
export interface Ledger {
  /** Data-losing actions applied, by `dr/action/revision/taint generation`. */
  readonly fired: Map<string, number[]>;
  /** Explicit `taint` commands per `dr/kind`: the user asked for that step to run again. */
  readonly taints: Map<string, number>;
}

/** A fresh ledger for a history. */
export function newLedger(): Ledger {
  return { fired: new Map(), taints: new Map() };
}

/** The outcome of checking one step. */
export interface CheckResult {
  readonly checks: number;
  readonly violations: string[];
}

/** What every failed apply must print: the runtime's error line. */
export const RUNTIME_ERROR_LINE = "dws-dr: error:";

/**
 * Checks one step. `secrets` are the credential values that must never be printed; `arming`
 * says whether the constructs mark an unarmed failover/recovery as disarmed (then one must never
 * fire).
 */
export function checkStep(
  step: StepObservation,
  ledger: Ledger,
  secrets: readonly { readonly label: string; readonly value: string }[],
): CheckResult {
  const violations: string[] = [];
  let checks = 0;
  // A taint is the user asking for that step to run again: for a data-losing step, a new round.
  if (step.command.t === "taint") {
    const key = `${step.command.dr}/${step.command.kind}`;
    ledger.taints.set(key, (ledger.taints.get(key) ?? 0) + 1);
  }

  const check = (ok: boolean, message: () => string) => {
    checks += 1;
    if (!ok) violations.push(`step ${step.index} (${describe(step.command)}): ${message()}`);
  };
  const drIndex = (id: string) => step.declared.findIndex((d) => d.disasterRecoveryId === id);
  const declaredStep = (id: string, kind: string) =>
    step.declared[drIndex(id)]?.steps.find((s) => s.kind === kind);

  for (const entry of step.entries.filter((e) => e.applied)) {
    const declared = declaredStep(entry.disasterRecoveryId, entry.action);
    // At most one data-losing action per (DR, revision); a disarmed one never fires.
    if (entry.action === "failover" || entry.action === "recovery") {
      check(
        declared !== undefined,
        () =>
          `${entry.action} applied on DR ${drIndex(entry.disasterRecoveryId)} whose stack declares none`,
      );
      check(
        !declared?.disarmed,
        () =>
          `${entry.action} applied on DR ${drIndex(entry.disasterRecoveryId)} while it is disarmed (no revision)`,
      );
      const taints = ledger.taints.get(`${drIndex(entry.disasterRecoveryId)}/${entry.action}`) ?? 0;
      const key = `${drIndex(entry.disasterRecoveryId)}/${entry.action}/${declared?.revision ?? "(no revision)"}/${taints}`;
      const fired = [...(ledger.fired.get(key) ?? []), step.index];
      ledger.fired.set(key, fired);
      check(
        fired.length <= 1,
        () =>
          `${entry.action} applied ${fired.length} times for DR ${drIndex(entry.disasterRecoveryId)} revision ${declared?.revision ?? "(none)"} (steps ${fired.join(", ")})`,
      );
    }
    // No swap sent to a DR whose declared primary already was primary.
    if (entry.action === "switchover" || entry.action === "failover") {
      check(
        declared?.primaryClusterId === undefined ||
          entry.primaryBefore !== declared.primaryClusterId,
        () =>
          `${entry.action} applied on DR ${drIndex(entry.disasterRecoveryId)} while its declared primary already was primary`,
      );
    }
  }

  if (step.run === "plan") {
    check(
      step.requestsReceived === 0 && step.regionAttempts === 0,
      () =>
        `a plan sent ${step.requestsReceived} request(s) to the emulator and ${step.regionAttempts} to the region`,
    );
  }

  if (step.run === "apply" && step.code === 0 && !step.interrupted) {
    // After a successful apply, each DR is where the last step that ran on it leaves it.
    step.declared.forEach((dr, index) => {
      const ran = step.ran[index] ?? [];
      const last = STEP_ORDER.filter((kind) => ran.includes(kind)).pop();
      if (last === undefined) return;
      const settled = step.settled[index];
      check(
        settled.status === "running",
        () =>
          `DR ${index} is ${settled.status} after a successful apply that ran its ${last} (declared: running)`,
      );
      const wanted = dr.steps.find((s) => s.kind === last)?.primaryClusterId;
      if (wanted !== undefined) {
        check(
          settled.primaryClusterId === wanted,
          () =>
            `DR ${index}'s primary is not the one its ${last} declares after a successful apply`,
        );
      }
    });
  }

  if (step.run === "apply" && step.code !== 0) {
    // Every failed apply says what happened: the runtime's error line (or, interrupted outside any
    // action, Terraform's own notice).
    check(
      step.output.includes(RUNTIME_ERROR_LINE) ||
        (step.interrupted && /Interrupt received/.test(step.output)),
      () =>
        `the apply failed (exit ${step.code}) without the runtime's error line ("${RUNTIME_ERROR_LINE}")`,
    );
  }

  for (const artefact of step.artefacts) {
    for (const secret of secrets) {
      check(
        !artefact.text.includes(secret.value),
        () => `the ${secret.label} appears in ${artefact.name}`,
      );
    }
  }

  return { checks, violations };
}

/** A command in a few words, for messages. */
export function describe(command: Command | { readonly t: "initial" }): string {
  const { t, ...rest } = command as { t: string } & Record<string, unknown>;
  const args = Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`);
  return args.length === 0 ? t : `${t} ${args.join(" ")}`;
}
