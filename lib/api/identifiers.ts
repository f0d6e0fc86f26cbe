import { badInput } from "./errors";

const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;
// Case-insensitive: an upper-case UUID (as some consoles and tools print it) is the same UUID.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a Huawei Cloud project id: 32 lower-case hex characters. */
export function validateProjectId(projectId: string, name = "projectId"): string {
  if (!PROJECT_ID_PATTERN.test(projectId)) {
    throw badInput(
      `${name}: "${projectId}" is not a project id (expected 32 lower-case hex characters)`,
      "Copy it from the console's My Credentials > API Credentials page, for the DR's region.",
    );
  }
  return projectId;
}

/**
 * Checks a DR task id: a UUID, in either case. Returns it in lower case, the form the service
 * returns, so that comparing it with the service's answers is exact.
 */
export function validateDisasterRecoveryId(id: string, name = "disasterRecoveryId"): string {
  if (!UUID_PATTERN.test(id)) {
    throw badInput(
      `${name}: "${id}" is not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      "Use the DR task id shown by the DWS console or `dws-dr status`.",
    );
  }
  return id.toLowerCase();
}

/** Checks a DWS cluster id: a UUID, in either case; returns it in lower case. */
export function validateClusterId(id: string, name = "primaryClusterId"): string {
  if (!UUID_PATTERN.test(id)) {
    throw badInput(
      `${name}: "${id}" is not a cluster id (expected a UUID, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      "Use the cluster id shown by the DWS console or `dws-dr status`.",
    );
  }
  return id.toLowerCase();
}
