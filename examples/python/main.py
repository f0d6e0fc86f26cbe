import os

from cdktf import App, DataResource, TerraformStack
from constructs import Construct

from cdktf_dws_disaster_recovery import DisasterRecoveryRunbook


class DisasterRecoveryStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)

        # Stands in for the clusters and the DR task your stack declares.
        clusters_ready = DataResource(self, "clusters-ready", input={"name": "clusters"})

        runbook = DisasterRecoveryRunbook(
            self,
            "dr",
            project_id=os.environ["DWS_PROJECT_ID"],
            disaster_recovery_id=os.environ["DWS_DISASTER_RECOVERY_ID"],
            endpoint=os.environ["DWS_ENDPOINT"],  # or region="cn-north-4"
            depends_on=[clusters_ready],
        )
        runbook.start("start", poll_interval="1s")
        runbook.switchover(
            "switch-to-standby",
            primary_cluster_id=os.environ["DWS_STANDBY_CLUSTER_ID"],
            poll_interval="1s",
        )
        # Armed for one incident: a failover fires only with a revision (the incident id).
        runbook.failover(
            "incident-failover",
            primary_cluster_id=os.environ["DWS_PRODUCTION_CLUSTER_ID"],
            acknowledge_data_loss=True,
            revision="INC-4711",
            poll_interval="1s",
        )


app = App()
DisasterRecoveryStack(app, "dr")
app.synth()
