import { JournalEntry } from "../../lib/emulator";
import { checkStep, DeclaredDr, newLedger, StepObservation } from "./invariants";

// Each invariant catches the violation it is for, judged from a journal and settled state made
// by hand (the soak's histories produce the same shapes from the real emulator).
const DR = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const A = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const B = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
const SECRETS = [{ label: "secret key", value: "SK-0123456789abcdef" }];

function declared(failover: { revision?: string; disarmed?: boolean } = {}): DeclaredDr[] {
  return [
    {
      disasterRecoveryId: DR,
      steps: [
        { kind: "start", disarmed: false },
        {
          kind: "failover",
          primaryClusterId: B,
          revision: failover.revision,
          disarmed: failover.disarmed ?? false,
        },
      ],
    },
  ];
}

function applied(action: JournalEntry["action"], primaryBefore = A): JournalEntry {
  return {
    seq: 0,
    at: 0,
    disasterRecoveryId: DR,
    action,
    request: { method: "POST", path: `/v2/p/disaster-recovery/${DR}/${action}` },
    outcome: "accepted",
    applied: true,
    statusBefore: "running",
    primaryBefore,
  };
}

function step(over: Partial<StepObservation>): StepObservation {
  return {
    index: 1,
    command: { t: "rerun" },
    run: "apply",
    code: 0,
    output: "Apply complete!",
    interrupted: false,
    declared: declared({ revision: "INC-1" }),
    entries: [],
    requestsReceived: 0,
    regionAttempts: 0,
    ran: [[]],
    settled: [{ status: "running", primaryClusterId: B }],
    artefacts: [],
    ...over,
  };
}

it("a quiet step breaks nothing, and its checks are counted", () => {
  const result = checkStep(
    step({ artefacts: [{ name: "output", text: "ok" }] }),
    newLedger(),
    SECRETS,
  );
  expect(result).toEqual({ checks: 1, violations: [] });
});

it("a second failover for the same revision is a violation, one for a new revision is not", () => {
  const ledger = newLedger();
  expect(
    checkStep(step({ index: 0, entries: [applied("failover")] }), ledger, SECRETS).violations,
  ).toEqual([]);
  expect(
    checkStep(step({ index: 1, entries: [applied("failover")] }), ledger, SECRETS).violations,
  ).toEqual(["step 1 (rerun): failover applied 2 times for DR 0 revision INC-1 (steps 0, 1)"]);
  const again = step({
    index: 2,
    entries: [applied("failover")],
    declared: declared({ revision: "INC-2" }),
  });
  expect(checkStep(again, ledger, SECRETS).violations).toEqual([]);
});

it("a failover after an explicit taint of it starts a new round for its revision", () => {
  const ledger = newLedger();
  checkStep(step({ index: 0, entries: [applied("failover")] }), ledger, SECRETS);
  const tainted = step({
    index: 1,
    command: { t: "taint", dr: 0, kind: "failover" },
    entries: [applied("failover")],
  });
  expect(checkStep(tainted, ledger, SECRETS).violations).toEqual([]);
});

it("a disarmed failover that fires is a violation", () => {
  const result = checkStep(
    step({ entries: [applied("failover")], declared: declared({ disarmed: true }) }),
    newLedger(),
    SECRETS,
  );
  expect(result.violations).toEqual([
    "step 1 (rerun): failover applied on DR 0 while it is disarmed (no revision)",
  ]);
});

it("a swap sent while the declared primary already was primary is a violation", () => {
  const result = checkStep(step({ entries: [applied("failover", B)] }), newLedger(), SECRETS);
  expect(result.violations).toEqual([
    "step 1 (rerun): failover applied on DR 0 while its declared primary already was primary",
  ]);
});

it("a successful apply that ran the failover must leave its primary primary, and the DR running", () => {
  const wrongPrimary = step({
    ran: [["start", "failover"]],
    settled: [{ status: "running", primaryClusterId: A }],
  });
  expect(checkStep(wrongPrimary, newLedger(), SECRETS).violations).toEqual([
    "step 1 (rerun): DR 0's primary is not the one its failover declares after a successful apply",
  ]);
  const notRunning = step({
    ran: [["start"]],
    settled: [{ status: "starting", primaryClusterId: A }],
  });
  expect(checkStep(notRunning, newLedger(), SECRETS).violations).toEqual([
    "step 1 (rerun): DR 0 is starting after a successful apply that ran its start (declared: running)",
  ]);
});

it("a failed apply must carry the runtime's error line", () => {
  const silent = step({ code: 1, output: "Error: local-exec provisioner error" });
  expect(checkStep(silent, newLedger(), SECRETS).violations).toEqual([
    'step 1 (rerun): the apply failed (exit 1) without the runtime\'s error line ("dws-dr: error:")',
  ]);
  const said = step({ code: 1, output: "dws-dr: error: the service refused the start" });
  expect(checkStep(said, newLedger(), SECRETS).violations).toEqual([]);
});

it("a secret in any artefact is a violation that names the artefact, not the value", () => {
  const leak = step({ artefacts: [{ name: "the state", text: "x SK-0123456789abcdef y" }] });
  const { violations } = checkStep(leak, newLedger(), SECRETS);
  expect(violations).toEqual(["step 1 (rerun): the secret key appears in the state"]);
  expect(violations.join()).not.toContain("SK-0123456789abcdef");
});

it("a plan that sends anything is a violation", () => {
  const plan = step({ command: { t: "plan" }, run: "plan", requestsReceived: 1 });
  expect(checkStep(plan, newLedger(), SECRETS).violations).toEqual([
    "step 1 (plan): a plan sent 1 request(s) to the emulator and 0 to the region",
  ]);
});
