// The local DWS DR API emulator: for demos (`dws-dr emulator`) and tests.
export { startEmulator } from "./server";
export type { EmulatorOptions, EmulatorTls, ReadyLine, RunningEmulator } from "./server";
export {
  defaultSeed,
  loadSeedFile,
  validateSeed,
  DEFAULT_DISASTER_RECOVERY_ID,
  DEFAULT_PROJECT_ID,
} from "./seed";
export type { Seed, SeedTask } from "./seed";
export { ODD_REPLIES } from "./faults";
export type { Fault, FaultMatch, OddReply } from "./faults";
export type { RequestLogEntry } from "./request-log";
export type { JournalEntry } from "./action-journal";
export type { ClusterSnapshot, StatusChange, TaskSnapshot } from "./emulator-state";
