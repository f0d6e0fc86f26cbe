// How the dws-dr runtime is bundled: one self-contained CommonJS file (axios included), so the
// Terraform asset needs only `node` at apply time, not this package's node_modules.
//
// Terraform starts it once per action, so the build also keeps its start-up close to bare `node`
// (issue 9, bench/results.md): code a run never uses is replaced by stubs that throw if reached,
// and nothing may touch the undici-backed globals (fetch, Request, Response, FormData, Headers)
// at load time, since in Node 20 the first touch loads undici (~50 ms).
// test/runtime/startup-footprint.test.ts holds these properties.
import { build } from "esbuild";
import { chmodSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_BUNDLE = join(ROOT, "dist/runtime/dws-dr.cjs");

const stub = (name) => join(ROOT, "scripts/stubs", name);

// Modules replaced by a stub: a module path (as esbuild resolves it) and its stand-in.
const STUBBED_MODULES = [
  // axios loads form-data (and its 130 KB mime-db) at start-up; dws-dr never sends a form.
  { resolved: /[\\/]node_modules[\\/]form-data[\\/]/, stub: stub("form-data.cjs") },
  // axios's fetch adapter probes Request/Response/fetch at import: loads undici.
  {
    resolved: /[\\/]axios[\\/]lib[\\/]adapters[\\/]fetch\.js$/,
    stub: stub("axios-fetch-adapter.mjs"),
  },
  { resolved: /[\\/]axios[\\/]lib[\\/]adapters[\\/]xhr\.js$/, stub: stub("axios-xhr-adapter.mjs") },
];

// Source edits, each asserted to apply: a new axios that moves the code fails the build instead of
// silently bringing undici back.
const SOURCE_PATCHES = [
  {
    // utils.js keeps `globalThis.FormData` to recognise forms, which loads undici at import. The
    // duck-typed check right after it still recognises a FormData; dws-dr sends JSON only.
    file: /[\\/]axios[\\/]lib[\\/]utils\.js$/,
    find: "typeof G.FormData !== 'undefined' ? G.FormData : undefined",
    replace: "undefined",
  },
];

const keepStartupLean = {
  name: "keep-startup-lean",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^form-data$|(^|[\\/])(fetch|xhr)\.js$/ }, async (args) => {
      if (args.pluginData === "stub-check") return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "stub-check",
      });
      const match = STUBBED_MODULES.find((entry) => entry.resolved.test(resolved.path));
      return match ? { path: match.stub } : undefined;
    });
    pluginBuild.onLoad({ filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ }, (args) => {
      let contents = readFileSync(args.path, "utf8");
      for (const patch of SOURCE_PATCHES.filter((p) => p.file.test(args.path))) {
        if (!contents.includes(patch.find)) {
          throw new Error(
            `runtime-bundle: "${patch.find}" not found in ${args.path}; update SOURCE_PATCHES`,
          );
        }
        contents = contents.replace(patch.find, patch.replace);
      }
      return { contents, loader: "js" };
    });
  },
};

/**
 * Bundles lib/cli/main.ts into `outfile`. `lean: false` leaves axios as published (the bench's
 * before/after comparison).
 */
export async function bundleRuntime({ outfile = RUNTIME_BUNDLE, lean = true } = {}) {
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
    plugins: lean ? [keepStartupLean] : [],
  });
  chmodSync(outfile, 0o755);
  return outfile;
}
