export { runAction } from "./run-action";
export type { DrApi, RunActionOptions, RunActionResult } from "./run-action";
