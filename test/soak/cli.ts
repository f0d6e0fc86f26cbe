// `npm run soak -- --seed <n> --runs <m>`: the soak at any size (scripts/soak.mjs bundles and runs
// this). Prints the counts, and for a violation the seed and the shrunk history as a test case;
// exits 1 on any violation. `--record` writes test/reliability/results/soak.json for
// docs/reliability.md (`npm run reliability:report`).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constructsDisarm } from "./harness";
import { runSoak } from "./soak";

const USAGE =
  "usage: npm run soak -- [--seed N] [--runs N] [--max-commands N] [--shrink-seconds N] [--record]";

function parse(argv: readonly string[]) {
  const options = {
    seed: Date.now() % 2 ** 31,
    runs: 20,
    maxCommands: 12,
    shrinkSeconds: 600,
    record: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === "--record") {
      options.record = true;
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
  const report = await runSoak({
    seed: options.seed,
    runs: options.runs,
    maxCommands: options.maxCommands,
    shrinkBudgetMs: options.shrinkSeconds * 1000,
    progress: (done, c) =>
      process.stdout.write(
        `  history ${done}/${options.runs}: ${c.steps} steps, ${c.applies} applies, ${c.plans} plans, ` +
          `${c.actionsApplied} actions applied, ${c.checks} checks\n`,
      ),
  });
  const c = report.counts;
  process.stdout.write(
    `soak: ${c.histories} histories, ${c.steps} steps, ${c.applies} applies, ${c.plans} plans, ` +
      `${c.actionsApplied} actions applied, ${c.checks} invariant checks, ` +
      `${report.failure ? 1 : 0} violation(s) in ${(report.durationMs / 1000).toFixed(0)} s\n`,
  );
  if (report.failure) {
    const f = report.failure;
    process.stdout.write(
      `\nVIOLATION (seed ${f.seed}, path ${f.path}, ${f.shrinks} shrinks)\n${f.message}\n\n` +
        `Replay: npm run soak -- --seed ${f.seed} --runs ${options.runs}\n` +
        `Shortest failing history, as a test case for test/soak/:\n\n${f.testCase}\n`,
    );
  }
  if (options.record) {
    const dir = join(__dirname, "../../../test/reliability/results");
    mkdirSync(dir, { recursive: true });
    const result = {
      seed: report.seed,
      maxCommands: options.maxCommands,
      ...c,
      violations: report.failure ? 1 : 0,
      disarmedMustSendNothing: arming,
      minutes: Math.round(report.durationMs / 60_000),
      ...(report.failure
        ? { firstViolation: report.failure.message.split("\n")[0], shrunk: report.failure.history }
        : {}),
    };
    writeFileSync(join(dir, "soak.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`recorded test/reliability/results/soak.json\n`);
  }
  return report.failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
