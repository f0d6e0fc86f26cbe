// `node scripts/test-runtimes.mjs [leg...]` (the end of `npm test`): focused subsets of the
// suite again where users run it, not the whole suite again. Legs:
//   node22, node24  the bundled runtime's CLI tests and a real runbook apply, with jest and the
//                   runtime (Terraform's local-exec runs `node` from PATH) on the pinned Node
//   opentofu        the end-to-end subset with OpenTofu running every Terraform step, and the
//                   demo's `cdktf deploy` with OpenTofu as cdktf's binary
// Node 20 (the machine's `node`) and Terraform are the main `jest` run. The tools come from
// scripts/setup-tools.mjs (run first by `npm test`; here again for a leg run alone: cached).
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const JEST = join(ROOT, "node_modules/jest/bin/jest.js");
const { PINNED, toolPaths } = createRequire(import.meta.url)("./tool-paths.cjs");
const tools = toolPaths();

const NODE_SUBSET = [
  "test/runtimes/node-version.test.ts",
  "test/cli/",
  "test/scripts/runtime-bundle.test.ts", // what the runtime loads at start-up, on this Node
  "test/e2e/runbook-apply.test.ts",
];
const OPENTOFU_SUBSET = [
  "test/runtimes/node-version.test.ts",
  "test/e2e/terraform-apply.test.ts", // start, outputs, re-run for a revision, failure and taint
  "test/e2e/runbook-apply.test.ts",
  "test/e2e/plan-stability.test.ts", // no change planned after a timeout change
  "test/e2e/interruption.test.ts", // Ctrl-C during an apply, then the re-run converges
  "test/e2e/reruns.test.ts", // re-runs after a timeout, a taint, an interruption
  "test/e2e/demo.test.ts", // `cdktf deploy` of the demo stack, TERRAFORM_BINARY_NAME=tofu
];

const nodeLeg = (major) => ({
  setup: [`node${major}`],
  node: tools.node[major],
  env: { DWS_DR_EXPECT_NODE: PINNED.node[major] },
  tests: NODE_SUBSET,
});
const LEGS = {
  node22: nodeLeg(22),
  node24: nodeLeg(24),
  opentofu: {
    setup: ["opentofu"],
    node: process.execPath,
    env: { DWS_DR_TF_BINARY: tools.tofu, TERRAFORM_BINARY_NAME: tools.tofu },
    tests: OPENTOFU_SUBSET,
  },
};

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(LEGS);
const unknown = names.filter((name) => !LEGS[name]);
if (unknown.length > 0) {
  console.error(
    `test-runtimes: unknown leg(s) ${unknown.join(", ")} (known: ${Object.keys(LEGS)})`,
  );
  process.exit(2);
}

const setup = [...new Set(names.flatMap((name) => LEGS[name].setup))];
execFileSync(process.execPath, [join(ROOT, "scripts/setup-tools.mjs"), ...setup], {
  stdio: "inherit",
});

const results = [];
for (const name of names) {
  const leg = LEGS[name];
  const env = {
    ...process.env,
    ...leg.env,
    // The leg's Node first on PATH: what cdktf, Terraform's local-exec and the tests' `node` run.
    PATH: `${dirname(leg.node)}:${process.env.PATH ?? ""}`,
  };
  const version = execFileSync(leg.node, ["--version"], { encoding: "utf8" }).trim();
  const binary = leg.env.DWS_DR_TF_BINARY ?? "terraform (the tests' default)";
  console.log(`\ntest-runtimes: ${name}: node ${version}, Terraform steps by ${binary}`);
  const started = Date.now();
  const run = spawnSync(leg.node, [JEST, "--ci", ...leg.tests, "--selectProjects", "cdktf"], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name, ok: run.status === 0, seconds });
  console.log(`test-runtimes: ${name}: ${run.status === 0 ? "passed" : "FAILED"} in ${seconds} s`);
}

console.log("\ntest-runtimes summary:");
for (const r of results)
  console.log(`  ${r.name.padEnd(9)} ${r.ok ? "passed" : "FAILED"}  ${r.seconds} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(
  failed === 0
    ? `test-runtimes: every leg passed (${names.join(", ")})`
    : `test-runtimes: ${failed} of ${results.length} legs FAILED`,
);
process.exit(failed === 0 ? 0 : 1);
