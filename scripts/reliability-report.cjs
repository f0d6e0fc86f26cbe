#!/usr/bin/env node
// Renders docs/reliability.md from the reliability suite's results (test/reliability/results/*.json).
// `--check` renders in memory and exits 1 when the committed document differs, so the document is
// never typed by hand and never stale. The suite writes the results; this script only reads them.
"use strict";

const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const RESULTS = join(ROOT, "test/reliability/results");
const DOC = join(ROOT, "docs/reliability.md");
const ACTIONS = ["start", "pause", "switchover", "failover", "recovery"];
const STEPS = [
  ["first read", false, "first status read"],
  ["action", false, "action request"],
  ["polls", false, "polls"],
  ["action", true, "action request, stale status"],
];

function readResults(name) {
  const path = join(RESULTS, `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

function cellText(cell) {
  if (!cell) return "not run";
  const run = `exit ${cell.exitCode} (${cell.outcome}), ${cell.received} sent, ${cell.applied} applied`;
  if (!cell.rerun) return run;
  return `${run}; re-run: exit ${cell.rerun.exitCode} (${cell.rerun.outcome}), ${cell.appliedInAll} applied in all`;
}

function table(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

function faultMatrixSection() {
  const parts = [];
  for (const action of ACTIONS) {
    const cells = readResults(`fault-matrix-${action}`);
    if (!cells) {
      parts.push(`### ${action}\n\nNo results yet: run \`npx jest test/reliability\`.`);
      continue;
    }
    const faults = [...new Set(cells.map((c) => c.fault))];
    const rows = faults.map((fault) => [
      fault,
      ...STEPS.map(([step, stale]) =>
        cellText(cells.find((c) => c.fault === fault && c.step === step && c.stale === stale)),
      ),
    ]);
    const failed = cells.filter((c) => c.exitCode !== 0).length;
    parts.push(
      `### ${action}\n\n${cells.length} cases, ${cells.length - failed} succeeded at once, ` +
        `${failed} failed loudly and converged when run again; ` +
        `at most ${Math.max(...cells.map((c) => c.applied))} ${action} applied by any run.\n\n` +
        table(["fault", ...STEPS.map(([, , title]) => title)], rows),
    );
  }
  return parts.join("\n\n");
}

function terraformSection() {
  const cells = readResults("terraform-subset");
  if (!cells) return "No results yet: run `npx jest test/reliability`.";
  return table(
    ["action", "fault", "step", "first apply", "second apply", "applied in all", "DR ended"],
    cells.map((c) => [
      c.action,
      c.fault,
      c.step,
      c.firstApply,
      c.secondApply,
      String(c.appliedInAll),
      c.finalStatus,
    ]),
  );
}

function loadSection() {
  const runs = readResults("load");
  if (!runs) return "No results yet: run `npx jest test/reliability`.";
  return table(
    [
      "scenario",
      "DR tasks",
      "apply",
      "DRs started exactly once",
      "429 answers",
      "refused for a client-side reason",
      "outputs right",
      "DRs running",
    ],
    runs.map((r) => [
      r.scenario,
      String(r.tasks),
      r.apply,
      String(r.applied),
      r.throttled,
      String(r.refused),
      String(r.outputsRight),
      String(r.running),
    ]),
  );
}

// A table cell holding text as it is: pipes escaped, newlines already JSON-escaped by the suite.
function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function badInputSection() {
  const rows = readResults("bad-input");
  if (!rows) return "No results yet: run `npx jest test/reliability`.";
  return table(
    [
      "input",
      "value",
      "at synth (literal prop)",
      "at run time (DWS_DR_* variable)",
      "requests sent",
    ],
    rows.map((r) => [
      cell(r.input),
      cell(r.value),
      cell(r.synth),
      cell(r.runtime),
      String(r.requests),
    ]),
  );
}

function soakSection() {
  const run = readResults("soak");
  if (!run) return "No results yet: run `npm run soak -- --runs 300 --keep-going --record`.";
  const counts = table(
    [
      "seed",
      "histories",
      "steps",
      "applies",
      "plans",
      "actions applied",
      "invariant checks",
      "histories with a violation",
      "minutes",
    ],
    [
      [
        run.seed,
        run.histories,
        run.steps,
        run.applies,
        run.plans,
        run.actionsApplied,
        run.checks,
        run.violations,
        run.minutes,
      ].map(String),
    ],
  );
  const arming = run.disarmedMustSendNothing
    ? "The constructs disarm a failover or recovery without a revision: one that fired would be a violation."
    : "The constructs of this run did not yet disarm a failover or recovery without a revision: each was held to at most one run.";
  const partial = run.complete
    ? ""
    : " The run was stopped before its last history; the counts are of the histories it completed.";
  const violating = (run.violating ?? []).map((v) => `- history ${v.path}: ${v.first}`);
  const found =
    violating.length > 0
      ? `\n\nHistories that broke an invariant (shrink one with \`npm run soak -- --seed ${run.seed} --path <history>\`):\n\n${violating.join("\n")}`
      : "";
  const shrunk = run.shrunk
    ? `\n\nFirst violation, ${cell(run.firstViolation)}, shrunk to:\n\n\`\`\`json\n${JSON.stringify(run.shrunk)}\n\`\`\``
    : "";
  return `${counts}\n\n${arming} Histories of up to ${run.maxCommands} commands.${partial}${found}${shrunk}`;
}

function render() {
  return `# Reliability

<!-- Generated by scripts/reliability-report.cjs from test/reliability/results/*.json: do not edit.
     Regenerate: npx jest test/reliability && npm run reliability:report -->

What the reliability suite (\`test/reliability/\`, part of \`npm test\`) proves about the DR actions,
written from its own results. The suite fails when this page is not what its current results
render, so the tables below are never typed by hand and never stale.

Everything here runs the real parts: the bundled runtime (\`dist/runtime/dws-dr.cjs\`) as a process,
real \`terraform apply\`, and the emulator of the DWS DR API over HTTP on 127.0.0.1, which checks
every signature and can inject the faults below. Every run's output, state and logs are scanned
for the access key, secret key, security token and IAM token (none may appear).

## Fault matrix (bundled CLI)

Each fault strikes one step of a run of each action: the **first status read**, the **action
request**, or the **polls** after it; the last column repeats the action-request faults while the
service still shows the old status for 4 s after accepting an action (as the real service does for
a moment). Reads meet the fault twice (a retry must outlive a blip); the action once. The runs use
a 1.5 s request timeout (latency 4 s is beyond it) and a 20 s run timeout; transitions take 200 ms,
a recovery's 8 s (it is seen to happen only while it runs, as a real one's minutes are). A **connection refused**
fault stops the emulator listening from that step on: before the run, after the first read (so
the action's fresh connection is refused), or after the action (so the polls are refused).

A cell reads: the run's exit code and outcome (\`--json\`), how many action requests the service
received and how many it applied; for a failed run, what a second run (Terraform's next apply of
the tainted resource) did, and how many actions were applied by both runs together. Exit codes:
0 done, 2 bad input, 3 auth, 4 not found, 5 refused/failed status, 6 timeout, 7 service/network,
8 interrupted.

What the matrix holds, for every cell: no run applies more than one action, and a run and its
re-run together apply exactly one (a recovery too: a re-run finds the pair re-established and
sends nothing); a run whose action the service applied ends 0 on the first try, unless the
service stays unreachable for the rest of the run (connection refused at the polls); a run that
exits 0 left the DR in the action's target (and, for switchover and failover, with the wanted
cluster primary); every failed run said why on stderr, and a re-run converged; a refused
connection before the action proves the action was never sent (0 received).

${faultMatrixSection()}

## Fault matrix (real terraform apply, a subset)

The full matrix runs through the CLI, which is what Terraform's local-exec runs. Through real
\`terraform apply\` of each action's construct (\`DisasterRecoveryStart\`, \`...Pause\`,
\`...Switchover\` and \`...Failover\` with \`primaryClusterId\` set to the standby, \`...Recovery\`), a
representative subset: one fault of each kind (5xx, throttling, busy, latency, lost response,
refused connection) at the step where it is most dangerous, with the stale status (5 s) on. The
first apply may fail (the resource is tainted); the second apply must converge with one action in
all, the DR in the action's target status and, for a switchover or failover, the roles swapped.

${terraformSection()}

## Load

One stack of 50 \`DisasterRecoveryStart\` resources on 50 DR tasks, applied with Terraform's
default parallelism (10) against an emulator answering every request 150 ms late; then the same
with the service throttling (429 with \`Retry-After: 1\` on every third request). Every DR must be
started exactly once, every output must hold its DR id, and no request may be refused for a
client-side reason (a 4xx other than the service's own throttling).

${loadSection()}

## Bad input

Each malformed value is refused before anything is sent: at synth when the construct's prop is a
literal (\`new DisasterRecoveryStart(...)\` throws), and at run time when it reaches the runtime as
its \`DWS_DR_*\` variable (as the construct passes a token's value) or flag (exit 2). The emulator's
request log stays empty. Messages name the input and say what is expected.

${badInputSection()}

## Soak: random histories (real terraform apply)

\`test/soak/\` generates histories from a seed (fast-check): one or two DRs, declared as a runbook or
as separate action constructs, applied, then edited, broken and re-run: a step's revision, its
timeout, poll interval or wait; the endpoint rewritten (127.0.0.1 and localhost, the same
emulator) or replaced by a region (whose real host a local proxy refuses); steps added or removed;
a failover or recovery armed (\`revision: "INC-<n>"\`) or disarmed; a resource tainted; a service
fault (503, 429, 409 busy, 800 ms latency, a response lost after the action was applied, stale
status); an apply interrupted (SIGINT to its process group) once an action was applied; a failed
apply re-run; the DR switched over by hand through the API (drift); a \`terraform plan\`. Every
command is a real synth and a real \`terraform apply\` (or plan) against the emulator.

After every step, from the emulator's journal of the action requests it handled and its state,
never from what the runtime printed: at most one failover or recovery applied per (DR, revision)
(an explicit taint of that step starts a new round); no switchover or failover applied while the
declared primary already was primary; after a successful apply, each DR is where the last step
that ran on it leaves it (\`running\`, with the declared primary); every failed apply prints the
runtime's error line; no access key, secret key or security token in the output, the synthesized
JSON or the state; a plan sends nothing. A violation is shrunk to the shortest history that still
fails and printed with its seed, as a test case to paste into the suite. \`npm test\` runs a sample
of 20 histories (a fixed seed); \`npm run soak -- --seed <n> --runs <m>\` any number.

${soakSection()}

## Also proven (see the tests)

- **Odd service answers** (\`test/api/client.test.ts\`): a 200 to an action whose body is not JSON,
  empty, huge or lacks the id is an unknown outcome (the status is read before deciding); a 429 to
  an action is sent again as \`Retry-After\` says, within the retry policy; bodies over 1 MiB are
  refused with a clear error; a 3xx or a 204 is reported as "a proxy, captive portal or wrong
  endpoint answered", not as a refusal by the DR; an HTML page is quoted; every read gets only the
  time left before the run's deadline.
- **Endpoint mistakes**: a host that does not resolve exits 2 at once with "check the region or
  endpoint" (not retried); a refused connection says to check the endpoint or region; a wrong
  secret key is named first when the gateway says the signature did not verify.
- **Guards** (\`test/reliability/guards.test.ts\`), each seen to fail when its guard is removed: the
  returned DR id must equal the requested one; a stale failed status right after the action is
  waited out; a 404 exits 4; a switchover, failover or recovery that got a 5xx is never sent again,
  a start or pause at most once more and only when the status proves it was not applied;
  \`--dry-run --json\` sends no action.
- **The emulator as an adversary** (\`test/emulator/auth.test.ts\`): it refuses requests older than
  the allowed clock skew, tampered bodies, queries and signed headers, a missing or unsigned
  security token, and a project id that does not match.
- **TLS** (\`test/reliability/tls.test.ts\`): against an https emulator with a self-signed
  certificate the run is refused with a message naming \`NODE_EXTRA_CA_CERTS\`, and succeeds once
  \`NODE_EXTRA_CA_CERTS\` points at the certificate.
- **Secrets** (\`test/reliability/secrets.test.ts\` and every test above): runs with AK/SK, with a
  security token and with \`HW_AUTH_TOKEN\`; synthesized JSON, state, plan/apply logs, CLI output,
  errors and dry runs never hold a credential value.
`;
}

// Formatted as `prettier --check` (part of `npm run lint`) wants it.
async function main() {
  const prettier = require("prettier");
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  const text = await prettier.format(render(), { ...options, filepath: DOC });
  if (process.argv.includes("--check")) {
    const current = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
    if (current !== text) {
      process.stderr.write(
        "docs/reliability.md is not what the current results render: run `npm run reliability:report` and commit it\n",
      );
      process.exit(1);
    }
  } else {
    writeFileSync(DOC, text);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
