import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { DisasterRecoveryAction } from "./disaster-recovery-action";

/** Props of {@link DisasterRecoveryStart}: those shared by every action. */
export type DisasterRecoveryStartProps = DisasterRecoveryActionProps;

/**
 * Starts a GaussDB(DWS) disaster recovery: `POST /v2/{project_id}/disaster-recovery/{id}/start`,
 * then waits until the DR is `running`.
 *
 * The start runs when Terraform creates the resource, and again only when the project id, DR id,
 * endpoint or `revision` changes. A DR that is already running counts as started. Destroying the
 * resource does not stop the DR (see {@link DisasterRecoveryAction}).
 *
 * @example
 * const start = new DisasterRecoveryStart(stack, "start-dr", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 *   dependsOn: [clusterReady],
 * });
 */
export class DisasterRecoveryStart extends DisasterRecoveryAction {
  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; also the base of the default output name
   * @param props the DR to start and how to wait for it
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryStartProps) {
    super(scope, id, "start", props);
  }
}
