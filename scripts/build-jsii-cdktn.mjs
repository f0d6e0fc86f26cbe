// Builds the CDK Terrain jsii package, `cdktn-dws-disaster-recovery` (dist/cdktn-jsii): the jsii
// assembly that jsii-pacmak turns into the cdktn flavour's Python, Go, Java and .NET packages.
//
// One jsii assembly is tied to one framework's type names (cdktf.TerraformStack is not
// cdktn.TerraformStack), so cdktn needs an assembly of its own, with its own package names. It is
// made from the same lib/ source, never a copy kept in the repository: this script stages that
// source into the build folder with its "cdktf" imports renamed "cdktn" (as scripts/build-cdktn.mjs
// does to the emitted JavaScript of the TypeScript-only "./cdktn" subpath), writes the package.json
// below, and runs jsii there. Needs dist/runtime/dws-dr.cjs (scripts/build-runtime.mjs) first.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist/cdktn-jsii");
const JSII = createRequire(import.meta.url).resolve("jsii/bin/jsii");
const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** The cdktn flavour's package: its own npm, PyPI, Go, Maven and NuGet names; the rest as root's. */
export const CDKTN_PACKAGE = {
  name: "cdktn-dws-disaster-recovery",
  version: root.version,
  description:
    "CDK Terrain (cdktn) constructs that run Huawei Cloud GaussDB(DWS) disaster-recovery actions as Terraform resources",
  keywords: ["cdktn", "cdk-terrain", ...root.keywords.filter((k) => !/^cdk/.test(k))],
  license: root.license,
  author: root.author,
  repository: root.repository,
  main: "dist/lib/index.js",
  types: "dist/lib/index.d.ts",
  files: ["dist/lib/", "!dist/lib/cli/", "!dist/lib/runner/", "dist/runtime/", ".jsii"],
  engines: root.engines,
  peerDependencies: { cdktn: ">=0.24.0 <0.25.0", constructs: "^10.6.0" },
  jsii: {
    outdir: "dist/jsii",
    tsconfig: "tsconfig.jsii.json",
    validateTsconfig: "minimal",
    targets: {
      python: { distName: "cdktn-dws-disaster-recovery", module: "cdktn_dws_disaster_recovery" },
      go: {
        moduleName: "github.com/cdktf-dws-disaster-recovery/cdktn-dws-disaster-recovery-go",
        packageName: "cdktndwsdr",
      },
      java: {
        package: "io.github.cdktf_dws_disaster_recovery.cdktn",
        maven: {
          groupId: "io.github.cdktf-dws-disaster-recovery",
          artifactId: "cdktn-dws-disaster-recovery",
        },
      },
      dotnet: { namespace: "CdktnDwsDisasterRecovery", packageId: "CdktnDwsDisasterRecovery" },
    },
  },
};

// `from "cdktf"`, `require("cdktf")`, `import("cdktf")` and their subpaths.
const CDKTF_SPECIFIER = /(require\(|from |import\()(["'])cdktf(\/[^"']*)?\2/g;
const FLAVOUR_LINE = 'export const FRAMEWORK: Framework = "cdktf";';

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// Only the modules the package root reaches (the constructs and the pure api modules they use).
for (const file of filesUnder(join(ROOT, "lib")).filter((f) => f.endsWith(".ts"))) {
  const rel = relative(ROOT, file);
  if (/^lib\/(cli|runner|emulator)\//.test(rel)) continue;
  let text = readFileSync(file, "utf8").replace(
    CDKTF_SPECIFIER,
    (_, call, quote, sub = "") => `${call}${quote}cdktn${sub}${quote}`,
  );
  if (rel === "lib/constructs/framework.ts") {
    if (text.split(FLAVOUR_LINE).length !== 2) {
      throw new Error(`build-jsii-cdktn: expected one line ${FLAVOUR_LINE} in ${rel}`);
    }
    text = text.replace(FLAVOUR_LINE, 'export const FRAMEWORK: Framework = "cdktn";');
  }
  mkdirSync(dirname(join(OUT, rel)), { recursive: true });
  writeFileSync(join(OUT, rel), text);
}
writeFileSync(join(OUT, "package.json"), JSON.stringify(CDKTN_PACKAGE, null, 2) + "\n");
const base = JSON.parse(
  readFileSync(join(ROOT, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""),
).compilerOptions;
const tsconfig = {
  compilerOptions: {
    ...base,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
    inlineSources: true,
    rootDir: ".",
    outDir: "dist",
    baseUrl: ".",
    // @cdktf/provider-null (type-only here: cdktn refuses null_resource) imports "cdktf" itself.
    paths: {
      cdktf: [join(ROOT, "node_modules/cdktn")],
      "cdktf/*": [join(ROOT, "node_modules/cdktn/*")],
    },
  },
  include: ["lib/**/*.ts"],
};
writeFileSync(join(OUT, "tsconfig.jsii.json"), JSON.stringify(tsconfig, null, 2) + "\n");
for (const file of ["README.md", "LICENSE"]) cpSync(join(ROOT, file), join(OUT, file));
// The constructs find the runtime at <package root>/dist/runtime/dws-dr.cjs.
cpSync(join(ROOT, "dist/runtime"), join(OUT, "dist/runtime"), { recursive: true });

execFileSync(
  process.execPath,
  [JSII, OUT, "--silence-warnings", "metadata/missing-dev-dependency"],
  {
    cwd: OUT,
    stdio: "inherit",
    env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1" },
  },
);
console.log(`build-jsii-cdktn: ${relative(ROOT, OUT)} (${CDKTN_PACKAGE.name})`);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
