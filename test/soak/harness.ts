import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { DisasterRecoveryFailover } from "../../lib";
import { defaultSeed, Fault, RunningEmulator, startEmulator } from "../../lib/emulator";
import { resynth } from "../e2e/e2e-workspace";
import { sendSigned, drPaths } from "../support/emulator";
import {
  TerraformRun,
  TerraformWorkspace,
  startTerraform,
  statePath,
  synthWorkspace,
  terraform,
} from "../support/terraform";
import {
  checkStep,
  describe as describeCommand,
  newLedger,
  SettledDr,
  StepObservation,
} from "./invariants";
import {
  Command,
  FaultKind,
  FaultTarget,
  History,
  StackModel,
  STEP_ORDER,
  applyCommand,
} from "./model";
import { startSink } from "./proxy-sink";
import { declareStack, SOAK_DRS as DR_IDS, SoakTarget } from "./stack";
import { addressOf, declaredOf, resourceIds } from "./workspace-state";

/** Counts over one history or many. */
export interface SoakCounts {
  histories: number;
  steps: number;
  applies: number;
  plans: number;
  /** Actions the emulator applied for the stacks (hand-made drift excluded). */
  actionsApplied: number;
  /** Individual invariant checks evaluated. */
  checks: number;
}

/** An empty tally. */
export function zeroCounts(): SoakCounts {
  return { histories: 0, steps: 0, applies: 0, plans: 0, actionsApplied: 0, checks: 0 };
}

/** Adds `more` into `into`. */
export function addCounts(into: SoakCounts, more: SoakCounts): void {
  for (const key of Object.keys(into) as (keyof SoakCounts)[]) into[key] += more[key];
}

/** A history that broke an invariant: the violations, and the step log to read with them. */
export class InvariantViolation extends Error {
  constructor(
    readonly violations: readonly string[],
    readonly log: readonly string[],
    /** What the history did up to and including the violating step. */
    readonly counts: SoakCounts,
  ) {
    super(`${violations.join("\n")}\n--- steps ---\n${log.join("\n")}`);
  }
}

// Transitions this short make a dozen-step history take seconds. A recovery ends where it began
// (running), so the runtime must see it move, or it waits out its 15 s stale-status grace: its
// transition outlasts the stale window and the first poll at the longest poll interval (1 s).
const TRANSITION_MS = 100;
const RECOVERY_MS = 2500;
const STALE_MS = 1000;
const SECURITY_TOKEN = "sts-soak-token-5e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b";
const IN_PROGRESS = ["starting", "stopping", "switchovering"];

let armingProbe: boolean | undefined;

/**
 * Whether the constructs synthesize an unarmed failover as disarmed (issue 19's `disarmed` key).
 * Where they do, an unarmed failover or recovery must never fire; where they do not (older code)
 * it fires once, and the soak holds it to once.
 */
export function constructsDisarm(): boolean {
  if (armingProbe !== undefined) return armingProbe;
  const stack = new TerraformStack(Testing.app(), "probe");
  new DisasterRecoveryFailover(stack, "failover", {
    projectId: "89cd04f168b84af6be287f71730fdb4b",
    disasterRecoveryId: DR_IDS[0].id,
    endpoint: "http://127.0.0.1:1",
    primaryClusterId: DR_IDS[0].b,
    acknowledgeDataLoss: true,
  });
  armingProbe = Testing.synth(stack).includes('"disarmed"');
  return armingProbe;
}

/** Runs one history against a fresh emulator and workspace; throws {@link InvariantViolation}. */
export async function runHistory(history: History, verbose = false): Promise<SoakCounts> {
  const counts = zeroCounts();
  counts.histories = 1;
  const seed = defaultSeed();
  const emulator = await startEmulator({
    transitionMs: TRANSITION_MS,
    transitionMsByAction: { recovery: RECOVERY_MS },
    seed: {
      ...seed,
      tasks: DR_IDS.map((dr, i) => ({
        id: dr.id,
        name: `dr-soak-${i}`,
        status: "unstart" as const,
        primaryClusterId: dr.a,
        standbyClusterId: dr.b,
      })),
    },
  });
  const sink = await startSink();
  const target: SoakTarget = {
    projectId: emulator.projectId,
    port: Number(new URL(emulator.endpoint).port),
    drs: DR_IDS,
  };
  const env = {
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
    HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN,
    // A region's real endpoint must not be reached from here: its requests go to the sink.
    HTTPS_PROXY: `http://127.0.0.1:${sink.port}`,
    HTTP_PROXY: `http://127.0.0.1:${sink.port}`,
    NO_PROXY: "127.0.0.1,localhost",
  };
  const secrets = [
    { label: "access key", value: emulator.accessKey },
    { label: "secret key", value: emulator.secretKey },
    { label: "security token", value: SECURITY_TOKEN },
  ];
  const ledger = newLedger();
  const log: string[] = [];
  let stack: StackModel = history.initial;
  const workspace = synthWorkspace("soak", (s) => declareStack(s, stack, target));
  const driftSeqs = new Set<number>();
  try {
    const init = await terraform(workspace, ["init", "-input=false"], env);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.output}`);
    const steps: (Command | { t: "initial" })[] = [{ t: "initial" }, ...history.commands];
    for (let index = 0; index < steps.length; index += 1) {
      const command = steps[index];
      if (command.t !== "initial") {
        stack = applyCommand(stack, command, index - 1);
        resynth(workspace, (s) => declareStack(s, stack, target));
      }
      const stepStarted = Date.now();
      const observation = await runStep({
        index,
        command,
        stack,
        emulator,
        workspace,
        env,
        sinkAttempts: sink.attempts,
        driftSeqs,
      });
      counts.steps += 1;
      if (observation.run === "apply") counts.applies += 1;
      else counts.plans += 1;
      counts.actionsApplied += observation.entries.filter((e) => e.applied).length;
      const result = checkStep(observation, ledger, secrets);
      counts.checks += result.checks;
      log.push(
        `${index}: ${describeCommand(command)} -> ${observation.run} exit ${observation.code}` +
          ` in ${((Date.now() - stepStarted) / 1000).toFixed(1)} s` +
          `${observation.interrupted ? " (interrupted)" : ""}; applied: ${
            observation.entries
              .filter((e) => e.applied)
              .map((e) => `${e.action}@${DR_IDS.findIndex((d) => d.id === e.disasterRecoveryId)}`)
              .join(", ") || "none"
          }`,
      );
      if (verbose) process.stdout.write(`    ${log[log.length - 1]}\n`);
      if (result.violations.length > 0) {
        throw new InvariantViolation(
          result.violations,
          [...log, `--- output of step ${index} ---`, observation.output.slice(-4000)],
          counts,
        );
      }
    }
    return counts;
  } finally {
    await emulator.stop();
    await sink.stop();
    workspace.remove();
  }
}

interface StepContext {
  readonly index: number;
  readonly command: Command | { t: "initial" };
  readonly stack: StackModel;
  readonly emulator: RunningEmulator;
  readonly workspace: TerraformWorkspace;
  readonly env: Readonly<Record<string, string>>;
  readonly sinkAttempts: () => number;
  readonly driftSeqs: Set<number>;
}

async function runStep(context: StepContext): Promise<StepObservation> {
  const { command, emulator, workspace, env } = context;
  await settle(emulator);
  if (command.t === "drift") await driftByHand(context, command.dr);
  if (command.t === "fault") injectFault(emulator, command.fault, command.target);
  if (command.t === "taint") {
    const address = addressOf(workspace, command.dr, command.kind);
    if (address) await terraform(workspace, ["taint", address], env);
  }

  const requestsBefore = emulator.requests.length;
  const journalBefore = emulator.journal.length;
  const sinkBefore = context.sinkAttempts();
  const before = resourceIds(workspace);
  let run: TerraformRun;
  let interrupted = false;
  if (command.t === "plan") {
    run = await terraform(workspace, ["plan", "-input=false"], env);
  } else if (command.t === "interrupt") {
    const started = startTerraform(workspace, ["apply", "-auto-approve", "-input=false"], env);
    let done = false;
    void started.finished.then(() => (done = true));
    // Interrupt once the service applied an action of this apply, as a Ctrl-C mid-run would.
    while (!done && !emulator.journal.slice(journalBefore).some((e) => e.applied)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!done) {
      interrupted = true;
      try {
        process.kill(-started.pid, "SIGINT");
      } catch {
        // The group ended between the check and the signal.
      }
    }
    const finished = await started.finished;
    run = { code: finished.code, output: finished.output };
  } else {
    run = await terraform(workspace, ["apply", "-auto-approve", "-input=false"], env);
  }
  emulator.setStaleReadsMs(0);
  await settle(emulator);

  const entries = emulator.journal
    .slice(journalBefore)
    .filter((e) => !context.driftSeqs.has(e.seq));
  const after = resourceIds(workspace);
  const declared = declaredOf(workspace, context.stack);
  const ran = context.stack.drs.map((_, dr) =>
    STEP_ORDER.filter((kind) => {
      const key = `${dr}/${kind}`;
      const now = after.get(key);
      return (
        now !== undefined &&
        now.id !== before.get(key)?.id &&
        !now.disarmed &&
        now.status !== "tainted"
      );
    }),
  );
  const settled: SettledDr[] = context.stack.drs.map((_, dr) => {
    const task = emulator.getTask(DR_IDS[dr].id);
    return { status: task?.status ?? "(missing)", primaryClusterId: task?.primaryCluster.id ?? "" };
  });
  const synthesized = join(workspace.stackDir, "cdk.tf.json");
  return {
    index: context.index,
    command,
    run: command.t === "plan" ? "plan" : "apply",
    code: run.code,
    output: run.output,
    interrupted,
    declared,
    entries,
    requestsReceived: emulator.requests.length - requestsBefore,
    regionAttempts: context.sinkAttempts() - sinkBefore,
    ran,
    settled,
    artefacts: [
      { name: "the terraform output", text: run.output },
      { name: "the synthesized JSON", text: readFileSync(synthesized, "utf8") },
      ...(existsSync(statePath(workspace))
        ? [{ name: "the state", text: readFileSync(statePath(workspace), "utf8") }]
        : []),
    ],
  };
}

function injectFault(emulator: RunningEmulator, kind: FaultKind, target: FaultTarget): void {
  if (kind === "stale") {
    emulator.setStaleReadsMs(STALE_MS);
    return;
  }
  const match = target === "read" ? { method: "GET" } : { action: target };
  const times = target === "read" ? 2 : 1;
  const faults: Record<Exclude<FaultKind, "stale">, Omit<Fault, "match">> = {
    "5xx": { status: 503, times },
    "429": { status: 429, retryAfter: "1", times },
    busy: { status: 409, times },
    latency: { latencyMs: 800, times },
    lost: { drop: "after", times },
  };
  emulator.injectFault({ match, ...faults[kind] });
}

// A switchover sent by hand through the API (the console's button), outside Terraform.
async function driftByHand(context: StepContext, dr: number): Promise<void> {
  const { emulator } = context;
  if (dr >= context.stack.drs.length) return;
  const id = DR_IDS[dr].id;
  if (emulator.getTask(id)?.status !== "running") return;
  const from = emulator.journal.length;
  await sendSigned(emulator, "POST", drPaths(emulator).action(id, "switchover"), {
    headers: { "content-type": "application/json", "X-Project-Id": emulator.projectId },
  });
  for (const entry of emulator.journal.slice(from)) context.driftSeqs.add(entry.seq);
  await settle(emulator);
}

// Waits until no DR is moving: a step's invariants are judged on settled state.
async function settle(emulator: RunningEmulator): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (
    DR_IDS.some((dr) => IN_PROGRESS.includes(emulator.getTask(dr.id)?.status ?? "")) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
