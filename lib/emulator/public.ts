/**
 * `cdktf-dws-disaster-recovery/emulator`: the local DWS DR API emulator, for demos and for tests of
 * your own stacks (the same one `dws-dr emulator` runs). TypeScript only: it is a Node HTTP server,
 * which jsii cannot carry to other languages; they run `dws-dr emulator` instead.
 *
 * @module emulator
 */
export { startEmulator } from "./server";
export type { EmulatorOptions, EmulatorTls, RunningEmulator } from "./server";
export { loadSeedFile } from "./seed";
export type { Seed } from "./seed";
