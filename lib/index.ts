// The public surface. Nothing exported here loads axios: the HTTP client lives only in the
// bundled runtime (dist/runtime/dws-dr.cjs), so synthesizing a stack needs no network code.
export * from "./constructs";
export { signRequest } from "./api/signer";
export type { SignableRequest, AccessKeyCredentials } from "./api/signer";
export { DwsDrError, EXIT_CODES } from "./api/errors";
export type { ErrorCategory } from "./api/errors";
export { DR_ACTIONS, DR_STATUSES, ACTION_RULES } from "./api/status-model";
export type { DrAction, DrStatus, ActionRule } from "./api/status-model";
export { startEmulator, loadSeedFile } from "./emulator";
export type { EmulatorOptions, EmulatorTls, RunningEmulator, Seed } from "./emulator";
