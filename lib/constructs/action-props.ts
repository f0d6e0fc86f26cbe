import { Annotations, ITerraformDependable, Token } from "cdktf";
import { IConstruct } from "constructs";
import { requireDuration } from "../api/duration";
import {
  closeKnownRegions,
  isKnownRegion,
  regionEndpoint,
  validateEndpoint,
} from "../api/endpoints";
import { validateDisasterRecoveryId, validateProjectId } from "../api/identifiers";
import { DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT } from "../api/runtime-options";
import { DrAction } from "../api/status-model";
import {
  DataLossAcknowledgementProps,
  SafetySettings,
  destroysData,
  resolveSafetySettings,
} from "./action-safety";
import { constructError, withConstructPath } from "./construct-error";

/**
 * The Terraform resource that carries an action's local-exec provisioner.
 *
 * An enum, so that Python, Go, Java and C# users get a typed choice; each member's value is the
 * Terraform resource type, and a TypeScript value given as that plain string still works.
 */
export enum ResourceKind {
  /** `terraform_data`: Terraform's built-in resource (Terraform >= 1.4); needs no provider. */
  TERRAFORM_DATA = "terraform_data",
  /**
   * `null_resource`: the null provider's resource, through the optional peer dependency
   * `@cdktf/provider-null`; for Terraform versions older than 1.4. Not on CDK Terrain.
   */
  NULL_RESOURCE = "null_resource",
}

/**
 * Props shared by every disaster-recovery action construct (start, pause, switchover, failover,
 * recovery): the DR to act on, where, what comes first, and how the action runs.
 */
export interface DisasterRecoveryActionProps extends DisasterRecoveryActionOptions {
  /**
   * The Huawei Cloud project id of the DR's region.
   *
   * 32 lower-case hex characters. May be a token (for example a variable); a token is checked by
   * the runtime at apply time instead of at synth.
   */
  readonly projectId: string;

  /**
   * The id of the DR task to act on.
   *
   * A UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), in either case; a literal is normalised to
   * lower case, the form the service returns. May be a token, for example the id of a DR created
   * earlier in the same stack; a token is checked by the runtime at apply time.
   */
  readonly disasterRecoveryId: string;

  /**
   * The region of the DWS service, such as `cn-north-4`.
   *
   * Resolved to the endpoint `https://dws.{region}.myhuaweicloud.com` (or the region's
   * documented exception): at synth for a literal, by the runtime at apply time for a token.
   * A well-formed region this library does not know is accepted with a synth warning that names
   * the close known ones (`cn-nort-4` suggests `cn-north-4`). Give exactly one of `region` and
   * `endpoint`.
   *
   * @default - none; `endpoint` must be given instead
   */
  readonly region?: string;

  /**
   * The DWS endpoint URL, such as `https://dws.cn-north-4.myhuaweicloud.com`.
   *
   * Scheme, host and optional port only. Plain `http://` is accepted only for loopback hosts
   * (the local emulator). Give exactly one of `region` and `endpoint`. May be a token.
   *
   * @default - none; `region` must be given instead
   */
  readonly endpoint?: string;

  /**
   * Resources (or constructs with an `fqn`) that must be created before the action runs.
   *
   * Rendered as the resource's `depends_on`. cdktf ignores `node.addDependency`, so this is the
   * way to order the action after other infrastructure.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * How an action runs: the props a {@link DisasterRecoveryRunbook} step takes besides its own,
 * since the runbook gives the DR target and the ordering.
 */
export interface DisasterRecoveryActionOptions {
  /**
   * Whether the apply waits until the DR reaches the action's target status.
   *
   * With `false` the action is sent and the apply moves on; later steps may then run while the
   * DR is still changing.
   *
   * @default true
   */
  readonly wait?: boolean;

  /**
   * How long the runtime waits for the target status before failing the apply.
   *
   * A number with a unit, e.g. `"30m"`, `"90s"` or `"1h30m"`; not shorter than `pollInterval`.
   * Terraform has no timeout of its own for provisioners, so this is the only bound. Changing it
   * does not run the action again.
   *
   * @default "30m"
   */
  readonly timeout?: string;

  /**
   * How long the runtime waits between two status reads.
   *
   * Same form as `timeout`. Changing it does not run the action again.
   *
   * @default "10s"
   */
  readonly pollInterval?: string;

  /**
   * An opaque value; change it to run the action again.
   *
   * The action runs when the resource is created, and again only when the resource is replaced:
   * a change of `projectId`, `disasterRecoveryId`, `primaryClusterId` (switchover) or `revision`
   * replaces it. A change of the endpoint or region (how to reach the service, not what to act
   * on), of `wait`, `timeout` or `pollInterval`, or an upgrade of this library, does not.
   *
   * A failover or recovery destroys data, so for them the revision is the incident the action
   * fires for (`"INC-4711"`): without one the action is declared but disarmed (nothing is sent),
   * and it runs at most once per revision.
   *
   * @default - none (the action runs once; a failover or recovery stays disarmed)
   */
  readonly revision?: string | number;

  /**
   * The Terraform resource that carries the action.
   *
   * `ResourceKind.NULL_RESOURCE` needs the optional peer dependency `@cdktf/provider-null`; a
   * `NullProvider` is added to the stack unless it already has one (create your own before the
   * first action if you need to configure it).
   *
   * @default ResourceKind.TERRAFORM_DATA
   */
  readonly resourceKind?: ResourceKind;

  /**
   * Whether to create a TerraformOutput holding the DR id (known after the action ran).
   *
   * @default true
   */
  readonly output?: boolean;

  /**
   * The name of the TerraformOutput holding the DR id.
   *
   * Letters, digits, `_` and `-`, not starting with a digit; unique in the stack (synth fails
   * naming the clash otherwise).
   *
   * @default - derived from the construct path below the stack: its construct ids joined by `_`,
   * then `_disaster_recovery_id` (`start-dr` gives `start-dr_disaster_recovery_id`; `eu/start`
   * inside a platform construct `eu` gives `eu_start_disaster_recovery_id`). When an id holds a
   * character other than a letter, digit or `-`, that character becomes `_` and 8 hex characters
   * of a hash of the path are added before the suffix, so that two paths never share a name. The
   * name depends on the path only: it is stable across releases and unique in the stack.
   */
  readonly outputName?: string;
}

/** The validated, defaulted values an action passes to the runtime. */
export interface ActionSettings extends SafetySettings {
  readonly projectId: string;
  /** The DR id; lower case when literal (the form the service returns). */
  readonly disasterRecoveryId: string;
  /** The endpoint: given, or resolved from a literal region; `""` for a region token. */
  readonly endpoint: string;
  /** A region token for the runtime to resolve; `""` otherwise (a literal region is resolved). */
  readonly region: string;
  readonly wait: boolean;
  readonly timeout: string;
  readonly pollInterval: string;
  /** The user's revision as a string, `""` when none was given. */
  readonly revision: string;
  /**
   * Whether the action fires when its resource is created. Always true for start, pause and
   * switchover; a failover or recovery is armed only by a non-empty `revision` (its incident).
   */
  readonly armed: boolean;
}

/**
 * Everything an action construct may be given: the shared props plus each action's own, as the
 * constructor of {@link DisasterRecoveryAction} takes them. Which of `primaryClusterId` and
 * `acknowledgeDataLoss` an action needs is checked at synth (the subclasses' props say it).
 */
export interface ActionConstructProps
  extends DisasterRecoveryActionProps, DataLossAcknowledgementProps {
  /**
   * The id of the cluster that must be primary when the action is done (switchover, failover).
   *
   * @default - none; a switchover or failover fails at synth without it
   */
  readonly primaryClusterId?: string;
}

const RESOURCE_KINDS: readonly string[] = Object.values(ResourceKind);

/**
 * The resource kind to build, `ResourceKind.TERRAFORM_DATA` when none was given. A value from
 * outside TypeScript's type checks (plain JavaScript, a cast, a config file) that is not a member
 * fails here with the accepted values, rather than quietly becoming a terraform_data.
 */
export function resolveResourceKind(
  constructPath: string,
  resourceKind: ResourceKind | undefined,
): ResourceKind {
  if (resourceKind === undefined) return ResourceKind.TERRAFORM_DATA;
  if (!RESOURCE_KINDS.includes(resourceKind)) {
    throw constructError(
      constructPath,
      `resourceKind: ${JSON.stringify(resourceKind)} is not a resource kind`,
      'Use ResourceKind.TERRAFORM_DATA ("terraform_data", the default) or ' +
        'ResourceKind.NULL_RESOURCE ("null_resource").',
    );
  }
  return resourceKind;
}

/**
 * Checks `props` and fills in the defaults. Every error message starts with the construct path
 * (so a user finds which construct), then names the prop, the problem and the accepted form.
 * Tokens skip these checks: the runtime repeats every one of them at apply time. A well-formed
 * region this library does not know is not an error (regions are added faster than libraries
 * are released) but gets a synth warning naming the close known ones.
 */
export function resolveActionSettings(
  construct: IConstruct,
  action: DrAction,
  props: ActionConstructProps,
): ActionSettings {
  const constructPath = construct.node.path;
  const check = <T>(validate: () => T): T => withConstructPath(constructPath, validate);
  const literal = (value: string): boolean => !Token.isUnresolved(value);

  if (literal(props.projectId)) check(() => validateProjectId(props.projectId, "projectId"));
  const disasterRecoveryId = literal(props.disasterRecoveryId)
    ? check(() => validateDisasterRecoveryId(props.disasterRecoveryId, "disasterRecoveryId"))
    : props.disasterRecoveryId;

  const timeout = props.timeout ?? DEFAULT_TIMEOUT;
  const pollInterval = props.pollInterval ?? DEFAULT_POLL_INTERVAL;
  const timeoutMs = literal(timeout) ? check(() => requireDuration("timeout", timeout)) : undefined;
  const pollMs = literal(pollInterval)
    ? check(() => requireDuration("pollInterval", pollInterval))
    : undefined;
  if (timeoutMs !== undefined && pollMs !== undefined && timeoutMs < pollMs) {
    throw constructError(
      constructPath,
      `timeout: "${timeout}" is shorter than pollInterval "${pollInterval}"`,
      "Use a timeout at least as long as the poll interval.",
    );
  }
  const location = resolveLocation(constructPath, props);
  const safety = resolveSafetySettings(constructPath, action, props, disasterRecoveryId);
  warnOfUnknownRegion(construct, props.region);
  const revision = revisionString(props.revision);

  return {
    projectId: props.projectId,
    disasterRecoveryId,
    ...location,
    wait: props.wait ?? true,
    timeout,
    pollInterval,
    revision,
    armed: !destroysData(action) || revision !== "",
    ...safety,
  };
}

// A mistyped region passes the name check, and at apply time its host does not resolve: say so at
// synth, where the fix is, rather than let a pipeline read the failed lookup as an outage.
function warnOfUnknownRegion(construct: IConstruct, region: string | undefined): void {
  if (region === undefined || Token.isUnresolved(region) || isKnownRegion(region)) return;
  const close = closeKnownRegions(region);
  const suggestion =
    close.length > 0
      ? `Did you mean ${close.map((name) => `"${name}"`).join(" or ")}?`
      : "Check the region name (the DWS console shows it), or give endpoint instead.";
  Annotations.of(construct).addWarning(
    `region: "${region}" is not a region this library knows; its endpoint ` +
      `${regionEndpoint(region)} may not exist. ${suggestion}`,
  );
}

function resolveLocation(
  constructPath: string,
  props: DisasterRecoveryActionProps,
): { endpoint: string; region: string } {
  const { region, endpoint } = props;
  if (region !== undefined && endpoint !== undefined) {
    throw constructError(
      constructPath,
      "region and endpoint: both were given",
      'Give exactly one of them: region (e.g. "cn-north-4") or endpoint (a URL).',
    );
  }
  if (endpoint !== undefined) {
    return Token.isUnresolved(endpoint)
      ? { endpoint, region: "" }
      : {
          endpoint: withConstructPath(constructPath, () => validateEndpoint(endpoint)),
          region: "",
        };
  }
  if (region === undefined) {
    throw constructError(
      constructPath,
      "region or endpoint: neither was given",
      'Give region (e.g. "cn-north-4") or endpoint (e.g. "https://dws.cn-north-4.myhuaweicloud.com").',
    );
  }
  // A region known only at apply time goes to the runtime, which resolves it the same way.
  if (Token.isUnresolved(region)) return { endpoint: "", region };
  return { endpoint: withConstructPath(constructPath, () => regionEndpoint(region)), region: "" };
}

/** A revision as the string the resource stores, `""` for none; keeps a number token a token. */
export function revisionString(revision: string | number | undefined): string {
  if (revision === undefined) return "";
  // A number token turned into a string by String() would lose its token; asString keeps it.
  return typeof revision === "number" && Token.isUnresolved(revision)
    ? Token.asString(revision)
    : String(revision);
}
