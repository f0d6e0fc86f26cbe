// Synth scaling: `node bench/peers/synth-app.cjs` synthesizing N DisasterRecoveryStart actions
// against N bare terraform_data resources with a `true` local-exec, interleaved; wall time of the
// whole process (node, cdktf and synth), cdk.tf.json size and the number of assets.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { median, round1, round2, runOk, ROOT } from "./support.mjs";

const APP = join(ROOT, "bench/peers/synth-app.cjs");
const KINDS = ["dws-dr", "bare"];

async function synthOnce(kind, count, workDir) {
  const outdir = mkdtempSync(join(workDir, `synth-${kind}-${count}-`));
  try {
    const result = await runOk(process.execPath, [APP, kind, String(count), outdir]);
    const stackDir = join(outdir, "stacks/bench");
    const assetsDir = join(stackDir, "assets");
    let assets = 0;
    try {
      assets = readdirSync(assetsDir).length;
    } catch {
      // no assets folder: none
    }
    return { ms: result.ms, bytes: statSync(join(stackDir, "cdk.tf.json")).size, assets };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function synth({ counts, repetitions, workDir }) {
  const rows = [];
  for (const count of counts) {
    const samples = Object.fromEntries(KINDS.map((kind) => [kind, []]));
    for (let rep = 0; rep < repetitions(count); rep++) {
      const order = rep % 2 ? [...KINDS].reverse() : KINDS;
      for (const kind of order) samples[kind].push(await synthOnce(kind, count, workDir));
    }
    const of = (kind) => ({
      ms: median(samples[kind].map((s) => s.ms)),
      bytes: samples[kind][0].bytes,
      assets: samples[kind][0].assets,
    });
    const ours = of("dws-dr");
    const bare = of("bare");
    rows.push({
      resources: count,
      runs: samples["dws-dr"].length,
      dwsDrMs: round1(ours.ms),
      bareMs: round1(bare.ms),
      timeRatio: round2(ours.ms / bare.ms),
      dwsDrBytes: ours.bytes,
      bareBytes: bare.bytes,
      dwsDrAssets: ours.assets,
      bareAssets: bare.assets,
    });
  }
  // Growth: time per added resource between consecutive sizes (flat when growth is linear).
  for (let i = 1; i < rows.length; i++) {
    const added = rows[i].resources - rows[i - 1].resources;
    rows[i].dwsDrMsPerAddedResource = round1((rows[i].dwsDrMs - rows[i - 1].dwsDrMs) / added);
    rows[i].bareMsPerAddedResource = round1((rows[i].bareMs - rows[i - 1].bareMs) / added);
  }
  const largest = rows.at(-1);
  return {
    rows,
    targets: [
      { what: `synth time / bare at ${largest.resources}`, value: largest.timeRatio, max: 1.2 },
      { what: "assets per stack", value: largest.dwsDrAssets, max: 1 },
    ],
  };
}
