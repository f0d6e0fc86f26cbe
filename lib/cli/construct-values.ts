import { badInput } from "../api/errors";
import { RUNTIME_OPTIONS, RuntimeOptionName } from "../api/runtime-options";
import { ACTION_RULES, isDrAction } from "../api/status-model";

// The construct prop behind each value the construct always passes (DWS_DR_FROM_CONSTRUCT).
const CONSTRUCT_PROPS: readonly [RuntimeOptionName, string][] = [
  ["projectId", "projectId"],
  ["disasterRecoveryId", "disasterRecoveryId"],
  ["timeout", "timeout"],
  ["pollInterval", "pollInterval"],
];

/**
 * Under a construct (DWS_DR_FROM_CONSTRUCT), only the values the construct passed count: one that
 * resolved to empty (a token, a variable) is an error naming the construct's prop, never a reason
 * to take HW_PROJECT_ID, HW_REGION_NAME or a default from the machine that runs Terraform, where
 * a stray CI variable could aim the action at another project's DR (issue 22). Nothing is sent.
 */
export function checkConstructValues(
  command: string,
  read: (name: RuntimeOptionName) => string | undefined,
): void {
  const empty = (name: RuntimeOptionName, prop: string) =>
    badInput(
      `${prop}: the construct passed an empty value (${RUNTIME_OPTIONS[name].env} is "")`,
      `Check what ${prop} resolves to at apply time; under a construct the runtime takes no ` +
        "fallback from the environment (HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID, HW_REGION_NAME) or defaults",
    );
  for (const [name, prop] of CONSTRUCT_PROPS) {
    if (read(name) === undefined) throw empty(name, prop);
  }
  if (read("region") === undefined && read("endpoint") === undefined) {
    throw empty("region", "region (or endpoint)");
  }
  if (isDrAction(command) && ACTION_RULES[command].swapsRoles) {
    if (read("primaryClusterId") === undefined) throw empty("primaryClusterId", "primaryClusterId");
  }
}
