import { DataResource, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryStart } from "../lib";

/** Where the example's DR task lives. Nothing here is secret: credentials come from the environment. */
export interface FailoverStackProps {
  readonly projectId: string;
  readonly disasterRecoveryId: string;
  /** An explicit endpoint (the emulator's), or undefined to use `region`. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Change to start DR again on the next deploy. */
  readonly revision?: string;
}

/**
 * The example: some infrastructure first, the DR start ordered after it, and a later step ordered
 * after the start because it references the DR id the start returned.
 */
export class FailoverStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: FailoverStackProps) {
    super(scope, id);

    // Stands in for the clusters and network a real stack would declare first.
    const clustersReady = new DataResource(this, "clusters-ready", {
      input: { primary: "dws-primary", standby: "dws-standby" },
    });

    const start = new DisasterRecoveryStart(this, "start-dr", {
      projectId: props.projectId,
      disasterRecoveryId: props.disasterRecoveryId,
      endpoint: props.endpoint,
      region: props.region,
      revision: props.revision,
      timeout: "5m",
      pollInterval: "2s",
      dependsOn: [clustersReady],
    });

    // A later step: it references the id (and the per-run id), so it runs after the start
    // finished, and again whenever a new revision re-runs the start.
    new DataResource(this, "after-start", {
      input: { disaster_recovery_id: start.disasterRecoveryId },
      triggersReplace: [start.runId],
      provisioners: [
        {
          type: "local-exec",
          command: 'echo "post-start checks for DR $DR_ID"',
          environment: { DR_ID: start.disasterRecoveryId },
        },
      ],
    });

    new TerraformOutput(this, "started_disaster_recovery_id", {
      value: start.disasterRecoveryId,
      description: "The DR id the start returned (the construct also outputs it by default)",
    }).overrideLogicalId("started_disaster_recovery_id");
  }
}
