import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { PrimaryClusterProps } from "./action-safety";
import { DisasterRecoveryAction } from "./disaster-recovery-action";

/** Props of {@link DisasterRecoverySwitchover}: the shared ones plus the intended primary. */
export interface DisasterRecoverySwitchoverProps
  extends DisasterRecoveryActionProps, PrimaryClusterProps {}

/**
 * A planned switchover: makes `primaryClusterId` the primary (production) cluster of a running
 * GaussDB(DWS) disaster recovery, with `POST /v2/{project_id}/disaster-recovery/{id}/switchover`,
 * then waits until the DR is `running` again with the roles swapped.
 *
 * Stated as its outcome, not as a toggle: the runtime sends the switchover only while
 * `primaryClusterId` is the standby, and succeeds without sending when it is already primary.
 * So a re-run (a new `revision`, a taint after a timeout or an interrupted apply) never switches
 * back. The original production cluster is unavailable during the switchover.
 *
 * @example
 * const switchover = new DisasterRecoverySwitchover(stack, "switch-to-standby", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 *   primaryClusterId: "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5",
 * });
 */
export class DisasterRecoverySwitchover extends DisasterRecoveryAction {
  /**
   * The cluster that is primary once the switchover is done: a token, known after it ran.
   * Referencing it orders the referencing resource after the switchover.
   */
  public readonly primaryClusterId: string;

  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; its path below the stack gives the default output name
   * @param props the DR, the cluster that must end primary, and how to wait for it
   */
  constructor(scope: Construct, id: string, props: DisasterRecoverySwitchoverProps) {
    super(scope, id, "switchover", props);
    this.primaryClusterId = this.targetAttribute("primary_cluster_id");
  }
}
