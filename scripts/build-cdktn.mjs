// Builds the CDK Terrain flavour (dist/cdktn, exported as "cdktf-dws-disaster-recovery/cdktn"):
// the same lib/ source compiled again by tsconfig.cdktn.json, which type-checks it against cdktn
// (its paths map "cdktf" to cdktn). tsc keeps the module names it was given, so this script then
// rewrites every "cdktf" import of the emitted .js and .d.ts files to "cdktn", and the flavour
// constant of lib/constructs/framework.ts to "cdktn". The runtime bundle is shared: the
// constructs of both flavours find it at dist/runtime/dws-dr.cjs.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist/cdktn");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

// require("cdktf"), from "cdktf", import("cdktf"), and their subpaths ("cdktf/lib/...").
const CDKTF_SPECIFIER = /(require\(|from |import\()(["'])cdktf(\/[^"']*)?\2/g;
const FLAVOUR_LINE = 'exports.FRAMEWORK = "cdktf";';

rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [TSC, "-p", join(ROOT, "tsconfig.cdktn.json")], {
  stdio: "inherit",
});

let rewritten = 0;
for (const file of filesUnder(OUT).filter((f) => /\.(js|d\.ts)$/.test(f))) {
  const text = readFileSync(file, "utf8");
  const next = text.replace(CDKTF_SPECIFIER, (_, call, quote, subpath = "") => {
    rewritten += 1;
    return `${call}${quote}cdktn${subpath}${quote}`;
  });
  if (next !== text) writeFileSync(file, next);
}

const flavourFile = join(OUT, "constructs/framework.js");
const flavour = readFileSync(flavourFile, "utf8");
if (flavour.split(FLAVOUR_LINE).length !== 2) {
  throw new Error(`build-cdktn: expected one line ${FLAVOUR_LINE} in ${flavourFile}`);
}
writeFileSync(flavourFile, flavour.replace(FLAVOUR_LINE, 'exports.FRAMEWORK = "cdktn";'));

// A "cdktf" import left behind would load the other framework (or fail where it is not installed).
const leftovers = filesUnder(OUT).filter(
  (f) =>
    /\.(js|d\.ts)$/.test(f) && new RegExp(CDKTF_SPECIFIER.source).test(readFileSync(f, "utf8")),
);
if (leftovers.length > 0) {
  throw new Error(`build-cdktn: "cdktf" is still named in ${leftovers.join(", ")}`);
}
console.log(`build-cdktn: ${relative(ROOT, OUT)} (${rewritten} imports now name cdktn)`);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
