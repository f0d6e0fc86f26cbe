// `npm run build`: a clean build of everything the package ships and the demo runs. Cleaning
// first, so that a module deleted from lib/ cannot linger in dist/ and end up in the tarball.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const run = (...args) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });

rmSync(join(ROOT, "dist"), { recursive: true, force: true });
run(TSC, "-p", "tsconfig.build.json"); // dist/lib (the cdktf flavour) and dist/examples
run("scripts/build-cdktn.mjs"); // dist/cdktn
run("scripts/build-runtime.mjs"); // dist/runtime/dws-dr.cjs
