// `npm run bench [-- --quick] [-- --only=cold-start,completion,synth,apply]`: measures the four
// costs of issue 9 (cold start, noticing completion, synth scaling, apply overhead) and writes
// bench/results.md and bench/results.json (with --only, prints the parts run instead). A script,
// not a test: numbers, no pass/fail exit.
// --quick (under two minutes on a quiet 2-core machine) is for development; quote a full run.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { apply } from "./apply.mjs";
import { coldStart } from "./cold-start.mjs";
import { completion } from "./completion.mjs";
import { writeResults } from "./report.mjs";
import { machine } from "./support.mjs";
import { synth } from "./synth.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wanted = (part) => !only || only.includes(part);

const PLAN = quick
  ? {
      coldStart: { rounds: 8 },
      completion: { quick: true, repetitions: 1 },
      synth: { counts: [1, 10, 100], repetitions: () => 1 },
      apply: { counts: [1, 10], parallelisms: [1, 10], repetitions: 1 },
    }
  : {
      coldStart: { rounds: 30 },
      completion: { quick: false, repetitions: 3 },
      synth: { counts: [1, 10, 100, 1000], repetitions: (count) => (count >= 1000 ? 2 : 5) },
      apply: { counts: [1, 10, 50], parallelisms: [1, 10, 50], repetitions: 3 },
    };

const workDir = mkdtempSync(join(tmpdir(), "dws-dr-bench-"));
const results = {
  date: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  machine: { ...machine(), loadAverage: loadavg().map((n) => Math.round(n * 100) / 100) },
  parts: {},
};
const started = Date.now();
try {
  const parts = [
    ["cold-start", "coldStart", coldStart],
    ["completion", "completion", completion],
    ["synth", "synth", synth],
    ["apply", "apply", apply],
  ];
  for (const [name, key, measure] of parts) {
    if (!wanted(name)) continue;
    const partStarted = Date.now();
    process.stderr.write(`bench: ${name}...\n`);
    results.parts[key] = await measure({ ...PLAN[key], workDir });
    process.stderr.write(
      `bench: ${name} took ${((Date.now() - partStarted) / 1000).toFixed(0)} s\n`,
    );
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
results.totalSeconds = Math.round((Date.now() - started) / 1000);
if (only) {
  // A partial run would leave results.md mixing runs: print it instead.
  console.log(JSON.stringify(results, null, 2));
  process.stderr.write(`bench: done in ${results.totalSeconds} s (--only: results not written)\n`);
} else {
  await writeResults(results);
  process.stderr.write(`bench: done in ${results.totalSeconds} s; see bench/results.md\n`);
}
