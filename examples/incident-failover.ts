import { Construct } from "constructs";
import { DisasterRecoveryFailover } from "../lib";

/** The DR, the cluster to fail over to, and the incident (if one is declared). */
export interface IncidentFailoverProps {
  readonly projectId: string;
  readonly disasterRecoveryId: string;
  /** The standby cluster that must be primary after the failover. */
  readonly standbyClusterId: string;
  /**
   * The incident the failover is armed for, e.g. `"INC-2041"`; none keeps it declared but
   * disarmed. It fires once per incident; a new incident fires it again (which sends nothing if
   * the standby is already primary).
   */
  readonly incident?: string;
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * A failover declared ahead of an incident and armed by one: the pipeline sets the incident id
 * (for example from an `INCIDENT_ID` variable of the deploy job) and runs `cdktf deploy`. Without
 * an incident the failover is declared, reviewed and planned but disarmed, so an ordinary deploy
 * never fails over. Data not yet synchronised to the standby is lost, which the code
 * acknowledges explicitly.
 */
export class IncidentFailover extends Construct {
  /** The failover: armed while an incident is declared, disarmed otherwise. */
  public readonly failover: DisasterRecoveryFailover;

  constructor(scope: Construct, id: string, props: IncidentFailoverProps) {
    super(scope, id);
    this.failover = new DisasterRecoveryFailover(this, "failover", {
      projectId: props.projectId,
      disasterRecoveryId: props.disasterRecoveryId,
      endpoint: props.endpoint,
      region: props.region,
      primaryClusterId: props.standbyClusterId,
      acknowledgeDataLoss: true, // the incident commander accepted losing unsynchronised changes
      revision: props.incident || undefined, // an empty incident keeps it disarmed
      pollInterval: "1s",
      timeout: "30m",
    });
  }
}
