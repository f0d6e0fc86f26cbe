// Helpers shared by the bench parts: timing child processes, medians, the machine line.
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The Terraform (or OpenTofu) binary the bench applies with: the tests' switch, DWS_DR_TF_BINARY. */
export const TERRAFORM = createRequire(import.meta.url)(
  "../scripts/tool-paths.cjs",
).terraformBinary();
// The synth benches' apps (cdktf's synth-time `terraform version`) run the same binary.
process.env.TERRAFORM_BINARY_NAME ??= TERRAFORM.path;

/** Runs a process to its end; resolves with its exit code, output and wall time in ms. */
export function run(command, args, { env = process.env, cwd = ROOT, input } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr, ms, exitedAt: Date.now() });
    });
    child.stdin.end(input ?? "");
  });
}

/** Like {@link run}, but throws with the output when the process does not exit 0. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * Runs a process under bash's `time` and returns its wall time and CPU time (user + system) in ms.
 * CPU time barely moves when other processes compete for the 2 cores; wall time does.
 */
export async function timed(command, args, { env = process.env } = {}) {
  const script = 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>/dev/null';
  const result = await run("bash", ["-c", script, "bench", command, ...args], { env });
  const [wall, user, sys] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (result.code !== 0 || !Number.isFinite(sys)) {
    const again = await run(command, args, { env }); // for its error output
    throw new Error(`${command} ${args.join(" ")} exited ${again.code}: ${again.stderr}`);
  }
  return { wallMs: wall * 1000, cpuMs: (user + sys) * 1000 };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs every case once per round, in a rotating order, so that a noisy neighbour slows every case
 * alike. Each case returns an object of measures (e.g. `{ wallMs, cpuMs }`); returns, per case
 * name, the list of samples of each measure.
 */
export async function interleaved(cases, rounds, { warmup = 1 } = {}) {
  const names = Object.keys(cases);
  const samples = Object.fromEntries(names.map((name) => [name, {}]));
  for (let round = -warmup; round < rounds; round++) {
    const offset = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(offset), ...names.slice(0, offset)];
    for (const name of order) {
      const measures = await cases[name]();
      if (round < 0) continue;
      for (const [key, value] of Object.entries(measures)) {
        (samples[name][key] ??= []).push(value);
      }
    }
  }
  return samples;
}

/** The machine the numbers come from. */
export function machine() {
  let terraform = "not found";
  try {
    const out = execFileSync(TERRAFORM.path, ["version", "-json"], { encoding: "utf8" });
    terraform = `${TERRAFORM.name} ${JSON.parse(out).terraform_version}`;
  } catch {
    // reported as "not found"
  }
  return {
    cpu: cpus()[0]?.model ?? "unknown CPU",
    cores: cpus().length,
    node: process.version,
    terraform,
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? "set" : "unset",
  };
}

export const round1 = (n) => Math.round(n * 10) / 10;
export const round2 = (n) => Math.round(n * 100) / 100;
