/**
 * `cdktf-dws-disaster-recovery/api`: the TypeScript-only helpers of the API layer that users may
 * call (AK/SK request signing, the error type and exit codes, the DR status model). They are not
 * on the package root because jsii cannot carry free functions, constants or an `Error` subclass
 * to other languages. Only pure modules and the signer: nothing here loads the HTTP client.
 *
 * @module api
 */
export { signRequest } from "./signer";
export type { SignableRequest, AccessKeyCredentials } from "./signer";
export { DwsDrError, EXIT_CODES } from "./errors";
export type { ErrorCategory } from "./errors";
export { DR_ACTIONS, DR_STATUSES, ACTION_RULES } from "./status-model";
export type { DrAction, DrStatus, ActionRule } from "./status-model";
