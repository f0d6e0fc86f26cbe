import { DataResource } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryRunbook, DisasterRecoverySwitchover } from "../lib";

/** Where the DR lives and which cluster takes over. Nothing here is secret. */
export interface PlannedSwitchoverProps {
  readonly projectId: string;
  readonly disasterRecoveryId: string;
  /** The standby cluster that becomes primary after the release. */
  readonly standbyClusterId: string;
  /** An explicit endpoint (the emulator's), or undefined to use `region`. */
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * A planned switchover after a release: the DR is started once the clusters exist, the release
 * runs, then the standby becomes primary (for example to patch the old production cluster).
 * Stated as its outcome, the switchover never switches back when the pipeline runs it again.
 */
export class PlannedSwitchover extends Construct {
  /** The switchover step: its `primaryClusterId` is known once it is done. */
  public readonly switchover: DisasterRecoverySwitchover;

  constructor(scope: Construct, id: string, props: PlannedSwitchoverProps) {
    super(scope, id);

    // Stand-ins for the clusters and for the release a real stack would declare.
    const clustersReady = new DataResource(this, "clusters-ready", { input: { ready: true } });
    const runbook = new DisasterRecoveryRunbook(this, "dr", {
      projectId: props.projectId,
      disasterRecoveryId: props.disasterRecoveryId,
      endpoint: props.endpoint,
      region: props.region,
      dependsOn: [clustersReady],
    });
    const start = runbook.start("start", { pollInterval: "1s", timeout: "10m" });
    const release = new DataResource(this, "release", {
      input: { version: "2.0.0" },
      dependsOn: [start],
    });
    this.switchover = runbook.switchover("after-release", {
      primaryClusterId: props.standbyClusterId,
      after: [release],
      pollInterval: "1s",
      timeout: "30m",
    });
  }
}
