// Cold start: what Terraform pays per action before the runtime does any work. Each case is a
// fresh `node` process doing one signed status GET against the emulator (started in this process),
// timed from spawn to exit; bare `node -e 0` is the baseline every ratio is taken against.
// Wall time is what a pipeline waits for; CPU time (user + system) is reported beside it because
// it barely moves when other processes compete for the cores.
import { statSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../dist/lib/emulator/index.js";
import { RUNTIME_BUNDLE, bundleRuntime } from "../scripts/runtime-bundle.mjs";
import { interleaved, median, round1, round2, timed, ROOT } from "./support.mjs";

const BARE = "node -e 0";
const RUNTIME = "runtime: dws-dr status";
const PEER = "official SDK core: same GET";

export async function coldStart({ rounds, workDir }) {
  // The same source bundled with axios as published: what the build's stubs save.
  const asPublished = await bundleRuntime({
    outfile: join(workDir, "dws-dr-as-published.cjs"),
    lean: false,
  });
  const emulator = await startEmulator({});
  try {
    const env = {
      ...process.env,
      HUAWEICLOUD_SDK_AK: emulator.accessKey,
      HUAWEICLOUD_SDK_SK: emulator.secretKey,
      DWS_DR_PROJECT_ID: emulator.projectId,
      DWS_DR_DISASTER_RECOVERY_ID: emulator.disasterRecoveryIds[0],
      DWS_DR_ENDPOINT: emulator.endpoint,
      NO_PROXY: "127.0.0.1,localhost",
    };
    const node = (args) => () => timed(process.execPath, args, { env });
    const cases = {
      [BARE]: node(["-e", "0"]),
      "floor: node:http + node:crypto GET": node([join(ROOT, "bench/peers/floor.cjs")]),
      [RUNTIME]: node([RUNTIME_BUNDLE, "status"]),
      "runtime: dws-dr --help": node([RUNTIME_BUNDLE, "--help"]),
      "runtime, axios as published: status": node([asPublished, "status"]),
      [PEER]: node([join(ROOT, "bench/peers/official-sdk.cjs")]),
    };
    const samples = await interleaved(cases, rounds);
    const medians = Object.fromEntries(
      Object.entries(samples).map(([name, s]) => [
        name,
        { wallMs: median(s.wallMs), cpuMs: median(s.cpuMs) },
      ]),
    );
    const ratio = (name, base, measure) => round2(medians[name][measure] / medians[base][measure]);
    const rows = Object.keys(cases).map((name) => ({
      case: name,
      wallMs: round1(medians[name].wallMs),
      wallVsNode: ratio(name, BARE, "wallMs"),
      wallVsOfficialSdk: ratio(name, PEER, "wallMs"),
      cpuMs: round1(medians[name].cpuMs),
      cpuVsNode: ratio(name, BARE, "cpuMs"),
    }));
    return {
      rounds,
      bundleBytes: statSync(RUNTIME_BUNDLE).size,
      asPublishedBundleBytes: statSync(asPublished).size,
      rows,
      targets: [
        {
          what: "runtime status GET / node -e 0 (wall)",
          value: ratio(RUNTIME, BARE, "wallMs"),
          max: 1.4,
        },
        {
          what: "runtime status GET / official SDK (wall)",
          value: ratio(RUNTIME, PEER, "wallMs"),
          max: 0.45,
        },
        // The same ratios in CPU time, for a machine too busy for wall times to mean much.
        {
          what: "runtime status GET / node -e 0 (CPU)",
          value: ratio(RUNTIME, BARE, "cpuMs"),
          max: 1.4,
        },
        {
          what: "runtime status GET / official SDK (CPU)",
          value: ratio(RUNTIME, PEER, "cpuMs"),
          max: 0.45,
        },
      ],
    };
  } finally {
    await emulator.stop();
  }
}
