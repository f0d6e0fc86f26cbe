import { runSoak } from "./soak";

// The soak's sample for `npm test` (issue 21): the same histories every run (a fixed seed), short
// enough for the suite. `npm run soak -- --seed <n> --runs <m>` runs any number; a long run is
// recorded in docs/reliability.md. Needs the runtime bundle (`npm run build`) and terraform.
const SAMPLE = { seed: 20261130, runs: 20, maxCommands: 6 };

it(
  "20 seeded histories of edits, faults, interruptions, re-runs and drift keep every invariant",
  async () => {
    const report = await runSoak({ ...SAMPLE, shrinkBudgetMs: 120_000 });
    if (report.failure) {
      const f = report.failure;
      throw new Error(
        `soak violation (seed ${f.seed}, path ${f.path}, ${f.shrinks} shrinks):\n${f.message}\n\n` +
          `Shortest failing history, as a test case for test/soak/:\n\n${f.testCase}`,
      );
    }
    expect(report.counts.histories).toBe(SAMPLE.runs);
    expect(report.counts.actionsApplied).toBeGreaterThan(0);
  },
  20 * 60_000,
);
