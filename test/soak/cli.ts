// `npm run soak -- --seed <n> --runs <m>`: the soak at any size (scripts/soak.mjs bundles and runs
// this). Prints the counts, and for a violation the seed and the shrunk history as a test case;
// exits 1 on any violation. `--record` writes test/reliability/results/soak.json for
// docs/reliability.md (`npm run reliability:report`).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constructsDisarm } from "./harness";
import { SoakCounts } from "./harness";
import { KeptViolation, runSoak, SoakFailure } from "./soak";

const USAGE =
  "usage: npm run soak -- [--seed N] [--runs N] [--max-commands N] [--shrink-seconds N] [--record] [--verbose] [--keep-going] [--path P]";

function parse(argv: readonly string[]) {
  const options = {
    seed: Date.now() % 2 ** 31,
    runs: 20,
    maxCommands: 12,
    shrinkSeconds: 600,
    record: false,
    verbose: false,
    keepGoing: false,
    path: undefined as string | undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === "--record") {
      options.record = true;
      continue;
    }
    if (flag === "--verbose" || flag === "--keep-going") {
      options[flag === "--verbose" ? "verbose" : "keepGoing"] = true;
      continue;
    }
    if (flag === "--path") {
      options.path = argv[i + 1];
      i += 1;
      continue;
    }
    const value = Number(argv[i + 1]);
    i += 1;
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${flag}: expected a whole number\n${USAGE}`);
    if (flag === "--seed") options.seed = value;
    else if (flag === "--runs") options.runs = value;
    else if (flag === "--max-commands") options.maxCommands = value;
    else if (flag === "--shrink-seconds") options.shrinkSeconds = value;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const arming = constructsDisarm();
  process.stdout.write(
    `soak: seed ${options.seed}, ${options.runs} histories of up to ${options.maxCommands} commands; ` +
      `unarmed failovers/recoveries are ${arming ? "disarmed (must send nothing)" : "not disarmed by these constructs (held to once)"}\n`,
  );
  const started = Date.now();
  const report = await runSoak({
    seed: options.seed,
    runs: options.runs,
    maxCommands: options.maxCommands,
    shrinkBudgetMs: options.shrinkSeconds * 1000,
    verbose: options.verbose,
    keepGoing: options.keepGoing,
    path: options.path,
    progress: (done, c, violations) => {
      process.stdout.write(
        `  history ${done}/${options.runs}: ${c.steps} steps, ${c.applies} applies, ${c.plans} plans, ` +
          `${c.actionsApplied} actions applied, ${c.checks} checks, ${violations.length} violating\n`,
      );
      // A long run is recorded as it goes, so stopping it still leaves an honest partial record.
      if (options.record && options.keepGoing) {
        record({
          seed: options.seed,
          maxCommands: options.maxCommands,
          counts: c,
          minutes: (Date.now() - started) / 60_000,
          arming,
          complete: done === options.runs,
          violations,
        });
      }
    },
  });
  const c = report.counts;
  process.stdout.write(
    `soak: ${c.histories} histories, ${c.steps} steps, ${c.applies} applies, ${c.plans} plans, ` +
      `${c.actionsApplied} actions applied, ${c.checks} invariant checks, ` +
      `${report.failure ? 1 : report.violations.length} violation(s) in ${(report.durationMs / 1000).toFixed(0)} s\n`,
  );
  if (report.failure) {
    const f = report.failure;
    process.stdout.write(
      `\nVIOLATION (seed ${f.seed}, path ${f.path}, ${f.shrinks} shrinks)\n${f.message}\n\n` +
        `Replay: npm run soak -- --seed ${f.seed} --runs ${options.runs}\n` +
        `Shortest failing history, as a test case for test/soak/:\n\n${f.testCase}\n`,
    );
  }
  for (const v of report.violations) {
    process.stdout.write(
      `\nVIOLATION in history path ${v.path} (shrink it: npm run soak -- --seed ${report.seed} --path ${v.path})\n${v.message.split("\n--- output")[0]}\n`,
    );
  }
  if (options.record) {
    record({
      seed: report.seed,
      maxCommands: options.maxCommands,
      counts: c,
      minutes: report.durationMs / 60_000,
      arming,
      complete: true,
      violations: report.violations,
      failure: report.failure,
    });
    process.stdout.write(`recorded test/reliability/results/soak.json\n`);
  }
  return report.failure || report.violations.length > 0 ? 1 : 0;
}

/** Writes test/reliability/results/soak.json, which docs/reliability.md is rendered from. */
function record(run: {
  seed: number;
  maxCommands: number;
  counts: SoakCounts;
  minutes: number;
  arming: boolean;
  complete: boolean;
  violations: readonly KeptViolation[];
  failure?: SoakFailure;
}): void {
  // The package root, as scripts/soak.mjs names it (this file runs from a bundle under dist/).
  const dir = join(process.env.SOAK_ROOT ?? process.cwd(), "test/reliability/results");
  mkdirSync(dir, { recursive: true });
  const result = {
    seed: run.seed,
    maxCommands: run.maxCommands,
    ...run.counts,
    violations: run.failure ? 1 : run.violations.length,
    disarmedMustSendNothing: run.arming,
    minutes: Math.round(run.minutes),
    complete: run.complete,
    ...(run.failure
      ? { firstViolation: run.failure.message.split("\n")[0], shrunk: run.failure.history }
      : {}),
    violating: run.violations.map((v) => ({ path: v.path, first: v.message.split("\n")[0] })),
  };
  writeFileSync(join(dir, "soak.json"), `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
