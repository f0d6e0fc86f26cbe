import { ITerraformDependable, Token } from "cdktf";
import { requireDuration } from "../api/duration";
import { regionEndpoint, validateEndpoint } from "../api/endpoints";
import { validateDisasterRecoveryId, validateProjectId } from "../api/identifiers";
import { DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT } from "../api/runtime-options";

/**
 * The Terraform resource that carries an action's local-exec provisioner.
 *
 * - `"terraform_data"`: Terraform's built-in resource (Terraform >= 1.4); needs no provider.
 * - `"null_resource"`: the null provider's resource, through the optional peer dependency
 *   `@cdktf/provider-null`; for Terraform versions older than 1.4.
 */
export type ResourceKind = "terraform_data" | "null_resource";

/**
 * Props shared by every disaster-recovery action construct (start, pause, switchover, failover,
 * recovery).
 */
export interface DisasterRecoveryActionProps {
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
   * A lower-case UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`). May be a token, for example the
   * id of a DR created earlier in the same stack; a token is checked by the runtime at apply time.
   */
  readonly disasterRecoveryId: string;

  /**
   * The region of the DWS service, such as `cn-north-4`.
   *
   * Resolved to the endpoint `https://dws.{region}.myhuaweicloud.com` (or the region's
   * documented exception): at synth for a literal, by the runtime at apply time for a token.
   * Give exactly one of `region` and `endpoint`.
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
   * a change of `projectId`, `disasterRecoveryId`, the endpoint or `revision` replaces it. A
   * change of `wait`, `timeout` or `pollInterval`, or an upgrade of this library, does not.
   *
   * @default - none (the action runs once)
   */
  readonly revision?: string | number;

  /**
   * Resources (or constructs with an `fqn`) that must be created before the action runs.
   *
   * Rendered as the resource's `depends_on`. cdktf ignores `node.addDependency`, so this is the
   * way to order the action after other infrastructure.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];

  /**
   * The Terraform resource that carries the action.
   *
   * `"null_resource"` needs the optional peer dependency `@cdktf/provider-null`; a `NullProvider`
   * is added to the stack unless it already has one (create your own before the first action if
   * you need to configure it).
   *
   * @default "terraform_data"
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
   * Letters, digits, `_` and `-`, not starting with a digit; unique in the stack.
   *
   * @default - the construct id with every character outside `[A-Za-z0-9_-]` replaced by `_`,
   * followed by `_disaster_recovery_id` (construct `start-dr` gives `start-dr_disaster_recovery_id`)
   */
  readonly outputName?: string;
}

/** The validated, defaulted values an action passes to the runtime. */
export interface ActionSettings {
  readonly projectId: string;
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
}

/**
 * Checks `props` and fills in the defaults. Every error message starts with the construct path
 * (so a user finds which construct), then names the prop, the problem and the accepted form.
 * Tokens skip these checks: the runtime repeats every one of them at apply time.
 */
export function resolveActionSettings(
  constructPath: string,
  props: DisasterRecoveryActionProps,
): ActionSettings {
  const check = <T>(validate: () => T): T => withConstructPath(constructPath, validate);
  const literal = (value: string): boolean => !Token.isUnresolved(value);

  if (literal(props.projectId)) check(() => validateProjectId(props.projectId, "projectId"));
  if (literal(props.disasterRecoveryId)) {
    check(() => validateDisasterRecoveryId(props.disasterRecoveryId, "disasterRecoveryId"));
  }

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

  return {
    projectId: props.projectId,
    disasterRecoveryId: props.disasterRecoveryId,
    ...resolveLocation(constructPath, props),
    wait: props.wait ?? true,
    timeout,
    pollInterval,
    revision: revisionString(props.revision),
  };
}

/** Runs `validate`, prefixing the message of anything it throws with the construct path. */
export function withConstructPath<T>(constructPath: string, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${constructPath}: ${message}`, { cause: error });
  }
}

/** An error about a construct's props, worded like the API layer's errors. */
export function constructError(constructPath: string, summary: string, hint: string): Error {
  return new Error(`${constructPath}: ${summary}. ${hint}`);
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

function revisionString(revision: string | number | undefined): string {
  if (revision === undefined) return "";
  // A number token turned into a string by String() would lose its token; asString keeps it.
  return typeof revision === "number" && Token.isUnresolved(revision)
    ? Token.asString(revision)
    : String(revision);
}
