export { planAction, runAction } from "./run-action";
export type { ActionPlan, DrApi, RunActionOptions, RunActionResult } from "./run-action";
