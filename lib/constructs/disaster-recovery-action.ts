import {
  Annotations,
  ITerraformDependable,
  TerraformOutput,
  TerraformResource,
  Token,
} from "cdktf";
import { Construct } from "constructs";
import { DrAction } from "../api/status-model";
import { actionProvisioner, pauseOnDestroyProvisioner } from "./action-provisioner";
import {
  ActionConstructProps,
  ActionSettings,
  resolveActionSettings,
  resolveResourceKind,
} from "./action-props";
import { constructError } from "./construct-error";
import { createActionResource } from "./action-resource";
import { registerDrActor } from "./one-actor-per-dr";
import { resolveOutputName } from "./output-name";
import { runtimeAsset } from "./runtime-asset";

/**
 * A GaussDB(DWS) disaster-recovery action run by Terraform: the base of DisasterRecoveryStart and
 * its siblings, which differ only in the action.
 *
 * The action runs once, when Terraform creates the underlying resource (a `terraform_data`, or a
 * `null_resource`), through a local-exec provisioner that runs the bundled `dws-dr` runtime with
 * every parameter in its environment. The runtime waits for the target status, is idempotent (a
 * DR already in the target state counts as done), and exits non-zero on failure, which fails the
 * apply and taints the resource so that the next apply tries again.
 *
 * It runs again only when the resource is replaced: a change of the project id, the DR id,
 * `primaryClusterId` (switchover) or `revision`. The endpoint and region are how to reach the
 * service, so changing them runs nothing. A failover or recovery destroys data: it fires only
 * when armed with a `revision` (the incident), at most once per revision, never because another
 * step or setting changed. Credentials never enter the configuration: the runtime reads
 * `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `HW_ACCESS_KEY`/`HW_SECRET_KEY`, or
 * `HW_AUTH_TOKEN`) from the environment of the process that runs Terraform.
 *
 * Destroying the resource does not undo the action: by default there is no destroy-time step,
 * because a silent stop of replication would be dangerous. Run the opposite action (for example a
 * pause after a start) as its own construct, or opt in with the start's `onDestroy: OnDestroy.PAUSE`.
 */
export abstract class DisasterRecoveryAction extends Construct implements ITerraformDependable {
  /** The DR action this construct runs. */
  public readonly action: DrAction;

  /**
   * Whether the action fires when applied. Start, pause and switchover always do; a failover or
   * recovery only once its `revision` names the incident it fires for.
   */
  public readonly armed: boolean;

  /**
   * The DR id, read back from the resource after the action completed.
   *
   * A token: anything that references it is ordered after the action.
   */
  public readonly disasterRecoveryId: string;

  /**
   * The resource's own id: a per-run value that changes whenever the action runs again.
   *
   * A token. A later step that must re-run whenever this action re-runs (a new `revision`) should
   * key its own `revision` on this: the DR id stays the same across runs.
   */
  public readonly runId: string;

  /** The underlying resource's fully qualified name, so that `dependsOn: [action]` works. */
  public readonly fqn: string;

  /** The underlying resource (`terraform_data` or `null_resource`), as an escape hatch. */
  public readonly resource: TerraformResource;

  /** The output holding the DR id, unless `output: false`. */
  public readonly terraformOutput?: TerraformOutput;

  // A field, not a protected one: jsii carries no function-typed members to other languages.
  private readonly readTarget: (key: string) => string;

  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; its path below the stack gives the default output name
   * @param action the DR action to run
   * @param props the action's target and options; checked here, before anything is created
   * @param onDestroy what destroying the resource does to the DR (only the start offers PAUSE)
   */
  protected constructor(
    scope: Construct,
    id: string,
    action: DrAction,
    props: ActionConstructProps,
    onDestroy: OnDestroy = OnDestroy.NONE,
  ) {
    super(scope, id);
    const settings = resolveActionSettings(this, action, props);
    checkOnDestroy(this.node.path, onDestroy, settings);
    const outputName =
      props.output === false ? undefined : resolveOutputName(this, props.outputName);

    const asset = runtimeAsset(this);
    const { resource, disasterRecoveryId, targetAttribute } = createActionResource(
      this,
      action, // child id: a change of action is a new address, hence a new run
      resolveResourceKind(this.node.path, props.resourceKind),
      {
        action,
        settings,
        // A disarmed action's resource exists (to be planned, reviewed, ordered) but runs nothing.
        provisioners: (self) => [
          ...(settings.armed ? [actionProvisioner(asset, action, settings)] : []),
          ...(onDestroy === OnDestroy.PAUSE
            ? [pauseOnDestroyProvisioner(asset, settings, self)]
            : []),
        ],
        dependsOn: props.dependsOn,
      },
    );
    this.action = action;
    this.resource = resource;
    this.fqn = resource.fqn;
    this.disasterRecoveryId = disasterRecoveryId;
    this.runId = Token.asString(resource.interpolationForAttribute("id"));
    this.readTarget = targetAttribute;
    this.armed = settings.armed;
    if (!settings.armed) {
      Annotations.of(this).addInfo(
        `${action} is disarmed: it is declared but sends nothing. Set revision to the incident ` +
          `(for example "INC-4711") to fire it once for that incident.`,
      );
    }
    registerDrActor({
      construct: this,
      action,
      resource,
      projectId: settings.projectId,
      disasterRecoveryId: settings.disasterRecoveryId,
    });

    if (outputName !== undefined) {
      this.terraformOutput = new TerraformOutput(this, "Output", {
        value: disasterRecoveryId,
        description: `The DR id after the ${action} action of ${this.node.path} completed`,
      });
      this.terraformOutput.overrideLogicalId(outputName);
    }
  }

  /**
   * Reads a stored value of the action's target, such as `primary_cluster_id`.
   *
   * @param key the key in the resource's stored target
   * @returns a token, known after the action ran
   */
  protected targetAttribute(key: string): string {
    return this.readTarget(key);
  }
}

/**
 * What destroying an action's resource does to the DR.
 *
 * An enum, so that other languages get a typed choice; a TypeScript value given as the member's
 * plain string (`"none"`, `"pause"`) still works.
 */
export enum OnDestroy {
  /** `"none"`: nothing; the resource leaves the state and the DR keeps its status. */
  NONE = "none",
  /**
   * `"pause"`: the runtime pauses the DR (a destroy-time provisioner; see
   * {@link DisasterRecoveryStartOptions.onDestroy} for Terraform's limits).
   */
  PAUSE = "pause",
}

// A destroy-time provisioner may reference only its own resource, so its timeout and poll
// interval must be literals, and the value itself must be one this library knows.
function checkOnDestroy(constructPath: string, onDestroy: OnDestroy, settings: ActionSettings) {
  if (onDestroy !== OnDestroy.NONE && onDestroy !== OnDestroy.PAUSE) {
    throw constructError(
      constructPath,
      `onDestroy: ${JSON.stringify(onDestroy)} is not a destroy behaviour`,
      'Use OnDestroy.NONE ("none", the default: destroy leaves the DR as it is) or ' +
        'OnDestroy.PAUSE ("pause").',
    );
  }
  if (onDestroy === OnDestroy.PAUSE) {
    for (const [prop, value] of [
      ["timeout", settings.timeout],
      ["pollInterval", settings.pollInterval],
    ]) {
      if (Token.isUnresolved(value)) {
        throw constructError(
          constructPath,
          `${prop}: a token cannot be used with onDestroy: "pause"`,
          `Terraform lets a destroy-time provisioner reference only its own resource; give ${prop} as a literal such as "30m"`,
        );
      }
    }
  }
}
