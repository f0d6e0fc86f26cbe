package main

import (
	"os"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	dwsdr "github.com/cdktf-dws-disaster-recovery/cdktf-dws-disaster-recovery-go/cdktfdwsdr"
)

func NewDisasterRecoveryStack(scope constructs.Construct, id string) cdktf.TerraformStack {
	stack := cdktf.NewTerraformStack(scope, &id)

	// Stands in for the clusters and the DR task your stack declares.
	clustersReady := cdktf.NewDataResource(stack, jsii.String("clusters-ready"), &cdktf.DataConfig{
		Input: &map[string]interface{}{"name": "clusters"},
	})

	runbook := dwsdr.NewDisasterRecoveryRunbook(stack, jsii.String("dr"), &dwsdr.DisasterRecoveryRunbookProps{
		ProjectId:          jsii.String(os.Getenv("DWS_PROJECT_ID")),
		DisasterRecoveryId: jsii.String(os.Getenv("DWS_DISASTER_RECOVERY_ID")),
		Endpoint:           jsii.String(os.Getenv("DWS_ENDPOINT")), // or Region: jsii.String("cn-north-4")
		DependsOn:          &[]cdktf.ITerraformDependable{clustersReady},
	})
	runbook.Start(jsii.String("start"), &dwsdr.RunbookStartProps{PollInterval: jsii.String("1s")})
	runbook.Switchover(jsii.String("switch-to-standby"), &dwsdr.RunbookSwitchoverProps{
		PrimaryClusterId: jsii.String(os.Getenv("DWS_STANDBY_CLUSTER_ID")),
		PollInterval:     jsii.String("1s"),
	})
	// Armed for one incident: a failover fires only with a revision (the incident id).
	runbook.Failover(jsii.String("incident-failover"), &dwsdr.RunbookFailoverProps{
		PrimaryClusterId:    jsii.String(os.Getenv("DWS_PRODUCTION_CLUSTER_ID")),
		AcknowledgeDataLoss: jsii.Bool(true),
		Revision:            jsii.String("INC-4711"),
		PollInterval:        jsii.String("1s"),
	})
	return stack
}

func main() {
	app := cdktf.NewApp(nil)
	NewDisasterRecoveryStack(app, "dr")
	app.Synth()
}
