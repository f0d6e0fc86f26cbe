// How the dws-dr runtime is bundled: one self-contained CommonJS file, so the Terraform asset
// needs only `node` at apply time, not this package's node_modules.
//
// Terraform starts it once per action, so its start-up stays close to a hand-written node:http
// request (issues 9 and 16, bench/results.md): the client speaks node:http itself
// (lib/api/transport.ts), what a run rarely uses (the proxy agent, node:https) is evaluated on
// first use, and nothing touches the undici-backed globals (fetch, Request, Response, FormData,
// Headers), since in Node 20 the first touch loads undici (~50 ms). The file itself is a small
// launcher that compiles the bundle with V8's code cache (scripts/runtime-launcher.cjs).
// test/scripts/runtime-bundle.test.ts holds this.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { thirdPartyNotices } from "./third-party-notices.mjs";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_BUNDLE = join(ROOT, "dist/runtime/dws-dr.cjs");

const stub = (name) => join(ROOT, "scripts/stubs", name);
const LAUNCHER = join(ROOT, "scripts/runtime-launcher.cjs");

// Not for start-up but for secrets, so in every build: the `debug` module prints whatever a
// library hands it (https-proxy-agent: the proxy's user:password) as soon as DEBUG=* is set.
const noLibraryDebug = {
  name: "no-library-debug",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^debug$/ }, () => ({ path: stub("no-debug.cjs") }));
  },
};

// node:https loads node:tls (~30 ms on Node 22+), though a run on http:// or `dws-dr --help`
// never makes a TLS connection: the stand-in loads it on first use.
const LAZY_HTTPS = stub("lazy-https.cjs");
const keepStartupLean = {
  name: "keep-startup-lean",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?https$/ }, (args) =>
      args.importer === LAZY_HTTPS ? undefined : { path: LAZY_HTTPS },
    );
  },
};

/**
 * Bundles lib/cli/main.ts into `outfile`, with the licence notices of every third-party package
 * in it written beside it (`THIRD-PARTY-NOTICES`) and appended to it as a comment, so a copy of
 * the file (the stack's asset) carries them too. Returns the bundle's path.
 */
export async function bundleRuntime(options = {}) {
  return (await buildRuntime(options)).outfile;
}

/** {@link bundleRuntime}, also returning esbuild's metafile (what went into the bundle). */
export async function buildRuntime({ outfile = RUNTIME_BUNDLE } = {}) {
  const { metafile, outputFiles } = await build({
    entryPoints: [join(ROOT, "lib/cli/main.ts")],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    // The packages' own legal comments are partial; the full notices are generated from the
    // metafile instead.
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [noLibraryDebug, keepStartupLean],
  });
  const notices = thirdPartyNotices(ROOT, metafile);
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(join(dirname(outfile), "THIRD-PARTY-NOTICES"), notices);
  writeFileSync(
    outfile,
    `#!/usr/bin/env node\n${launcherOf(outputFiles[0].text)}\n/*!\n${notices.replace(/\*\//g, "* /")}*/\n`,
  );
  chmodSync(outfile, 0o755);
  return { outfile, metafile };
}

// The launcher (scripts/runtime-launcher.cjs) with the bundled CLI as its source to compile.
function launcherOf(source) {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  let launcher = readFileSync(LAUNCHER, "utf8");
  for (const [name, value] of [
    ["RUNTIME_SOURCE", source],
    ["RUNTIME_HASH", hash],
  ]) {
    const placeholder = `const ${name} = "";`;
    if (!launcher.includes(placeholder))
      throw new Error(`runtime-bundle: ${placeholder} not found`);
    // A function, so that `$` sequences in the source are not read as replacement patterns.
    launcher = launcher.replace(placeholder, () => `const ${name} = ${JSON.stringify(value)};`);
  }
  return launcher;
}
