// Apply overhead: `terraform apply` of N start actions against the emulator (start transition 0:
// the DR is running as soon as the start is accepted) against N bare terraform_data resources
// whose local-exec runs `true`, at several -parallelism values. Each run starts from an empty
// state and every DR task back in "unstart", so every action really sends its start.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../dist/lib/emulator/index.js";
import { median, round1, runOk, ROOT, TERRAFORM } from "./support.mjs";

const APP = join(ROOT, "bench/peers/synth-app.cjs");

export async function apply({ counts, parallelisms, repetitions, workDir }) {
  const largest = Math.max(...counts);
  const drIds = Array.from({ length: largest }, () => randomUUID());
  const emulator = await startEmulator({
    transitionMs: 0,
    seed: {
      projectId: "89cd04f168b84af6be287f71730fdb4b",
      accessKey: "BENCHAPPLYKEY",
      secretKey: randomBytes(20).toString("hex"),
      tasks: drIds.map((id) => ({ id, status: "unstart" })),
    },
  });
  const env = {
    ...process.env,
    HUAWEICLOUD_SDK_AK: emulator.accessKey,
    HUAWEICLOUD_SDK_SK: emulator.secretKey,
    NO_PROXY: "127.0.0.1,localhost",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  };
  const rows = [];
  try {
    for (const count of counts) {
      const stacks = {};
      for (const kind of ["dws-dr", "bare"]) {
        const outdir = mkdtempSync(join(workDir, `apply-${kind}-${count}-`));
        await runOk(process.execPath, [APP, kind, String(count), outdir], {
          env: {
            ...env,
            DR_IDS: JSON.stringify(drIds.slice(0, count)),
            DWS_DR_ENDPOINT: emulator.endpoint,
          },
        });
        const stackDir = join(outdir, "stacks/bench");
        await runOk(TERRAFORM.path, [`-chdir=${stackDir}`, "init", "-input=false", "-no-color"], {
          env,
        });
        stacks[kind] = { outdir, stackDir };
      }
      for (const parallelism of parallelisms) {
        const samples = { "dws-dr": [], bare: [] };
        for (let rep = 0; rep < repetitions; rep++) {
          for (const kind of rep % 2 ? ["bare", "dws-dr"] : ["dws-dr", "bare"]) {
            const { outdir, stackDir } = stacks[kind];
            rmSync(join(outdir, "terraform.tfstate"), { force: true });
            for (const id of drIds) emulator.setStatus(id, "unstart");
            const sentBefore = emulator.actionRequests("start").length;
            const result = await runOk(
              TERRAFORM.path,
              [
                `-chdir=${stackDir}`,
                "apply",
                "-auto-approve",
                "-input=false",
                "-no-color",
                `-parallelism=${parallelism}`,
              ],
              { env },
            );
            const sent = emulator.actionRequests("start").length - sentBefore;
            if (kind === "dws-dr" && sent !== count) {
              throw new Error(`expected ${count} start requests, the emulator received ${sent}`);
            }
            samples[kind].push(result.ms);
          }
        }
        const ours = median(samples["dws-dr"]);
        const bare = median(samples.bare);
        rows.push({
          actions: count,
          parallelism,
          runs: repetitions,
          dwsDrMs: round1(ours),
          bareMs: round1(bare),
          addedMs: round1(ours - bare),
          addedMsPerAction: round1((ours - bare) / count),
        });
      }
      for (const { outdir } of Object.values(stacks))
        rmSync(outdir, { recursive: true, force: true });
    }
  } finally {
    await emulator.stop();
  }
  return { rows };
}
