import { Construct } from "constructs";
import { DisasterRecoveryActionProps } from "./action-props";
import { DisasterRecoveryAction, OnDestroy } from "./disaster-recovery-action";

/** The start's own option, `onDestroy`: for the construct and for a runbook's start step. */
export interface DisasterRecoveryStartOptions {
  /**
   * What destroying this resource (`cdktf destroy`, `terraform destroy`) does to the DR.
   *
   * - `OnDestroy.NONE`: nothing. The resource leaves the state and the DR keeps running: a silent
   *   stop of replication would be dangerous.
   * - `OnDestroy.PAUSE`: a destroy-time provisioner runs the bundled runtime's `pause` on the DR this
   *   resource started (read from the resource's own stored values), waits until it is
   *   `stopped` (a DR already stopped counts as paused), and fails the destroy if it cannot.
   *
   * Terraform's limits on destroy-time provisioners apply to `PAUSE`: it also runs when the
   * resource is replaced (a new `revision`, DR id, project or endpoint pauses the DR, then the
   * start runs again); it does not run for a tainted resource; and it does not run when the
   * construct is simply removed from the code (its provisioner leaves with it): destroy the stack,
   * or declare a `DisasterRecoveryPause`, instead. `timeout` and `pollInterval` must be literals,
   * because a destroy-time provisioner may reference only its own resource.
   *
   * @default OnDestroy.NONE
   */
  readonly onDestroy?: OnDestroy;
}

/** Props of {@link DisasterRecoveryStart}: those shared by every action, plus `onDestroy`. */
export interface DisasterRecoveryStartProps
  extends DisasterRecoveryActionProps, DisasterRecoveryStartOptions {}

/**
 * Starts a GaussDB(DWS) disaster recovery: `POST /v2/{project_id}/disaster-recovery/{id}/start`,
 * then waits until the DR is `running`.
 *
 * The start runs when Terraform creates the resource, and again only when the project id, DR id,
 * endpoint or `revision` changes. A DR that is already running counts as started. Destroying the
 * resource does not stop the DR unless `onDestroy` is `OnDestroy.PAUSE`.
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
   * @param id the construct id; its path below the stack gives the default output name
   * @param props the DR to start and how to wait for it
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryStartProps) {
    super(scope, id, "start", props, props.onDestroy ?? OnDestroy.NONE);
  }
}
