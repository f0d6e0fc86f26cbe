// How the dws-dr runtime is bundled: one self-contained CommonJS file (axios included), so the
// Terraform asset needs only `node` at apply time, not this package's node_modules.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_BUNDLE = join(ROOT, "dist/runtime/dws-dr.cjs");

const stubUnusedModules = {
  name: "stub-unused-modules",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^form-data$/ }, () => ({
      path: join(ROOT, "scripts/stubs/form-data.cjs"),
    }));
  },
};

/** Bundles lib/cli/main.ts into `outfile`; `stubUnused: false` keeps form-data (for the bench). */
export async function bundleRuntime({ outfile = RUNTIME_BUNDLE, stubUnused = true } = {}) {
  await build({
    entryPoints: [join(ROOT, "lib/cli/main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "none",
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
    plugins: stubUnused ? [stubUnusedModules] : [],
  });
  chmodSync(outfile, 0o755);
  return outfile;
}
