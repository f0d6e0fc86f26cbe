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
    primaryClusterId: settings.primaryClusterId,
    // A construct states the outcome (primaryClusterId): it never asks for a toggle.
    toggle: "",
    confirm: settings.confirm,
    dryRun: "",
    json: "",
    fromConstruct: "true",
  };
  return Object.fromEntries(
    (Object.keys(values) as RuntimeOptionName[]).map((name) => [
      RUNTIME_OPTIONS[name].env,
      values[name],
    ]),
  );
}

/** Where a destroy-time provisioner reads the target from: its own resource's attribute. */
export type SelfAttribute = "input" | "triggers";

/**
 * The destroy-time local-exec of `onDestroy: "pause"`: runs the bundled runtime's `pause` on the
 * DR the resource acted on. Terraform lets a destroy-time provisioner reference only its own
 * resource (`self`), so the target comes from the resource's stored `input` (terraform_data) or
 * `triggers` (null_resource), never from other resources or variables. Timeout and poll interval
 * are literals of the configuration (tokens are refused at synth for that reason).
 */
export function pauseOnDestroyProvisioner(
  asset: TerraformAsset,
  settings: ActionSettings,
  attribute: SelfAttribute,
): LocalExecProvisioner {
  const fromSelf = (key: string): string => "${self." + attribute + "." + key + "}";
  return {
    type: "local-exec",
    when: "destroy",
    command: `node ${asset.path} pause`,
    environment: runtimeEnvironment({
      ...settings,
      projectId: fromSelf("project_id"),
      disasterRecoveryId: fromSelf("disaster_recovery_id"),
      endpoint: fromSelf("endpoint"),
      region: fromSelf("region"),
      wait: true,
      primaryClusterId: "",
      confirm: "",
    }),
  };
}
