import { badInput } from "./errors";

const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

/** Checks a DR task id: a lower-case UUID. */
export function validateDisasterRecoveryId(id: string, name = "disasterRecoveryId"): string {
  if (!UUID_PATTERN.test(id)) {
    throw badInput(
      `${name}: "${id}" is not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      "Use the DR task id shown by the DWS console or `dws-dr status`.",
    );
  }
  return id;
}
