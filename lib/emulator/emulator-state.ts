import { createHash } from "node:crypto";
import { ACTION_RULES, DrAction, isKnownStatus } from "../api/status-model";
import { Seed, SeedTask } from "./seed";

/** One cluster of a DR pair, as the emulator currently sees it. */
export interface ClusterSnapshot {
  readonly id: string;
  readonly name: string;
  /** `primary` or `standby`; swapped by a switchover or failover. */
  readonly role: "primary" | "standby";
  /**
   * The cluster's own DR status (reference/dws-dr-api.md §2.4): `waiting` while the pair
   * replicates, `stopped` while it is paused or not started, `abnormal` for the production
   * cluster a failover left behind. [inferred]
   */
  readonly status: string;
  readonly region: string;
  readonly availabilityZone: string;
  /** Last successful sync (epoch ms), once the DR has run. */
  readonly lastSuccessAt?: number;
}

/** A DR task as the emulator currently sees it. */
export interface TaskSnapshot {
  readonly id: string;
  readonly name: string;
  readonly drType: "az" | "region";
  /** A DR status; may be one this library does not know when a test set it so. */
  readonly status: string;
  readonly drSyncPeriod: string;
  readonly primaryCluster: ClusterSnapshot;
  readonly standbyCluster: ClusterSnapshot;
  /** Creation time (epoch ms). */
  readonly createdAt: number;
  /** Last start or recovery (epoch ms). */
  readonly startedAt?: number;
  /** Every status the task has had and when it took it (epoch ms), oldest first. */
  readonly statusHistory: readonly StatusChange[];
}

/** One status change of a task. */
export interface StatusChange {
  readonly status: string;
  readonly at: number;
}

/** What the service answers to an action request. */
export type ActionOutcome =
  | { readonly kind: "accepted" }
  | { readonly kind: "not-found" }
  /** Another action's transition is still running (the service's 409 DWS.0011). */
  | { readonly kind: "busy"; readonly status: string }
  /** The settled status does not allow the action (the service's 403 DWS.7023). */
  | { readonly kind: "refused"; readonly status: string };

/** How long an action's in-progress status lasts, in ms. */
export type TransitionTiming = (action: DrAction) => number;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Task = Mutable<TaskSnapshot>;

// What each action leaves the two clusters' own statuses at (reference/dws-dr-api.md §2.4).
// [inferred] A failover breaks the pair: the promoted cluster no longer replicates, and the old
// production cluster (now the standby) is abnormal until a recovery re-establishes the pair.
const CLUSTERS_AFTER: Readonly<Record<DrAction, { primary: string; standby: string }>> = {
  start: { primary: "waiting", standby: "waiting" },
  pause: { primary: "stopped", standby: "stopped" },
  switchover: { primary: "waiting", standby: "waiting" },
  failover: { primary: "stopped", standby: "abnormal" },
  recovery: { primary: "waiting", standby: "waiting" },
};

/**
 * The DR tasks and their state machine (reference/dws-dr-api.md §2.2). Accepted actions move the
 * task to the action's in-progress status at once and to its outcome after a timer, as the
 * service does: the POST only submits the action.
 */
export class EmulatorState {
  private readonly tasks = new Map<string, Task>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly scriptedFailures = new Map<string, string>();

  constructor(
    seed: Seed,
    private readonly timing: TransitionTiming,
    private readonly clock: () => number,
  ) {
    for (const task of seed.tasks) this.tasks.set(task.id, this.createTask(task));
  }

  /** Every task, in seed order. */
  list(): TaskSnapshot[] {
    return [...this.tasks.values()].map(snapshot);
  }

  /** One task, or undefined when the id is unknown. */
  get(id: string): TaskSnapshot | undefined {
    const task = this.tasks.get(id);
    return task && snapshot(task);
  }

  /** Applies an action the way the service does: checks the precondition, then starts moving. */
  apply(id: string, action: DrAction): ActionOutcome {
    const task = this.tasks.get(id);
    if (!task) return { kind: "not-found" };
    // While a transition runs the service refuses any action as "another operation is being
    // performed", whatever the action (reference/dws-dr-api.md §4.1, 409 DWS.0011).
    if (this.timers.has(id)) return { kind: "busy", status: task.status };
    const rule = ACTION_RULES[action];
    // ACTION_RULES is the single source of truth for preconditions, failover/recovery included.
    if (!isKnownStatus(task.status) || !rule.allowedFrom.includes(task.status)) {
      return { kind: "refused", status: task.status };
    }
    const failedStatus = this.scriptedFailures.get(failureKey(id, action));
    this.scriptedFailures.delete(failureKey(id, action));
    this.changeStatus(task, rule.inProgress[0]);
    this.schedule(id, this.timing(action), () => this.settle(task, action, failedStatus));
    return { kind: "accepted" };
  }

  /** Forces a status, cancelling any transition still running for the task. */
  setStatus(id: string, status: string): void {
    this.changeStatus(this.require(id), status);
    this.cancel(id);
  }

  /** Makes the next accepted `action` on `id` end in `failedStatus` instead of its target. */
  failNextAction(id: string, action: DrAction, failedStatus: string): void {
    this.require(id);
    this.scriptedFailures.set(failureKey(id, action), failedStatus);
  }

  /** Cancels every pending transition (the emulator is stopping). */
  dispose(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  private settle(task: Task, action: DrAction, failedStatus: string | undefined): void {
    if (failedStatus !== undefined) {
      this.changeStatus(task, failedStatus);
      return;
    }
    const now = this.clock();
    this.changeStatus(task, ACTION_RULES[action].target);
    if (action === "switchover" || action === "failover") {
      [task.primaryCluster, task.standbyCluster] = [task.standbyCluster, task.primaryCluster];
      task.primaryCluster.role = "primary";
      task.standbyCluster.role = "standby";
    }
    task.primaryCluster.status = CLUSTERS_AFTER[action].primary;
    task.standbyCluster.status = CLUSTERS_AFTER[action].standby;
    if (action === "start" || action === "recovery") task.startedAt = now;
    if (task.status === "running" && action !== "failover") {
      task.primaryCluster.lastSuccessAt = now;
      task.standbyCluster.lastSuccessAt = now;
    }
  }

  private changeStatus(task: Task, status: string): void {
    task.status = status;
    task.statusHistory.push({ status, at: this.clock() });
  }

  private schedule(id: string, delayMs: number, run: () => void): void {
    this.cancel(id);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      run();
    }, delayMs);
    this.timers.set(id, timer);
  }

  private cancel(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  private require(id: string): Task {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`emulator: no DR task "${id}" (known: ${[...this.tasks.keys()]})`);
    return task;
  }

  private createTask(seed: SeedTask): Task {
    const now = this.clock();
    const short = seed.id.slice(0, 8);
    const region = seed.region ?? "cn-north-4";
    // A seeded running task has synced before; the others have not (yet).
    const lastSuccessAt = seed.status === "running" ? now : undefined;
    const statuses = seed.failedOver
      ? CLUSTERS_AFTER.failover
      : seed.status === "running"
        ? CLUSTERS_AFTER.start
        : CLUSTERS_AFTER.pause;
    const cluster = (role: "primary" | "standby", id?: string, name?: string) => ({
      id: id ?? derivedUuid(`${seed.id}/${role}`),
      name: name ?? `dws-${role}-${short}`,
      role,
      status: statuses[role],
      region,
      availabilityZone: `${region}a`,
      lastSuccessAt,
    });
    return {
      id: seed.id,
      name: seed.name ?? `dr-${short}`,
      drType: seed.drType ?? "az",
      status: seed.status,
      drSyncPeriod: seed.drSyncPeriod ?? "2H",
      primaryCluster: cluster("primary", seed.primaryClusterId, seed.primaryClusterName),
      standbyCluster: cluster("standby", seed.standbyClusterId, seed.standbyClusterName),
      createdAt: now,
      startedAt: lastSuccessAt,
      statusHistory: [{ status: seed.status, at: now }],
    };
  }
}

function snapshot(task: Task): TaskSnapshot {
  return {
    ...task,
    primaryCluster: { ...task.primaryCluster },
    standbyCluster: { ...task.standbyCluster },
    statusHistory: [...task.statusHistory],
  };
}

function failureKey(id: string, action: DrAction): string {
  return `${id}/${action}`;
}

// Stable cluster ids for seeds that name none, so demo output is the same on every run.
function derivedUuid(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
