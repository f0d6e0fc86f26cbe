/**
 * The options of a `dws-dr` action run, shared by the CLI (which reads them from flags and
 * `DWS_DR_*` variables) and the constructs (which pass them through the local-exec provisioner's
 * `environment`). Kept here, free of any I/O, so both layers name the same variables.
 */
export const RUNTIME_OPTIONS = {
  projectId: { flag: "--project-id", env: "DWS_DR_PROJECT_ID", takesValue: true },
  disasterRecoveryId: {
    flag: "--disaster-recovery-id",
    env: "DWS_DR_DISASTER_RECOVERY_ID",
    takesValue: true,
  },
  region: { flag: "--region", env: "DWS_DR_REGION", takesValue: true },
  endpoint: { flag: "--endpoint", env: "DWS_DR_ENDPOINT", takesValue: true },
  noWait: { flag: "--no-wait", env: "DWS_DR_NO_WAIT", takesValue: false },
  timeout: { flag: "--timeout", env: "DWS_DR_TIMEOUT", takesValue: true },
  pollInterval: { flag: "--poll-interval", env: "DWS_DR_POLL_INTERVAL", takesValue: true },
  primaryClusterId: {
    flag: "--primary-cluster-id",
    env: "DWS_DR_PRIMARY_CLUSTER_ID",
    takesValue: true,
  },
  toggle: { flag: "--toggle", env: "DWS_DR_TOGGLE", takesValue: false },
  confirm: { flag: "--confirm", env: "DWS_DR_CONFIRM", takesValue: true },
  dryRun: { flag: "--dry-run", env: "DWS_DR_DRY_RUN", takesValue: false },
  json: { flag: "--json", env: "DWS_DR_JSON", takesValue: false },
  // Set by the constructs on every run: only the DWS_DR_* values they passed count, and one that
  // resolved to "" is an error naming the prop instead of falling back to HW_PROJECT_ID,
  // HW_REGION_NAME or a default (a stray CI variable must not aim an action at another DR).
  fromConstruct: { flag: "--from-construct", env: "DWS_DR_FROM_CONSTRUCT", takesValue: false },
} as const;

/** The name of a runtime option, e.g. `projectId`. */
export type RuntimeOptionName = keyof typeof RUNTIME_OPTIONS;

/** How long a run waits for the target status unless told otherwise (DESIGN.md). */
export const DEFAULT_TIMEOUT = "30m";
/** The longest gap between two status reads unless told otherwise. */
export const DEFAULT_POLL_INTERVAL = "10s";

/**
 * How a boolean option reads from the environment: empty (or unset) is false, like the
 * constructs' `""`; undefined means the value is not a boolean at all.
 */
export function parseEnvBoolean(value: string | undefined): boolean | undefined {
  const text = (value ?? "").trim();
  if (/^(|0|false|no|off)$/i.test(text)) return false;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  return undefined;
}
