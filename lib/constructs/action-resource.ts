import {
  DataResource,
  ITerraformDependable,
  LocalExecProvisioner,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
} from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DrAction } from "../api/status-model";
import { ActionSettings, ResourceKind } from "./action-props";
import { SelfAttribute } from "./action-provisioner";
import { destroysData, needsPrimaryCluster } from "./action-safety";
import { constructError } from "./construct-error";
import { FRAMEWORK } from "./framework";

/** What the resource carrying an action is made from. */
export interface ActionResourceSpec {
  readonly action: DrAction;
  readonly settings: ActionSettings;
  /** The provisioners, given where a destroy-time one reads its own resource's values. */
  readonly provisioners: (self: SelfAttribute) => LocalExecProvisioner[];
  readonly dependsOn?: ITerraformDependable[];
}

/** The resource carrying an action, and the DR id read back from it. */
export interface ActionResource {
  readonly resource: TerraformResource;
  /** A reference to the resource, so that whatever uses it runs after the action completed. */
  readonly disasterRecoveryId: string;
  /** Reads another stored value of the target (e.g. `primary_cluster_id`) the same way. */
  readonly targetAttribute: (key: string) => string;
}

// The stack-level id of the NullProvider added for null_resource actions.
const NULL_PROVIDER_ID = "DwsDrNullProvider";

/**
 * Creates the resource of `kind` that runs the action once, at create, and the resource that
 * says when it runs again (see {@link runTrigger}). Nothing the runtime needs to know how to
 * run (the endpoint or region, wait, timeout, poll interval, the runtime's asset hash) can
 * replace it: rewriting a region as its endpoint or upgrading this library runs no DR action.
 */
export function createActionResource(
  scope: Construct,
  id: string,
  kind: ResourceKind,
  spec: ActionResourceSpec,
): ActionResource {
  return kind === ResourceKind.NULL_RESOURCE
    ? createNullResource(scope, id, spec)
    : createDataResource(scope, id, spec);
}

/**
 * What the action acts on and where it was sent: stored in the action's resource at create (a
 * destroy-time pause reads it back from `self`, later steps read terraform_data's `output`).
 * Terraform ignores later changes to it (`ignore_changes`): what re-runs the action is the run
 * trigger alone, so an endpoint rewrite never replaces anything, and resources created by
 * earlier releases, which stored more here, are not replaced by an upgrade either.
 */
function actionTarget(action: DrAction, settings: ActionSettings): Record<string, string> {
  return {
    project_id: settings.projectId,
    disaster_recovery_id: settings.disasterRecoveryId,
    endpoint: settings.endpoint,
    region: settings.region,
    // Only where it applies, so that existing start and pause resources keep their triggers.
    ...(needsPrimaryCluster(action) ? { primary_cluster_id: settings.primaryClusterId } : {}),
  };
}

/**
 * The values whose change runs the action again: the DR, the revision, and for a switchover its
 * outcome. A data-losing action (failover, recovery) runs at most once per its own revision, so
 * its outcome is not among them; while it has no revision it is `disarmed`, which the plan shows
 * and which arming it (a revision) changes.
 */
function runTrigger(action: DrAction, settings: ActionSettings): Record<string, string> {
  const outcome: Record<string, string> =
    needsPrimaryCluster(action) && !destroysData(action)
      ? { primary_cluster_id: settings.primaryClusterId }
      : {};
  return {
    action,
    project_id: settings.projectId,
    disaster_recovery_id: settings.disasterRecoveryId,
    ...outcome,
    revision: settings.revision,
    ...(settings.armed ? {} : { disarmed: "true" }),
  };
}

// The run trigger's child id: beside the action's resource, in the same construct.
const RUN_TRIGGER_ID = "run-trigger";

function createDataResource(
  scope: Construct,
  id: string,
  spec: ActionResourceSpec,
): ActionResource {
  const { action, settings } = spec;
  // Changes in place when a trigger value changes, which replaces the action's resource.
  const trigger = new DataResource(scope, RUN_TRIGGER_ID, { input: runTrigger(action, settings) });
  const stored = { action, ...actionTarget(action, settings) };
  const resource = new DataResource(scope, id, {
    // `output` (= input) is what later steps read: it must never become unknown at plan while
    // the resource is not replaced, hence `input` too is kept as it was at the create.
    input: stored,
    triggersReplace: stored,
    provisioners: nonEmpty(spec.provisioners("input")),
    dependsOn: spec.dependsOn,
    lifecycle: {
      ignoreChanges: ["input", "triggers_replace"],
      replaceTriggeredBy: [address(trigger)],
    },
  });
  // `output` is unknown until the create (and its provisioner) finished.
  const targetAttribute = (key: string) => Token.asString(resource.output.lookup(key));
  return {
    resource,
    disasterRecoveryId: targetAttribute("disaster_recovery_id"),
    targetAttribute,
  };
}

function createNullResource(
  scope: Construct,
  id: string,
  spec: ActionResourceSpec,
): ActionResource {
  const { resource: nullResource, provider } = loadProviderNull(scope);
  ensureNullProvider(TerraformStack.of(scope), provider.NullProvider);
  const { action, settings } = spec;
  // A null_resource is replaced (not changed) when its triggers change: that too replaces the
  // action's resource.
  const trigger = new nullResource.Resource(scope, RUN_TRIGGER_ID, {
    triggers: runTrigger(action, settings),
  });
  const resource = new nullResource.Resource(scope, id, {
    triggers: { ...actionTarget(action, settings), action },
    provisioners: nonEmpty(spec.provisioners("triggers")),
    dependsOn: spec.dependsOn,
    lifecycle: { ignoreChanges: ["triggers"], replaceTriggeredBy: [address(trigger)] },
  });
  // Known at plan, but a reference still makes the user wait for the create to finish.
  const targetAttribute = (key: string) =>
    Token.asString(resource.interpolationForAttribute(`triggers.${key}`));
  return {
    resource,
    disasterRecoveryId: targetAttribute("disaster_recovery_id"),
    targetAttribute,
  };
}

/**
 * Makes `resource` run again whenever `previous` runs again (is replaced): how a runbook replays
 * its later steps. Added to the resource's `replace_triggered_by`, not to its trigger values, so
 * that it needs no per-run value of the previous step.
 */
export function rerunAfter(resource: TerraformResource, previous: TerraformResource): void {
  const lifecycle = resource.lifecycle ?? {};
  resource.lifecycle = {
    ...lifecycle,
    replaceTriggeredBy: [...(lifecycle.replaceTriggeredBy ?? []), address(previous)],
  };
}

// Terraform's JSON syntax rejects an empty `provisioner` list (a disarmed action has none).
function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

// A resource's plain address. cdktf 0.21 renders a resource given to `replaceTriggeredBy` as
// "${type.name}", which Terraform's JSON syntax rejects there ("Invalid expression").
function address(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

type ProviderNull = typeof import("@cdktf/provider-null");

// Required here, not imported at the top, so that @cdktf/provider-null stays an optional peer
// dependency: only users of resourceKind "null_resource" need it installed.
function loadProviderNull(scope: Construct): ProviderNull {
  // @cdktf/provider-null's classes extend cdktf's, which do not fit a cdktn stack.
  if (FRAMEWORK === "cdktn") {
    throw constructError(
      scope.node.path,
      'resourceKind: "null_resource" is not available on CDK Terrain (cdktn): no @cdktn/provider-null is published',
      'Use resourceKind "terraform_data" (built into Terraform >= 1.4).',
    );
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@cdktf/provider-null") as ProviderNull;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    throw constructError(
      scope.node.path,
      'resourceKind: "null_resource" needs the optional peer dependency @cdktf/provider-null',
      'Run "npm install @cdktf/provider-null@^11", or use resourceKind "terraform_data".',
    );
  }
}

function isNullProvider(node: IConstruct): node is TerraformProvider {
  return TerraformProvider.isTerraformProvider(node) && node.terraformResourceType === "null";
}

/** Adds a NullProvider to the stack unless it has one (aliased or not) already. */
function ensureNullProvider(
  stack: TerraformStack,
  NullProvider: ProviderNull["provider"]["NullProvider"],
): void {
  if (stack.node.findAll().some(isNullProvider)) return;
  const provider = new NullProvider(stack, NULL_PROVIDER_ID);
  // A NullProvider the user adds after this one would be a second default configuration, which
  // Terraform rejects at init with a message that does not point here.
  provider.node.addValidation({
    validate: () => {
      const defaults = stack.node
        .findAll()
        .filter((node) => isNullProvider(node) && node.alias === undefined);
      return defaults.length > 1
        ? [
            `${NULL_PROVIDER_ID} was added for resourceKind "null_resource" before another ` +
              "NullProvider of the stack: create your NullProvider before the first such action.",
          ]
        : [];
    },
  });
}
