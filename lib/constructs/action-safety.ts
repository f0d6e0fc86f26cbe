import { Token } from "cdktf";
import { validateClusterId } from "../api/identifiers";
import { DrAction } from "../api/status-model";
import { constructError, withConstructPath } from "./construct-error";

/** Props of the actions that are stated as their outcome: switchover and failover. */
export interface PrimaryClusterProps {
  /**
   * The id of the cluster that must be primary when the action is done.
   *
   * A switchover or failover swaps the two clusters' roles, so running it twice swaps them back.
   * Stating the outcome instead makes a re-run (after a timeout, an interrupted apply or a taint)
   * safe: the runtime sends the action only while this cluster is the standby, succeeds without
   * sending when it is already primary, and refuses (exit 2, naming both clusters) when it is
   * neither cluster of the DR. A UUID; may be a token, for example your cluster resource's id.
   * A different value is a different outcome: it replaces the resource and runs the action again.
   */
  readonly primaryClusterId: string;
}

/** Props of the actions that destroy data: failover and recovery. */
export interface DataLossAcknowledgementProps {
  /**
   * Declares that you accept the data loss this action causes; must be `true`.
   *
   * Without it synth fails with a message saying what would be lost. Once acknowledged, the
   * construct passes the runtime's confirmation (`DWS_DR_CONFIRM` = the DR id) for you.
   *
   * @default false (synth fails)
   */
  readonly acknowledgeDataLoss?: boolean;
}

/** The safety rules of one action, as data: what it needs before it may be declared. */
interface ActionSafetyRule {
  /** The construct class, for messages. */
  readonly construct: string;
  /** Whether the action is stated as its outcome, `primaryClusterId`. */
  readonly needsPrimaryCluster: boolean;
  /** What the action destroys, when it does; such an action needs `acknowledgeDataLoss: true`. */
  readonly dataLoss?: string;
}

// reference/dws-dr-api.md §1 ("Side effects noted in the docs"): a failover loses what was not
// synchronised yet; a recovery deletes the DR cluster's data and re-establishes the relationship.
const ACTION_SAFETY: Readonly<Record<DrAction, ActionSafetyRule>> = {
  start: { construct: "DisasterRecoveryStart", needsPrimaryCluster: false },
  pause: { construct: "DisasterRecoveryPause", needsPrimaryCluster: false },
  switchover: { construct: "DisasterRecoverySwitchover", needsPrimaryCluster: true },
  failover: {
    construct: "DisasterRecoveryFailover",
    needsPrimaryCluster: true,
    dataLoss:
      "a failover makes the standby cluster primary with the data of its last synchronisation: " +
      "changes made on the production cluster and not yet synchronised to the standby are lost",
  },
  recovery: {
    construct: "DisasterRecoveryRecovery",
    needsPrimaryCluster: false,
    dataLoss:
      "a recovery deletes the standby (DR) cluster's data and re-establishes disaster recovery " +
      "with the current production cluster, copying all of its data again",
  },
};

/** Whether `action` destroys data (failover, recovery): it then fires only once armed. */
export function destroysData(action: DrAction): boolean {
  return ACTION_SAFETY[action].dataLoss !== undefined;
}

/** Whether `action` is stated as its outcome (`primaryClusterId`). */
export function needsPrimaryCluster(action: DrAction): boolean {
  return ACTION_SAFETY[action].needsPrimaryCluster;
}

/** The safety-related values an action passes to the runtime; `""` where they do not apply. */
export interface SafetySettings {
  /** The cluster that must end primary (lower case when literal); `""` for other actions. */
  readonly primaryClusterId: string;
  /** The runtime's confirmation: the DR id once data loss is acknowledged, else `""`. */
  readonly confirm: string;
}

/**
 * Checks the safety props of `action` and returns what the runtime needs. Refuses a data-losing
 * action that is not acknowledged, and a switchover or failover without its outcome.
 */
export function resolveSafetySettings(
  constructPath: string,
  action: DrAction,
  props: Partial<PrimaryClusterProps> & DataLossAcknowledgementProps,
  disasterRecoveryId: string,
): SafetySettings {
  const rule = ACTION_SAFETY[action];
  if (rule.dataLoss !== undefined && props.acknowledgeDataLoss !== true) {
    const given =
      props.acknowledgeDataLoss === undefined
        ? "not set"
        : JSON.stringify(props.acknowledgeDataLoss);
    throw constructError(
      constructPath,
      `acknowledgeDataLoss: ${rule.construct} requires acknowledgeDataLoss: true, ` +
        `and it is ${given}. ` +
        `This action destroys data: ${rule.dataLoss}`,
      `If that loss is accepted, set acknowledgeDataLoss: true on ${rule.construct} ` +
        `"${constructPath}"; otherwise remove the construct.`,
    );
  }
  return {
    primaryClusterId: rule.needsPrimaryCluster ? primaryCluster(constructPath, rule, props) : "",
    confirm: rule.dataLoss !== undefined ? disasterRecoveryId : "",
  };
}

function primaryCluster(
  constructPath: string,
  rule: ActionSafetyRule,
  props: Partial<PrimaryClusterProps>,
): string {
  const { primaryClusterId } = props;
  if (primaryClusterId === undefined || primaryClusterId === "") {
    throw constructError(
      constructPath,
      `primaryClusterId: ${rule.construct} requires it and it is not set`,
      "Give the id of the cluster that must be primary when the action is done (a UUID or a " +
        "token such as your cluster resource's id): stating the outcome makes a re-run safe.",
    );
  }
  if (Token.isUnresolved(primaryClusterId)) return primaryClusterId;
  return withConstructPath(constructPath, () =>
    validateClusterId(primaryClusterId, "primaryClusterId"),
  );
}
