// How the dws-dr runtime is bundled: one self-contained CommonJS file (axios included), so the
// Terraform asset needs only `node` at apply time, not this package's node_modules.
//
// Terraform starts it once per action, so the build also keeps its start-up close to bare `node`
// (issue 9, bench/results.md): what a run never uses is replaced by a stub that throws if reached,
// what it rarely uses (proxies, redirects, HTTP/2) is evaluated on first use, and nothing touches
// the undici-backed globals (fetch, Request, Response, FormData, Headers) at load time, since in
// Node 20 the first touch loads undici (~50 ms). test/scripts/runtime-bundle.test.ts holds this.
import { build } from "esbuild";
import { chmodSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_BUNDLE = join(ROOT, "dist/runtime/dws-dr.cjs");

const stub = (name) => join(ROOT, "scripts/stubs", name);
const AXIOS_FILE = /[\\/]node_modules[\\/]axios[\\/]/;

// Imports replaced by a stand-in: the import as written, whether only axios's own imports are
// replaced (the stand-ins that load the real module lazily must not replace themselves), and
// the stand-in.
const STAND_INS = [
  // axios loads form-data (and its 130 KB mime-db) at start-up; dws-dr never sends a form.
  { spec: /^form-data$/, axiosOnly: false, stub: stub("form-data.cjs") },
  // The fetch adapter probes Request/Response/fetch at import, which loads undici.
  { spec: /^\.\/fetch\.js$/, axiosOnly: true, stub: stub("axios-fetch-adapter.mjs") },
  { spec: /^\.\/xhr\.js$/, axiosOnly: true, stub: stub("axios-xhr-adapter.mjs") },
  { spec: /^(node:)?http2$/, axiosOnly: true, stub: stub("lazy-http2.cjs") },
  { spec: /^follow-redirects$/, axiosOnly: true, stub: stub("lazy-follow-redirects.cjs") },
  { spec: /^https-proxy-agent$/, axiosOnly: true, stub: stub("lazy-https-proxy-agent.cjs") },
  { spec: /^util$/, axiosOnly: true, stub: stub("axios-util.cjs") },
  // node:https loads node:tls (~30 ms on Node 22+) though a run on http:// never uses it.
  { spec: /^(node:)?https$/, axiosOnly: false, stub: stub("lazy-https.cjs") },
];

// Edits to axios's source, each asserted to apply: a new axios that moves the code fails the
// build instead of silently bringing the cost back.
const AXIOS_PATCHES = [
  {
    // utils.js keeps `globalThis.FormData` to recognise forms, which loads undici at import. The
    // duck-typed check right after it still recognises a FormData; dws-dr sends JSON only.
    file: "lib/utils.js",
    find: "typeof G.FormData !== 'undefined' ? G.FormData : undefined",
    replace: "undefined",
  },
  {
    // Timing each request with `performance.now()` loads perf_hooks (~5 ms) on the first request;
    // axios falls back to Date.now (clamped at zero) where there is no `performance`.
    file: "lib/core/dispatchRequest.js",
    find: "typeof performance !== 'undefined' && utils.isFunction(performance.now)",
    replace: "false",
  },
  {
    // Reading process.allowedNodeEnvironmentFlags builds the set of every node flag (~5 ms) on
    // the first request. It is only a shortcut: the checks after it return the configured agent
    // anyway unless node's global agent was made by --use-env-proxy.
    file: "lib/adapters/http.js",
    find: "!process.allowedNodeEnvironmentFlags ||\n    !process.allowedNodeEnvironmentFlags.has('--use-env-proxy')",
    replace: "false",
  },
  {
    // On Node 21+ the first touch of the `navigator` global loads internal/navigator, os,
    // worker and locks (a few ms). axios reads it only to tell React Native from a browser;
    // the runtime runs in node, where neither applies.
    file: "lib/platform/common/utils.js",
    find: "(typeof navigator === 'object' && navigator) || undefined",
    replace: "undefined",
  },
];

const keepStartupLean = {
  name: "keep-startup-lean",
  setup(pluginBuild) {
    for (const standIn of STAND_INS) {
      pluginBuild.onResolve({ filter: standIn.spec }, (args) =>
        // A stand-in that loads the real module lazily must not be given itself.
        args.importer !== standIn.stub && (!standIn.axiosOnly || AXIOS_FILE.test(args.importer))
          ? { path: standIn.stub }
          : undefined,
      );
    }
    pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]lib[\\/]/ }, (args) => {
      const file = args.path.replace(/\\/g, "/");
      const patches = AXIOS_PATCHES.filter((patch) => file.endsWith(`/axios/${patch.file}`));
      if (patches.length === 0) return undefined;
      let contents = readFileSync(args.path, "utf8");
      for (const patch of patches) {
        if (!contents.includes(patch.find)) {
          throw new Error(
            `runtime-bundle: "${patch.find}" not found in ${file}; update AXIOS_PATCHES`,
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
