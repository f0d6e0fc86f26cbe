"use strict";
// The first lines of dist/runtime/dws-dr.cjs (scripts/runtime-bundle.mjs puts the bundled CLI in
// RUNTIME_SOURCE). Terraform starts the runtime once per action, and compiling the bundle is a
// good part of what a start costs beyond a bare request (issue 16): so the bundle is compiled
// with V8's code cache, kept per bundle and Node version in a directory the user controls
// (DWS_DR_CODE_CACHE, `off` to disable; default ~/.cache/dws-dr/code-cache). V8 checks the cache
// against the source and its own version and flags, and compiles afresh when it does not match;
// a cache that cannot be read or written only costs that time, never the run.
const RUNTIME_SOURCE = "";
const RUNTIME_HASH = "";
// Both loaded by node itself before any script runs: requiring them costs nothing.
const fs = require("node:fs");
const { dirname, join } = require("node:path");

(function launch() {
  const { Script } = require("node:vm");
  const cacheFile = codeCacheFile();
  let cachedData;
  try {
    if (cacheFile) cachedData = readOwnCodeCache(cacheFile);
  } catch {
    // No cache yet (or none readable): compile afresh, and write one when the run ends.
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${RUNTIME_SOURCE}\n})`,
    { filename: __filename, cachedData },
  );
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit, so the cache also holds the functions the run compiled on first use.
    process.once("exit", () => writeCodeCache(cacheFile, script));
  }
  script.runInThisContext()(exports, require, module, __filename, __dirname);
})();

// The cache file of this build and Node version, or undefined when there must be none.
function codeCacheFile() {
  const configured = process.env.DWS_DR_CODE_CACHE;
  if (configured === "off") return undefined;
  const home = process.env.HOME;
  const base = process.env.XDG_CACHE_HOME || (home ? join(home, ".cache") : "");
  const dir = configured || (base && join(base, "dws-dr", "code-cache"));
  if (!dir) return undefined;
  let folder;
  try {
    folder = fs.statSync(dir);
  } catch {
    // Not there yet: made for this user alone when the cache is written.
  }
  if (folder && !ownedAndPrivate(folder)) return undefined;
  return join(dir, `dws-dr-${RUNTIME_HASH}-${process.version}-${process.arch}.v8cache`);
}

// The cache is compiled code that this process will run, with the DR's credentials in its
// environment: it is trusted as ssh trusts its folder, only when the file and its folder belong to
// this user and nobody else may write to them. In a folder others may write to, no cache is kept;
// another user's file in ours is ignored and replaced.
function ownedAndPrivate(stat) {
  const uid = process.getuid?.();
  return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
}

function readOwnCodeCache(file) {
  return ownedAndPrivate(fs.statSync(file)) ? fs.readFileSync(file) : undefined;
}

// Written under a temporary name and renamed, so a parallel run reads a whole file or none;
// files of other builds unused for 30 days are removed then too.
function writeCodeCache(file, script) {
  try {
    const dir = dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, file);
    const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
    for (const name of fs.readdirSync(dir)) {
      const other = join(dir, name);
      if (/^dws-dr-.*\.v8cache$/.test(name) && fs.statSync(other).mtimeMs < monthAgo) {
        fs.rmSync(other, { force: true });
      }
    }
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing more.
  }
}
