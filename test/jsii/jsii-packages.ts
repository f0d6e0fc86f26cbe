import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { runProcess } from "../support/process";

// The jsii packages of both flavours, built by jsii-pacmak from what `npm run build` made
// (the root's .jsii for cdktf, dist/cdktn-jsii for cdktn), and the registries' packages the
// language tests install. Everything slow lands in a cache folder outside the checkout, keyed by
// a hash of what it was made from, so a second run (and CI on the same machine) reuses it.

/** The repository root. */
export const ROOT = join(__dirname, "../..");

/** A framework flavour of the library, each its own jsii assembly. */
export type Flavour = "cdktf" | "cdktn";

/** Where each flavour's jsii package is (its package.json, .jsii and dist/). */
export const PACKAGE_DIR: Record<Flavour, string> = {
  cdktf: ROOT,
  cdktn: join(ROOT, "dist/cdktn-jsii"),
};

/** The cache folder of these tests: `${XDG_CACHE_HOME:-~/.cache}/dws-dr/jsii`. */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const dir = join(base, "dws-dr", "jsii");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A short hash of files' contents (and of some extra strings, such as versions). */
export function hashOf(files: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(readFileSync(file));
  for (const value of extra) hash.update(value);
  return hash.digest("hex").slice(0, 16);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    )
    .sort();
}

/** What a flavour's packages are made from: its assembly, compiled library and runtime bundle. */
function packageInputs(flavour: Flavour): string[] {
  const dir = PACKAGE_DIR[flavour];
  const assembly = join(dir, ".jsii");
  if (!existsSync(assembly)) {
    throw new Error(`${assembly} is missing: run "npm run build" first`);
  }
  return [
    join(dir, "package.json"),
    assembly,
    ...filesUnder(join(dir, "dist/lib")).filter((file) => file.endsWith(".js")),
    join(dir, "dist/runtime/dws-dr.cjs"),
  ];
}

/** Runs a command and fails with its output when it does not exit 0. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const run = await runProcess(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${run.code}:\n${run.output}`);
  }
  return run.stdout;
}

/**
 * The jsii-pacmak output of `target` for `flavour` (a folder holding `<target>/...`), built once
 * per content hash. `codeOnly` generates the sources without building them (dotnet: no .NET here).
 */
export async function pacmak(
  flavour: Flavour,
  target: "python" | "go" | "java" | "dotnet",
  codeOnly = false,
): Promise<string> {
  return pacmakInto(
    `pacmak-${flavour}-${target}-${codeOnly ? "code-" : ""}`,
    [PACKAGE_DIR[flavour]],
    hashOf(packageInputs(flavour), [target, String(codeOnly)]),
    target,
    codeOnly,
  );
}

/**
 * The Go sources jsii-pacmak generates from npm packages installed here (for example cdktf's own
 * Go module, from node_modules/cdktf), all into one folder holding `go/<package>/`, once per
 * content of their assemblies and pacmak's version. `name` names the set in the cache folder.
 */
export async function pacmakGoOf(name: string, packageDirs: readonly string[]): Promise<string> {
  const inputs = packageDirs.flatMap((dir) => [join(dir, "package.json"), join(dir, ".jsii")]);
  const pacmakVersion = JSON.parse(
    readFileSync(require.resolve("jsii-pacmak/package.json"), "utf8"),
  ).version;
  const key = hashOf(inputs, ["go", pacmakVersion]);
  return pacmakInto(`pacmak-${name}-go-code-`, packageDirs, key, "go", true);
}

/** Runs jsii-pacmak on `packageDirs` into `<prefix><key>` of the cache folder, unless done. */
async function pacmakInto(
  prefix: string,
  packageDirs: readonly string[],
  key: string,
  target: "python" | "go" | "java" | "dotnet",
  codeOnly: boolean,
): Promise<string> {
  const pacmakBin = require.resolve("jsii-pacmak/bin/jsii-pacmak");
  return cachedBuild(prefix, key, (building) =>
    mustRun(
      process.execPath,
      [
        pacmakBin,
        ...packageDirs,
        "--targets",
        target,
        "--outdir",
        building,
        "--no-npmignore",
        ...(codeOnly ? ["--code-only"] : []),
      ],
      {
        cwd: ROOT,
        env: {
          JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: "1",
          // pacmak runs `npm pack`; the package is built already, so no prepack rebuild.
          npm_config_ignore_scripts: "true",
          PIP_CACHE_DIR: join(cacheRoot(), "pip"),
          GOFLAGS: "-modcacherw",
        },
      },
    ),
  );
}

/**
 * The folder `<prefix><key>` of the cache folder, made by `build` (given a path where nothing is
 * yet) unless it is there already; older builds of the same prefix are removed. Jest's workers can
 * build the same thing at once (the Go app test and the generated-packages test both need the Go
 * sources): when another got there first, its build is kept and this one dropped.
 */
export async function cachedBuild(
  prefix: string,
  key: string,
  build: (folder: string) => Promise<unknown>,
): Promise<string> {
  const done = join(cacheRoot(), `${prefix}${key}`);
  if (existsSync(done)) return done;
  const building = `${done}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  await build(building);
  try {
    renameSync(building, done);
  } catch (error) {
    if (!existsSync(done)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  pruneOthers(prefix, done);
  return done;
}

/** Removes the cache entries of `prefix` other than `keep`: older builds of the same thing. */
function pruneOthers(prefix: string, keep: string): void {
  for (const name of readdirSync(cacheRoot())) {
    const entry = join(cacheRoot(), name);
    if (
      name.startsWith(prefix) &&
      /^[0-9a-f]{16}$/.test(name.slice(prefix.length)) &&
      entry !== keep
    ) {
      rmSync(entry, { recursive: true, force: true });
    }
  }
}

/** The Python framework packages each flavour's app installs from PyPI. */
export const PYTHON_FRAMEWORK: Record<Flavour, string> = {
  cdktf: "cdktf==0.21.0",
  cdktn: "cdktn==0.24.0",
};

/**
 * A virtualenv with the flavour's wheel, its framework and `constructs` installed from PyPI:
 * made fresh (in the cache folder) whenever the wheel changes, reused otherwise.
 * @returns the virtualenv's `python`
 */
export async function pythonEnv(flavour: Flavour): Promise<string> {
  const built = join(await pacmak(flavour, "python"), "python");
  const wheel = readdirSync(built).find((name) => name.endsWith(".whl"));
  if (!wheel) throw new Error(`jsii-pacmak made no wheel in ${built}`);
  const key = hashOf([join(built, wheel)], [PYTHON_FRAMEWORK[flavour]]);
  const venv = join(cacheRoot(), `venv-${flavour}-${key}`);
  const python = join(venv, "bin", "python");
  if (existsSync(join(venv, ".complete"))) return python;
  rmSync(venv, { recursive: true, force: true });
  await mustRun("python3", ["-m", "venv", venv]);
  await mustRun(
    python,
    [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "--quiet",
      join(built, wheel),
      PYTHON_FRAMEWORK[flavour],
      "constructs",
    ],
    { env: { PIP_CACHE_DIR: join(cacheRoot(), "pip") } },
  );
  await mustRun("touch", [join(venv, ".complete")]);
  pruneOthers(`venv-${flavour}-`, venv);
  return python;
}
