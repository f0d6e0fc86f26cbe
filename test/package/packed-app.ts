import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProcessRun, runProcess } from "../support/process";

/** The repository root, whose package is packed. */
export const REPO_ROOT = join(__dirname, "../..");

// The repository's TypeScript compiler, so the apps need not install one.
const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");

/** Runs `command` in `cwd`, failing with its output unless it exits 0. */
export async function mustRun(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  const run = await runProcess(command, args, { cwd, env });
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${run.code} in ${cwd}:\n${run.output}`);
  }
  return run;
}

/**
 * `npm pack` of the repository into `dir`, without the prepack build: `npm test` built dist/
 * already, and a rebuild would delete dist/ under the tests running beside this one.
 */
export async function packTarball(dir: string): Promise<string> {
  await mustRun("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], REPO_ROOT);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  return join(dir, tarball);
}

/** A fresh app folder with a package.json, the packed library and `dependencies` installed. */
export async function installApp(
  root: string,
  name: string,
  tarball: string,
  dependencies: readonly string[],
): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name, version: "1.0.0", private: true }, null, 2),
  );
  // Offline where the npm cache has it (every package these apps need is in it).
  await mustRun(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...dependencies],
    dir,
  );
  return dir;
}

/** Writes `files` (name → text) into `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** Compiles with the tsconfig `config` (a file name in `dir`), failing with tsc's messages. */
export function compile(dir: string, config: string): Promise<ProcessRun> {
  return mustRun(process.execPath, [TSC, "-p", config], dir);
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** tsconfig.json compiler options of a `cdktf init --template=typescript` app (cdktf 0.21). */
export const CDKTF_APP_COMPILER_OPTIONS = {
  alwaysStrict: true,
  declaration: true,
  experimentalDecorators: true,
  inlineSourceMap: true,
  inlineSources: true,
  lib: ["es2018"],
  module: "CommonJS",
  noEmitOnError: true,
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  stripInternal: true,
  target: "ES2018",
  skipLibCheck: true,
  // The app installs no @types/node; the snippets use no Node API.
  types: [],
};
