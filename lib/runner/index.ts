export { planAction } from "./plan-action";
export { runAction } from "./run-action";
export { FRESH_RUN, decide } from "./decide";
export type {
  Decision,
  DecisionInput,
  DecisionOptions,
  DoneWhy,
  RefuseWhy,
  RunSoFar,
  SendAnswer,
  SendWhy,
  WaitWhy,
} from "./decide";
export type { ActionPlan, DrApi, RunActionOptions, RunActionResult } from "./types";
