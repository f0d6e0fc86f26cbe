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
import { needsPrimaryCluster } from "./action-safety";
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
 * Creates the resource of `kind` that runs the action once, at create. Its replacement triggers
 * hold what identifies the action's target plus the user's revision, and never the runtime's
 * asset hash: a library upgrade must not run a DR action again.
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
 * What the action acts on: the DR and, for a switchover or failover, the outcome. Each value
 * re-runs the action when it changes, and nothing else is here, so these may also be stored in
 * terraform_data's `input` (whose `output` later steps read) without a change ever leaving the
 * output unknown at plan while the resource is not replaced.
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

function replacementTriggers(action: DrAction, settings: ActionSettings): Record<string, string> {
  return { ...actionTarget(action, settings), revision: settings.revision };
}

function createDataResource(
  scope: Construct,
  id: string,
  spec: ActionResourceSpec,
): ActionResource {
  const { action, settings } = spec;
  const resource = new DataResource(scope, id, {
    // `output` (= input) becomes unknown at plan whenever `input` changes, which would replace
    // every later step keyed on the DR id. So `input` holds only what also replaces the resource;
    // wait, timeout and poll interval travel in the provisioner's environment only.
    input: { action, ...actionTarget(action, settings) },
    triggersReplace: replacementTriggers(action, settings),
    provisioners: spec.provisioners("input"),
    dependsOn: spec.dependsOn,
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
  const resource = new nullResource.Resource(scope, id, {
    triggers: { ...replacementTriggers(spec.action, spec.settings), action: spec.action },
    provisioners: spec.provisioners("triggers"),
    dependsOn: spec.dependsOn,
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
