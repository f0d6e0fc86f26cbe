/**
 * The construct layer: synthesis only (cdktf, constructs, optionally @cdktf/provider-null),
 * never a network call. The runtime these constructs run is the bundled `dws-dr` CLI.
 */
export { ResourceKind } from "./action-props";
export type {
  ActionConstructProps,
  DisasterRecoveryActionOptions,
  DisasterRecoveryActionProps,
} from "./action-props";
export type { DataLossAcknowledgementProps, PrimaryClusterProps } from "./action-safety";
export { DisasterRecoveryAction, OnDestroy } from "./disaster-recovery-action";
export { DisasterRecoveryStart } from "./disaster-recovery-start";
export type {
  DisasterRecoveryStartOptions,
  DisasterRecoveryStartProps,
} from "./disaster-recovery-start";
export { DisasterRecoveryPause } from "./disaster-recovery-pause";
export type { DisasterRecoveryPauseProps } from "./disaster-recovery-pause";
export { DisasterRecoverySwitchover } from "./disaster-recovery-switchover";
export type { DisasterRecoverySwitchoverProps } from "./disaster-recovery-switchover";
export { DisasterRecoveryFailover } from "./disaster-recovery-failover";
export type { DisasterRecoveryFailoverProps } from "./disaster-recovery-failover";
export { DisasterRecoveryRecovery } from "./disaster-recovery-recovery";
export type { DisasterRecoveryRecoveryProps } from "./disaster-recovery-recovery";
export { DisasterRecoveryRunbook } from "./disaster-recovery-runbook";
export type {
  DisasterRecoveryRunbookProps,
  RunbookFailoverProps,
  RunbookPauseProps,
  RunbookRecoveryProps,
  RunbookStartProps,
  RunbookStepOptions,
  RunbookSwitchoverProps,
} from "./disaster-recovery-runbook";
