import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { DisasterRecoveryAction } from "./disaster-recovery-action";

/** Props of {@link DisasterRecoveryPause}: those shared by every action. */
export type DisasterRecoveryPauseProps = DisasterRecoveryActionProps;

/**
 * Pauses (stops) a GaussDB(DWS) disaster recovery:
 * `POST /v2/{project_id}/disaster-recovery/{id}/pause`, then waits until the DR is `stopped`.
 *
 * Data is no longer synchronised to the standby while the DR is stopped. Runs when Terraform
 * creates the resource and again only when the project id, DR id, endpoint or `revision`
 * changes. A DR that is already stopped counts as paused, so a re-run sends nothing.
 *
 * @example
 * const pause = new DisasterRecoveryPause(stack, "pause-dr", {
 *   projectId: "89cd04f168b84af6be287f71730fdb4b",
 *   disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
 *   region: "cn-north-4",
 * });
 */
export class DisasterRecoveryPause extends DisasterRecoveryAction {
  /**
   * @param scope the parent construct (inside a TerraformStack)
   * @param id the construct id; its path below the stack gives the default output name
   * @param props the DR to pause and how to wait for it
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryPauseProps) {
    super(scope, id, "pause", props);
  }
}
