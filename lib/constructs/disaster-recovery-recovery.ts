import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { DataLossAcknowledgementProps } from "./action-safety";
import { DisasterRecoveryAction } from "./disaster-recovery-action";

/** Props of {@link DisasterRecoveryRecovery}: the shared ones and the acknowledgement of data loss. */
export interface DisasterRecoveryRecoveryProps
  extends DisasterRecoveryActionProps, DataLossAcknowledgementProps {}

/**
 * Re-establishes a GaussDB(DWS) disaster recovery after a failover ("switchback"), with
 * `POST /v2/{project_id}/disaster-recovery/{id}/recovery`, then waits until the DR is `running`.
 *
 * The standby (DR) cluster's data is deleted and copied again from the current production
 * cluster, so synth fails unless `acknowledgeDataLoss` is `true`; the construct then passes the
 * runtime's confirmation for you. It fires only when armed: `revision` names the incident (or
 * change) it is for; without one it is declared, planned and ordered but sends nothing. It runs
 * at most once per revision (and again if the project id or DR id changes); a re-run that finds
 * the recovery in progress waits for it and sends nothing.
 *
 * @example
 * const recovery = new DisasterRecoveryRecovery(stack, "re-establish", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 *   acknowledgeDataLoss: true,
 *   revision: "INC-4711", // arms it; leave it out to keep the recovery declared but disarmed
 * });
 */
export class DisasterRecoveryRecovery extends DisasterRecoveryAction {
  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; its path below the stack gives the default output name
   * @param props the DR to recover, the acknowledgement, and how to wait for it
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryRecoveryProps) {
    super(scope, id, "recovery", props);
  }
}
