import { DataResource, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryRunbook, DisasterRecoveryStart } from "../lib";

/** One data platform: its DR task and where the API is. */
export interface DataPlatformProps {
  readonly projectId: string;
  readonly disasterRecoveryId: string;
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * A platform team's own construct: it owns its infrastructure (stand-ins here), starts DR once
 * that exists, and runs its post-start checks after the DR is running. It can be instantiated
 * any number of times in one stack: every name below it derives from its construct path.
 */
export class DataPlatform extends Construct {
  /** The DR start of this platform. */
  public readonly start: DisasterRecoveryStart;

  constructor(scope: Construct, id: string, props: DataPlatformProps) {
    super(scope, id);

    // Stand-ins for the warehouse clusters and their network.
    const clusters = new DataResource(this, "clusters", { input: { platform: id } });
    const runbook = new DisasterRecoveryRunbook(this, "dr", {
      ...props,
      dependsOn: [clusters],
    });
    this.start = runbook.start("start", { pollInterval: "1s", timeout: "10m" });

    // Runs after the DR is running (it references the id), and again when the start re-runs.
    new DataResource(this, "post-start-checks", {
      input: { disaster_recovery_id: this.start.disasterRecoveryId },
      triggersReplace: [this.start.runId],
    });
    new TerraformOutput(this, "platform-dr", {
      value: this.start.disasterRecoveryId,
      description: `The DR id of platform ${id}, once started`,
    });
  }
}
