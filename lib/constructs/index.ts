/**
 * The construct layer: synthesis only (cdktf, constructs, optionally @cdktf/provider-null),
 * never a network call. The runtime these constructs run is the bundled `dws-dr` CLI.
 */
export type { DisasterRecoveryActionProps, ResourceKind } from "./action-props";
export { DisasterRecoveryAction } from "./disaster-recovery-action";
export { DisasterRecoveryStart } from "./disaster-recovery-start";
export type { DisasterRecoveryStartProps } from "./disaster-recovery-start";
