// The soak test's model of a stack and of what happens to it: a declared stack (one or two DRs,
// each a runbook or separate action constructs) and the commands of a history (edits, faults,
// interruptions, re-runs, drift). Pure data and pure transforms; harness.ts carries them out.

/** The steps a DR's stack may declare, at most one of each, always in this order. */
export const STEP_ORDER = ["start", "switchover", "failover", "recovery"] as const;

/** One kind of step. */
export type StepKind = (typeof STEP_ORDER)[number];

/** The steps that may be added or removed (the start stays: it is what the others follow). */
export type OptionalStep = Exclude<StepKind, "start">;

/** The data-losing steps: they fire only when armed (a non-empty revision). */
export type DataLosingStep = "failover" | "recovery";

/** The seed's two clusters of a DR: `a` is primary at first, `b` standby. */
export type Cluster = "a" | "b";

/** How a DR's steps reach the service: the emulator by IP or name, or a region (unreachable here). */
export type Reach = "127.0.0.1" | "localhost" | "region";

/** One declared step. */
export interface StepModel {
  readonly kind: StepKind;
  /** The step's revision; for a failover or recovery, undefined means disarmed. */
  readonly revision?: string;
  readonly timeout: string;
  readonly pollInterval: string;
  readonly wait: boolean;
  /** For a switchover or failover: the cluster that must be primary afterwards. */
  readonly primary?: Cluster;
}

/** One DR's part of the stack. */
export interface DrModel {
  /** A `DisasterRecoveryRunbook`, or separate action constructs ordered by `dependsOn`. */
  readonly form: "runbook" | "separate";
  readonly reach: Reach;
  /** In {@link STEP_ORDER}. */
  readonly steps: readonly StepModel[];
}

/** The declared stack. */
export interface StackModel {
  readonly drs: readonly DrModel[];
}

/** The service faults a history injects (lib/emulator/faults.ts). */
export const FAULT_KINDS = ["5xx", "429", "busy", "latency", "lost", "stale"] as const;

/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which requests a fault strikes: one action's requests, or status reads. */
export type FaultTarget = "start" | "switchover" | "failover" | "recovery" | "read";

/**
 * One step of a history. Each is followed by a real `terraform apply` (a `plan` for `plan`), so
 * every command is "edit (or break) something, then deploy".
 */
export type Command =
  /** A new revision for the step (for a failover or recovery: a new incident, which arms it). */
  | { readonly t: "revision"; readonly dr: number; readonly kind: StepKind }
  /** How the step runs: none of these may re-run anything. */
  | {
      readonly t: "tuning";
      readonly dr: number;
      readonly kind: StepKind;
      readonly timeout?: string;
      readonly pollInterval?: string;
      readonly wait?: boolean;
    }
  /** 127.0.0.1 <-> localhost: the same emulator. */
  | { readonly t: "endpoint"; readonly dr: number }
  /** The endpoint <-> a region (whose real host is out of reach here: a proxy sink refuses it). */
  | { readonly t: "region"; readonly dr: number }
  | {
      readonly t: "add";
      readonly dr: number;
      readonly kind: OptionalStep;
      readonly primary: Cluster;
      readonly armed: boolean;
    }
  | { readonly t: "remove"; readonly dr: number; readonly kind: OptionalStep }
  /** Sets an incident id as the revision (`INC-<n>`). */
  | { readonly t: "arm"; readonly dr: number; readonly kind: DataLosingStep }
  /** Removes the revision. */
  | { readonly t: "disarm"; readonly dr: number; readonly kind: DataLosingStep }
  /** `terraform taint` of the step's resource, then apply. */
  | { readonly t: "taint"; readonly dr: number; readonly kind: StepKind }
  /** Arms a fault for the next matching request(s), then apply. */
  | { readonly t: "fault"; readonly fault: FaultKind; readonly target: FaultTarget }
  /** A new revision for the step, then an apply interrupted (SIGINT to its group) once an action is applied. */
  | { readonly t: "interrupt"; readonly dr: number; readonly kind: StepKind }
  /** The same apply again (after a failed one, what a user does). */
  | { readonly t: "rerun" }
  /** A switchover sent by hand, outside Terraform, then apply. */
  | { readonly t: "drift"; readonly dr: number }
  /** `terraform plan` only. */
  | { readonly t: "plan" };

/** A whole history: the first stack, applied, then the commands. */
export interface History {
  readonly initial: StackModel;
  readonly commands: readonly Command[];
}

/** The revision a command at `index` gives a step of `kind`: unique in the history. */
export function revisionFor(kind: StepKind, index: number): string {
  return kind === "failover" || kind === "recovery" ? `INC-${index + 1}` : `r${index + 1}`;
}

/** The stack after `command` (the `index`-th of the history); commands on absent steps change nothing. */
export function applyCommand(stack: StackModel, command: Command, index: number): StackModel {
  switch (command.t) {
    case "revision":
    case "interrupt":
      return editStep(stack, command.dr, command.kind, (s) => ({
        ...s,
        revision: revisionFor(command.kind, index),
      }));
    case "arm":
      return editStep(stack, command.dr, command.kind, (s) => ({
        ...s,
        revision: revisionFor(command.kind, index),
      }));
    case "disarm":
      return editStep(stack, command.dr, command.kind, ({ revision: _dropped, ...s }) => s);
    case "tuning":
      return editStep(stack, command.dr, command.kind, (s) => ({
        ...s,
        ...(command.timeout === undefined ? {} : { timeout: command.timeout }),
        ...(command.pollInterval === undefined ? {} : { pollInterval: command.pollInterval }),
        ...(command.wait === undefined ? {} : { wait: command.wait }),
      }));
    case "endpoint":
      return editDr(stack, command.dr, (dr) =>
        dr.reach === "region"
          ? dr
          : { ...dr, reach: dr.reach === "127.0.0.1" ? "localhost" : "127.0.0.1" },
      );
    case "region":
      return editDr(stack, command.dr, (dr) => ({
        ...dr,
        reach: dr.reach === "region" ? "127.0.0.1" : "region",
      }));
    case "add":
      return editDr(stack, command.dr, (dr) =>
        dr.steps.some((s) => s.kind === command.kind)
          ? dr
          : {
              ...dr,
              steps: sortSteps([
                ...dr.steps,
                newStep(command.kind, command.primary, command.armed, index),
              ]),
            },
      );
    case "remove":
      return editDr(stack, command.dr, (dr) => ({
        ...dr,
        steps: dr.steps.filter((s) => s.kind !== command.kind),
      }));
    default:
      return stack;
  }
}

/** A new step as a history adds it (and as an initial stack declares it). */
export function newStep(
  kind: StepKind,
  primary: Cluster,
  armed: boolean,
  index: number,
): StepModel {
  const base = { kind, timeout: "30s", pollInterval: "200ms", wait: true };
  const swaps = kind === "switchover" || kind === "failover";
  const losesData = kind === "failover" || kind === "recovery";
  return {
    ...base,
    ...(swaps ? { primary } : {}),
    ...(losesData && armed ? { revision: revisionFor(kind, index) } : {}),
  };
}

/** The stack after every command of `history` up to (not including) `upTo`. */
export function stackAt(history: History, upTo: number): StackModel {
  let stack = history.initial;
  for (let i = 0; i < upTo; i += 1) stack = applyCommand(stack, history.commands[i], i);
  return stack;
}

/** The declared step of `kind` on DR `dr`, if any. */
export function findStep(stack: StackModel, dr: number, kind: StepKind): StepModel | undefined {
  return stack.drs[dr]?.steps.find((s) => s.kind === kind);
}

function editDr(stack: StackModel, index: number, edit: (dr: DrModel) => DrModel): StackModel {
  if (index >= stack.drs.length) return stack;
  return { drs: stack.drs.map((dr, i) => (i === index ? edit(dr) : dr)) };
}

function editStep(
  stack: StackModel,
  dr: number,
  kind: StepKind,
  edit: (step: StepModel) => StepModel,
): StackModel {
  return editDr(stack, dr, (model) => ({
    ...model,
    steps: model.steps.map((s) => (s.kind === kind ? edit(s) : s)),
  }));
}

function sortSteps(steps: StepModel[]): StepModel[] {
  return [...steps].sort((x, y) => STEP_ORDER.indexOf(x.kind) - STEP_ORDER.indexOf(y.kind));
}
