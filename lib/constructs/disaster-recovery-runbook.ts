import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DrAction } from "../api/status-model";
import { rerunAfter } from "./action-resource";
import { DisasterRecoveryActionOptions } from "./action-props";
import { DataLossAcknowledgementProps, PrimaryClusterProps } from "./action-safety";
import { DisasterRecoveryAction } from "./disaster-recovery-action";
import { DisasterRecoveryFailover } from "./disaster-recovery-failover";
import { DisasterRecoveryPause } from "./disaster-recovery-pause";
import { DisasterRecoveryRecovery } from "./disaster-recovery-recovery";
import { DisasterRecoveryStart, DisasterRecoveryStartOptions } from "./disaster-recovery-start";
import { DisasterRecoverySwitchover } from "./disaster-recovery-switchover";

/** The props a runbook gives every step: which DR, where, and what comes first. */
export interface DisasterRecoveryRunbookProps {
  /**
   * The Huawei Cloud project id of the DR's region, for every step.
   *
   * 32 lower-case hex characters, or a token.
   */
  readonly projectId: string;

  /**
   * The id of the DR task every step acts on.
   *
   * A UUID in either case (normalised to lower case), or a token.
   */
  readonly disasterRecoveryId: string;

  /**
   * The region of the DWS service, such as `cn-north-4`, for every step.
   *
   * Give exactly one of `region` and `endpoint`.
   *
   * @default - none; `endpoint` must be given instead
   */
  readonly region?: string;

  /**
   * The DWS endpoint URL, for every step.
   *
   * Give exactly one of `region` and `endpoint`.
   *
   * @default - none; `region` must be given instead
   */
  readonly endpoint?: string;

  /**
   * Infrastructure that must exist before the first step runs (for example the clusters).
   *
   * Later steps come after the first one, hence after these too.
   *
   * @default - the first step waits for nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * What every runbook step takes: how the action runs, and where the step comes besides after the
 * previous step. The runbook gives the DR target (project, DR, region or endpoint).
 */
export interface RunbookStepOptions extends DisasterRecoveryActionOptions {
  /**
   * Resources (or constructs with an `fqn`) this step also runs after, for example a release.
   *
   * The step always runs after the previous step of the runbook; `after` adds more.
   *
   * @default - only after the previous step (or the runbook's `dependsOn` for the first step)
   */
  readonly after?: ITerraformDependable[];
}

// The step props below are plain interfaces (no `Omit` of the constructs' props), which jsii can
// carry to Python, Go, Java and C#: the options every step takes, plus each action's own.

/** Props of {@link DisasterRecoveryRunbook.start}: the step options plus the start's `onDestroy`. */
export interface RunbookStartProps extends RunbookStepOptions, DisasterRecoveryStartOptions {}

/** Props of {@link DisasterRecoveryRunbook.pause}: the step options. */
export type RunbookPauseProps = RunbookStepOptions;

/** Props of {@link DisasterRecoveryRunbook.switchover}: the step options plus the outcome. */
export interface RunbookSwitchoverProps extends RunbookStepOptions, PrimaryClusterProps {}

/**
 * Props of {@link DisasterRecoveryRunbook.failover}: the step options, the outcome and the
 * acknowledgement of data loss.
 */
export interface RunbookFailoverProps
  extends RunbookStepOptions, PrimaryClusterProps, DataLossAcknowledgementProps {}

/** Props of {@link DisasterRecoveryRunbook.recovery}: the step options and the acknowledgement. */
export interface RunbookRecoveryProps extends RunbookStepOptions, DataLossAcknowledgementProps {}

// A failover loses the changes not yet synchronised and a recovery deletes the standby's data,
// each time it runs: they run at most once per their own revision (the incident), never because
// an earlier step ran again. The other steps are stated as outcomes a replay finds reached.
const RERUNS_WITH_EARLIER_STEPS: Readonly<Record<DrAction, boolean>> = {
  start: true,
  pause: true,
  switchover: true,
  failover: false,
  recovery: false,
};

/**
 * An ordered disaster-recovery runbook for one DR: its steps run one after the other, in the
 * order they are declared, each after the previous step and after what it names in `after`; the
 * first after the runbook's `dependsOn`.
 *
 * Every step is an ordinary action construct (its outputs, `disasterRecoveryId`, `runId`, `fqn`,
 * are there to use), created as a child of the runbook, so its default output name is
 * `<runbook id>_<step id>_disaster_recovery_id`.
 *
 * Re-runs: a start, pause or switchover step runs when it is created and again when it is
 * replaced, that is when its own `revision` (or the DR) changes, **or when the step before it
 * ran again**: a re-run of an earlier step replays those steps from there, in order, so the DR
 * ends in the runbook's declared end state again. Each is stated as an outcome (a start ends
 * `running`, a pause `stopped`, a switchover with its `primaryClusterId` primary), so a step
 * whose outcome already holds sends nothing: in a runbook that goes one way (start, then a
 * switchover) a re-run of the start sends no switchover. A runbook that switches over and back
 * replays both swaps, as declared.
 *
 * A failover or recovery destroys data each time it runs, so it is never replayed: it fires once
 * per its own `revision` (the incident; without one it is declared but disarmed), never because
 * an earlier step ran again, nor because the endpoint, region or a setting changed. Steps after
 * it still follow it. Changing the endpoint or region of the runbook re-runs no step at all.
 *
 * @example
 * const runbook = new DisasterRecoveryRunbook(stack, "dr", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 *   dependsOn: [clustersReady],
 * });
 * runbook.start("start");
 * runbook.switchover("after-release", { primaryClusterId: standbyClusterId, after: [release] });
 */
export class DisasterRecoveryRunbook extends Construct {
  private readonly target: DisasterRecoveryRunbookProps;
  private readonly declared: DisasterRecoveryAction[] = [];

  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the runbook's construct id; the first part of its steps' output names
   * @param props the DR every step acts on, and what the first step waits for
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryRunbookProps) {
    super(scope, id);
    this.target = props;
  }

  /** The steps declared so far, in the order they run. */
  public get steps(): DisasterRecoveryAction[] {
    return [...this.declared];
  }

  /** The last step declared so far, or undefined for an empty runbook. */
  public get lastStep(): DisasterRecoveryAction | undefined {
    return this.declared[this.declared.length - 1];
  }

  /**
   * Adds a step that starts the DR and waits until it is `running`.
   *
   * @param id the step's construct id, unique in the runbook
   * @param props the start's own props (the runbook gives the DR target)
   */
  public start(id: string, props: RunbookStartProps = {}): DisasterRecoveryStart {
    return this.addStep(
      "start",
      props,
      (stepProps) => new DisasterRecoveryStart(this, id, stepProps),
    );
  }

  /**
   * Adds a step that pauses the DR and waits until it is `stopped`.
   *
   * @param id the step's construct id, unique in the runbook
   * @param props the pause's own props (the runbook gives the DR target)
   */
  public pause(id: string, props: RunbookPauseProps = {}): DisasterRecoveryPause {
    return this.addStep(
      "pause",
      props,
      (stepProps) => new DisasterRecoveryPause(this, id, stepProps),
    );
  }

  /**
   * Adds a planned switchover that ends with `primaryClusterId` primary.
   *
   * @param id the step's construct id, unique in the runbook
   * @param props the switchover's own props: at least `primaryClusterId`
   */
  public switchover(id: string, props: RunbookSwitchoverProps): DisasterRecoverySwitchover {
    return this.addStep(
      "switchover",
      props,
      (stepProps) => new DisasterRecoverySwitchover(this, id, stepProps),
    );
  }

  /**
   * Adds an emergency failover that ends with `primaryClusterId` primary.
   *
   * @param id the step's construct id, unique in the runbook
   * @param props the failover's own props: `primaryClusterId` and `acknowledgeDataLoss: true`
   */
  public failover(id: string, props: RunbookFailoverProps): DisasterRecoveryFailover {
    return this.addStep(
      "failover",
      props,
      (stepProps) => new DisasterRecoveryFailover(this, id, stepProps),
    );
  }

  /**
   * Adds a recovery that re-establishes the DR after a failover (the standby's data is deleted).
   *
   * @param id the step's construct id, unique in the runbook
   * @param props the recovery's own props: at least `acknowledgeDataLoss: true`
   */
  public recovery(id: string, props: RunbookRecoveryProps): DisasterRecoveryRecovery {
    return this.addStep(
      "recovery",
      props,
      (stepProps) => new DisasterRecoveryRecovery(this, id, stepProps),
    );
  }

  /**
   * Fills in the DR target and the ordering, creates the step, chains its re-runs to the
   * previous step's (see RERUNS_WITH_EARLIER_STEPS) and records it.
   * A step that fails its checks is not recorded, so the runbook stays in order.
   */
  private addStep<P extends RunbookStepOptions, S extends DisasterRecoveryAction>(
    action: DrAction,
    props: P,
    create: (stepProps: Omit<P, "after"> & DisasterRecoveryRunbookProps) => S,
  ): S {
    const { after = [], ...ownProps } = props;
    const previous = this.lastStep;
    const step = create({
      ...ownProps,
      projectId: this.target.projectId,
      disasterRecoveryId: this.target.disasterRecoveryId,
      region: this.target.region,
      endpoint: this.target.endpoint,
      dependsOn: [...(previous ? [previous] : (this.target.dependsOn ?? [])), ...after],
    });
    if (previous && RERUNS_WITH_EARLIER_STEPS[action]) rerunAfter(step.resource, previous.resource);
    this.declared.push(step);
    return step;
  }
}
