// `npm run build`: a clean build of everything the package ships and the demo runs. Cleaning
// first, so that a module deleted from lib/ cannot linger in dist/ and end up in the tarball.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
// jsii 5.9 warns on every run that Node 20 is past its end of life; the engines field says why
// this project still supports it.
const env = { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1" };
const run = (...args) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env });

rmSync(join(ROOT, "dist"), { recursive: true, force: true });
rmSync(join(ROOT, ".jsii"), { force: true });
const JSII = createRequire(import.meta.url).resolve("jsii/bin/jsii");
run(TSC, "-p", "tsconfig.build.json"); // dist/examples (and dist/lib, which jsii then rewrites)
// dist/lib again, as jsii emits it, and the cdktf assembly (.jsii) that jsii-pacmak turns into the
// Python, Go, Java and .NET packages; fails on anything in the package root jsii cannot carry.
run(JSII, "--silence-warnings", "metadata/missing-dev-dependency");
run("scripts/build-cdktn.mjs"); // dist/cdktn
run("scripts/build-runtime.mjs"); // dist/runtime/dws-dr.cjs
run("scripts/build-jsii-cdktn.mjs"); // dist/cdktn-jsii: the CDK Terrain jsii package
