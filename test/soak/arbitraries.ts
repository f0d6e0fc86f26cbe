import fc from "fast-check";
import { Cluster, Command, DrModel, FAULT_KINDS, History, newStep, StepModel } from "./model";

// Generators of histories. fast-check shrinks what they make: fewer commands, fewer DRs, fewer
// steps, simpler values, so a failure is reported as the shortest history that still fails.

const cluster: fc.Arbitrary<Cluster> = fc.constantFrom("a", "b");

const drModel: fc.Arbitrary<DrModel> = fc
  .record({
    form: fc.constantFrom("runbook" as const, "separate" as const),
    reach: fc.constantFrom("127.0.0.1" as const, "localhost" as const),
    switchover: fc.option(cluster, { nil: undefined }),
    failover: fc.option(fc.record({ primary: cluster, armed: fc.boolean() }), { nil: undefined }),
    recovery: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ form, reach, switchover, failover, recovery }) => {
    const steps: StepModel[] = [newStep("start", "a", false, -1)];
    if (switchover) steps.push(newStep("switchover", switchover, false, -1));
    if (failover) steps.push(newStep("failover", failover.primary, failover.armed, -1));
    if (recovery !== undefined) steps.push(newStep("recovery", "a", recovery, -1));
    return { form, reach, steps };
  });

// A command names DR 0 or 1 whatever the stack has: one on a DR the stack lacks changes nothing,
// so a history shrinks to one DR without its commands being generated anew.
function command(): fc.Arbitrary<Command> {
  const dr = fc.nat({ max: 1 });
  const kind = fc.constantFrom(
    "start" as const,
    "switchover" as const,
    "failover" as const,
    "recovery" as const,
  );
  const optional = fc.constantFrom("switchover" as const, "failover" as const, "recovery" as const);
  const losing = fc.constantFrom("failover" as const, "recovery" as const);
  return fc.oneof(
    fc.record({ t: fc.constant("revision" as const), dr, kind }),
    fc.record(
      {
        t: fc.constant("tuning" as const),
        dr,
        kind,
        timeout: fc.constantFrom("20s", "45s"),
        pollInterval: fc.constantFrom("100ms", "300ms", "1s"),
        wait: fc.boolean(),
      },
      { requiredKeys: ["t", "dr", "kind"] },
    ),
    fc.record({ t: fc.constant("endpoint" as const), dr }),
    fc.record({ t: fc.constant("region" as const), dr }),
    fc.record({
      t: fc.constant("add" as const),
      dr,
      kind: optional,
      primary: cluster,
      armed: fc.boolean(),
    }),
    fc.record({ t: fc.constant("remove" as const), dr, kind: optional }),
    fc.record({ t: fc.constant("arm" as const), dr, kind: losing }),
    fc.record({ t: fc.constant("disarm" as const), dr, kind: losing }),
    fc.record({ t: fc.constant("taint" as const), dr, kind }),
    fc.record({
      t: fc.constant("fault" as const),
      fault: fc.constantFrom(...FAULT_KINDS),
      target: fc.constantFrom(
        "start" as const,
        "switchover" as const,
        "failover" as const,
        "recovery" as const,
        "read" as const,
      ),
    }),
    fc.record({ t: fc.constant("interrupt" as const), dr, kind }),
    fc.record({ t: fc.constant("rerun" as const) }),
    fc.record({ t: fc.constant("drift" as const), dr }),
    fc.record({ t: fc.constant("plan" as const) }),
  );
}

/** Histories of one or two DRs and up to `maxCommands` commands. */
export function historyArbitrary(maxCommands: number): fc.Arbitrary<History> {
  return fc
    .record({
      drs: fc.array(drModel, { minLength: 1, maxLength: 2 }),
      commands: fc.array(command(), { minLength: 1, maxLength: maxCommands }),
    })
    .map(({ drs, commands }) => ({ initial: { drs }, commands }));
}
