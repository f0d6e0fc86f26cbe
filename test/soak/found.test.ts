import { runHistory } from "./harness";
import { StepModel } from "./model";

// Histories the soak found breaking an invariant (issue 21), shrunk, kept as regression tests.
// On the code before issue 19 each fails: an endpoint rewrite or an earlier step's re-run fired a
// data-losing action a second time for the same revision. Paste new findings here as printed.
const step = (kind: StepModel["kind"], more: Partial<StepModel> = {}): StepModel => ({
  kind,
  timeout: "30s",
  pollInterval: "200ms",
  wait: true,
  ...more,
});

// The runbook both first cases start from: start, switch over, fail back over for INC-0.
const INCIDENT_RUNBOOK = {
  drs: [
    {
      form: "runbook" as const,
      reach: "127.0.0.1" as const,
      steps: [
        step("start"),
        step("switchover", { primary: "a" }),
        step("failover", { primary: "b", revision: "INC-0" }),
      ],
    },
  ],
};

// Seed 1 and seed 20261130 (path 8), shrunk.
it("an endpoint rewritten from 127.0.0.1 to localhost fires no armed failover again", async () => {
  await runHistory({
    initial: INCIDENT_RUNBOOK,
    commands: [{ t: "endpoint", dr: 0 }],
  });
});

// Seed 21 (path 14): a new revision of the runbook's first step replayed the switchover, and the
// failover after it fired again for the same incident.
it("a new revision of a runbook's start fires no failover again for the same incident", async () => {
  await runHistory({
    initial: INCIDENT_RUNBOOK,
    commands: [{ t: "revision", dr: 0, kind: "start" }],
  });
});

// Seed 21 (path 14), shrunk: a recovery declared without a revision.
it("an endpoint rewrite fires no recovery again", async () => {
  await runHistory({
    initial: {
      drs: [{ form: "runbook", reach: "127.0.0.1", steps: [step("start"), step("recovery")] }],
    },
    commands: [{ t: "endpoint", dr: 0 }],
  });
});
