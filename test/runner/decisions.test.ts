import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OutcomeUnknownError } from "../../lib/api/client";
import { DwsDrError } from "../../lib/api/errors";
import type { DisasterRecoveryDetail } from "../../lib/api/models";
import { DR_ACTIONS, DR_STATUSES, DrAction } from "../../lib/api/status-model";
import { DecisionInput, FRESH_RUN, RunSoFar, SendAnswer, decide } from "../../lib/runner";

// The runner's rules as a table (test/fixtures/decisions.json, format in its "about"): every
// row is run through decide(). To change a rule, change decide() and the rows it must now give.

interface Row {
  readonly name: string;
  readonly action: DrAction;
  readonly options?: { readonly primaryClusterId?: string; readonly wait?: boolean };
  readonly detail: {
    readonly status: string;
    readonly primary?: string;
    readonly standby?: string;
    /** The primary and the standby cluster's own statuses. */
    readonly clusters?: readonly [string, string];
  };
  readonly run?: Partial<Omit<RunSoFar, "answer">> & { readonly answer?: SendAnswer["kind"] };
  readonly expect: { readonly step: string; readonly why: string; readonly category?: string };
}

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const table = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "decisions.json"), "utf8"),
) as { cases: Row[] };

// The errors a send's answer carries, as the client makes them.
const ANSWERS: Record<SendAnswer["kind"], SendAnswer> = {
  accepted: { kind: "accepted" },
  busy: {
    kind: "busy",
    error: new DwsDrError({
      category: "refused",
      summary: `POST .../${DR_ID}/start failed`,
      httpStatus: 409,
      errorCode: "DWS.0011",
    }),
  },
  lost: {
    kind: "lost",
    error: new OutcomeUnknownError({
      category: "service",
      summary: `POST .../${DR_ID}/start: no answer (socket hang up); the service may or may not have applied it`,
    }),
  },
};

function inputOf(row: Row): DecisionInput {
  const { status, primary, standby, clusters } = row.detail;
  const cluster = (id: string, own: string | undefined) => ({
    id,
    ...(own === undefined ? {} : { status: own }),
  });
  const detail: DisasterRecoveryDetail = {
    id: DR_ID,
    status,
    ...(primary === undefined ? {} : { primary_cluster: cluster(primary, clusters?.[0]) }),
    ...(standby === undefined ? {} : { standby_cluster: cluster(standby, clusters?.[1]) }),
  };
  const { answer, ...run } = row.run ?? {};
  return {
    action: row.action,
    options: { disasterRecoveryId: DR_ID, wait: true, ...row.options },
    detail,
    run: { ...FRESH_RUN, ...run, answer: answer === undefined ? undefined : ANSWERS[answer] },
  };
}

describe("the decision table", () => {
  it.each(table.cases.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    // GIVEN the row's action, options, detail and run so far; WHEN decided
    const decision = decide(inputOf(row));
    // THEN the step, the rule that chose it and (refusals) the error's category are the row's
    const category = decision.step === "refuse" ? decision.error.category : undefined;
    expect({ step: decision.step, why: decision.why, category }).toEqual({
      category: undefined,
      ...row.expect,
    });
  });

  it("names every case once and uses only the documented fields", () => {
    const names = table.cases.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    const fields = new Set(["name", "action", "options", "detail", "run", "expect"]);
    const runFields = new Set([...Object.keys(FRESH_RUN), "sentFrom", "toggleTarget", "answer"]);
    for (const row of table.cases) {
      expect(Object.keys(row).filter((key) => !fields.has(key))).toEqual([]);
      expect(Object.keys(row.run ?? {}).filter((key) => !runFields.has(key))).toEqual([]);
    }
  });

  it("holds each action from each documented status, before anything was sent", () => {
    const fresh = table.cases.filter((row) => !row.run && !row.options?.primaryClusterId);
    for (const action of DR_ACTIONS) {
      const statuses = fresh.filter((row) => row.action === action).map((row) => row.detail.status);
      expect(statuses).toEqual(expect.arrayContaining([...DR_STATUSES]));
    }
  });

  it("holds every action after a lost response, and every step the runner can take", () => {
    const lost = table.cases.filter((row) => row.run?.answer === "lost");
    expect(new Set(lost.map((row) => row.action))).toEqual(new Set(DR_ACTIONS));
    const whys = new Set(table.cases.map((row) => `${row.expect.step}/${row.expect.why}`));
    expect([...whys].sort()).toEqual(
      [
        "send/allowed",
        "send/not-applied",
        "wait/settling",
        "wait/busy",
        "wait/unconfirmed",
        "wait/under-way",
        "wait/target",
        "done/already-in-target",
        "done/already-primary",
        "done/already-established",
        "done/found-under-way",
        "done/submitted",
        "done/target-reached",
        "refuse/not-allowed",
        "refuse/roles-unknown",
        "refuse/primary-not-in-target",
        "refuse/not-a-cluster",
        "refuse/still-busy",
        "refuse/acted-on-by-another",
        "refuse/recovery-evidence-unclear",
        "refuse/outcome-unknown",
        "refuse/failed-status",
      ].sort(),
    );
  });
});
