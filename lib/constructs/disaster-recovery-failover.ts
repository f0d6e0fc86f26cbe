import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { DataLossAcknowledgementProps, PrimaryClusterProps } from "./action-safety";
import { DisasterRecoveryAction } from "./disaster-recovery-action";

/**
 * Props of {@link DisasterRecoveryFailover}: the shared ones, the intended primary and the
 * acknowledgement of data loss.
 */
export interface DisasterRecoveryFailoverProps
  extends DisasterRecoveryActionProps, PrimaryClusterProps, DataLossAcknowledgementProps {}

/**
 * An emergency failover ("exception switchover"): makes the standby `primaryClusterId` the
 * primary cluster when the DR is abnormal or the production cluster is faulty, with
 * `POST /v2/{project_id}/disaster-recovery/{id}/failover`, then waits until the DR is `running`
 * with the roles swapped.
 *
 * Changes not yet synchronised to the standby are lost, so synth fails unless
 * `acknowledgeDataLoss` is `true`; the construct then passes the runtime's confirmation for you.
 * Stated as its outcome like the switchover: a re-run never fails back. Declare it ahead of an
 * incident without a `revision` (disarmed: planned and reviewed, nothing sent), and fire it by
 * setting `revision` to the incident id. It runs at most once per revision: not again because an
 * earlier runbook step ran again, nor because the endpoint, region, `primaryClusterId`, a
 * setting or this library's version changed.
 *
 * @example
 * const failover = new DisasterRecoveryFailover(stack, "incident-failover", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 *   primaryClusterId: "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5",
 *   acknowledgeDataLoss: true,
 *   revision: "INC-4711", // arms it: the failover fires once for this incident
 * });
 */
export class DisasterRecoveryFailover extends DisasterRecoveryAction {
  /**
   * The cluster that is primary once the failover is done: a token, known after it ran.
   * Referencing it orders the referencing resource after the failover.
   */
  public readonly primaryClusterId: string;

  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; its path below the stack gives the default output name
   * @param props the DR, the cluster that must end primary, the acknowledgement, how to wait
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryFailoverProps) {
    super(scope, id, "failover", props);
    this.primaryClusterId = this.targetAttribute("primary_cluster_id");
  }
}
