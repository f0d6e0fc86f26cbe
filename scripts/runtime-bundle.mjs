// How the dws-dr runtime is bundled: one self-contained CommonJS file (axios included), so the
// Terraform asset needs only `node` at apply time, not this package's node_modules.
//
// Terraform starts it once per action, so the build also keeps its start-up close to bare `node`
// (issue 9, bench/results.md): what a run never uses is replaced by a stub that throws if reached,
// what it rarely uses (proxies, redirects, HTTP/2) is evaluated on first use, and nothing touches
// the undici-backed globals (fetch, Request, Response, FormData, Headers) at load time, since in
// Node 20 the first touch loads undici (~50 ms). test/scripts/runtime-bundle.test.ts holds this.
import { build } from "esbuild";
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { thirdPartyNotices } from "./third-party-notices.mjs";
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

// Not for start-up but for secrets, so in every build: the `debug` module prints whatever a
// library hands it (https-proxy-agent: the proxy's user:password) as soon as DEBUG=* is set.
const noLibraryDebug = {
  name: "no-library-debug",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^debug$/ }, () => ({ path: stub("no-debug.cjs") }));
  },
};

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
 * Bundles lib/cli/main.ts into `outfile`, with the licence notices of every third-party package
 * in it written beside it (`THIRD-PARTY-NOTICES`) and appended to it as a comment, so a copy of
 * the file (the stack's asset) carries them too. `lean: false` leaves axios as published (the
 * bench's before/after comparison). Returns the bundle's path.
 */
export async function bundleRuntime(options = {}) {
  return (await buildRuntime(options)).outfile;
}

/** {@link bundleRuntime}, also returning esbuild's metafile (what went into the bundle). */
export async function buildRuntime({ outfile = RUNTIME_BUNDLE, lean = true } = {}) {
  const { metafile } = await build({
    entryPoints: [join(ROOT, "lib/cli/main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    // The packages' own legal comments are partial (axios's lib/ has none); the full notices
    // are generated from the metafile instead.
    legalComments: "none",
    metafile: true,
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
    plugins: lean ? [noLibraryDebug, keepStartupLean] : [noLibraryDebug],
  });
  const notices = thirdPartyNotices(ROOT, metafile);
  writeFileSync(join(dirname(outfile), "THIRD-PARTY-NOTICES"), notices);
  appendFileSync(outfile, `\n/*!\n${notices.replace(/\*\//g, "* /")}*/\n`);
  chmodSync(outfile, 0o755);
  return { outfile, metafile };
}
