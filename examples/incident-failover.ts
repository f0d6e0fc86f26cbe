import { Construct } from "constructs";
import { DisasterRecoveryFailover } from "../lib";

/** The DR, the cluster to fail over to, and the incident (if one is declared). */
export interface IncidentFailoverProps {
  readonly projectId: string;
  readonly disasterRecoveryId: string;
  /** The standby cluster that must be primary after the failover. */
  readonly standbyClusterId: string;
  /**
   * The incident the failover is declared for, e.g. `"INC-2041"`; none means no failover.
   * A new incident is a new `revision`: it fires the failover again (which sends nothing if the
   * standby is already primary).
   */
  readonly incident?: string;
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * A failover declared for an incident: the pipeline sets the incident id (for example from an
 * `INCIDENT_ID` variable of the deploy job) and runs `cdktf deploy`. Without an incident the
 * construct declares nothing, so an ordinary deploy never fails over. Data not yet synchronised
 * to the standby is lost, which the code acknowledges explicitly.
 */
export class IncidentFailover extends Construct {
  /** The failover, when an incident is declared. */
  public readonly failover?: DisasterRecoveryFailover;

  constructor(scope: Construct, id: string, props: IncidentFailoverProps) {
    super(scope, id);
    if (props.incident === undefined || props.incident === "") return;

    this.failover = new DisasterRecoveryFailover(this, "failover", {
      projectId: props.projectId,
      disasterRecoveryId: props.disasterRecoveryId,
      endpoint: props.endpoint,
      region: props.region,
      primaryClusterId: props.standbyClusterId,
      acknowledgeDataLoss: true, // the incident commander accepted losing unsynchronised changes
      revision: props.incident,
      pollInterval: "1s",
      timeout: "30m",
    });
  }
}
