// `npm run bench`: start-up cost of the bundled runtime, which Terraform starts once per action.
// Measures, interleaved in one run: bare `node`, the shipped bundle, and the same bundle with
// form-data kept (what esbuild would produce without the stub), then prints medians and ratios.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { bundleRuntime } from "./runtime-bundle.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const work = mkdtempSync(join(tmpdir(), "dws-dr-bench-"));
const shipped = await bundleRuntime();
const unstubbed = await bundleRuntime({
  outfile: join(work, "dws-dr-unstubbed.cjs"),
  stubUnused: false,
});

// A dry run loads and uses everything a real start does up to the network: options, credentials,
// the axios client and the signer. It sends nothing, so the bench needs no server.
const env = {
  ...process.env,
  HUAWEICLOUD_SDK_AK: "AKBENCH",
  HUAWEICLOUD_SDK_SK: "SKBENCH",
  DWS_DR_PROJECT_ID: "89cd04f168b84af6be287f71730fdb4b",
  DWS_DR_DISASTER_RECOVERY_ID: "e59d6b86-9072-46eb-a996-13f8b44994c1",
  DWS_DR_REGION: "cn-north-4",
};
const cases = {
  "node -e 0 (baseline)": ["-e", "0"],
  "shipped: --help": [shipped, "--help"],
  "shipped: start --dry-run": [shipped, "start", "--dry-run"],
  "with form-data: --help": [unstubbed, "--help"],
  "with form-data: start --dry-run": [unstubbed, "start", "--dry-run"],
};

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(cases)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    samples[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const sizes = { shipped: statSync(shipped).size, unstubbed: statSync(unstubbed).size };
rmSync(work, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medians = Object.fromEntries(Object.entries(samples).map(([name, v]) => [name, median(v)]));
const baseline = medians["node -e 0 (baseline)"];
const overhead = (name) => medians[name] - baseline;

console.log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, node ${process.version}` +
    `, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? "set" : "unset"}, ${ROUNDS} rounds interleaved`,
);
console.log(`bundle sizes: shipped ${sizes.shipped} B, with form-data ${sizes.unstubbed} B\n`);
for (const name of Object.keys(cases)) {
  const over = name.includes("baseline") ? "" : `  (+${overhead(name).toFixed(1)} ms over node)`;
  console.log(`${name.padEnd(34)} median ${medians[name].toFixed(1).padStart(6)} ms${over}`);
}
for (const what of ["--help", "start --dry-run"]) {
  const ratio = overhead(`shipped: ${what}`) / overhead(`with form-data: ${what}`);
  console.log(
    `\n${what}: the shipped bundle's start-up overhead is ${ratio.toFixed(2)}x that with form-data`,
  );
}
