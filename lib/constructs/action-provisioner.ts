import { LocalExecProvisioner, TerraformAsset } from "cdktf";
import { RUNTIME_OPTIONS, RuntimeOptionName } from "../api/runtime-options";
import { DrAction } from "../api/status-model";
import { ActionSettings } from "./action-props";

/**
 * The create-time local-exec that runs the action. The command is constant (`node <asset>
 * <action>`): every value travels through `environment`, so nothing is interpolated into a shell
 * command. No `on_failure`: a failed action fails the apply and taints the resource. No
 * credentials: the runtime reads them from the environment of the process that runs Terraform.
 */
export function actionProvisioner(
  asset: TerraformAsset,
  action: DrAction,
  settings: ActionSettings,
): LocalExecProvisioner {
  // asset.path is relative to the stack directory, Terraform's working directory under both
  // `cdktf deploy` and `terraform -chdir=cdktf.out/stacks/<stack>`.
  return {
    type: "local-exec",
    command: `node ${asset.path} ${action}`,
    environment: runtimeEnvironment(settings),
  };
}

/**
 * Every `DWS_DR_*` variable the runtime reads, `""` meaning unset. `environment` is merged onto
 * the inherited environment, so a variable left out could be supplied by a stray CI setting.
 */
export function runtimeEnvironment(settings: ActionSettings): Record<string, string> {
  // Typed by option name so that an option added to the runtime fails to compile here.
  const values: Record<RuntimeOptionName, string> = {
    projectId: settings.projectId,
    disasterRecoveryId: settings.disasterRecoveryId,
    region: settings.region,
    endpoint: settings.endpoint,
    noWait: settings.wait ? "" : "true",
    timeout: settings.timeout,
    pollInterval: settings.pollInterval,
    primaryClusterId: "",
    confirm: "",
    dryRun: "",
    json: "",
  };
  return Object.fromEntries(
    (Object.keys(values) as RuntimeOptionName[]).map((name) => [
      RUNTIME_OPTIONS[name].env,
      values[name],
    ]),
  );
}
