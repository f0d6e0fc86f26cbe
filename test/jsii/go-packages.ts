import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Flavour,
  PACKAGE_DIR,
  ROOT,
  cacheRoot,
  cachedBuild,
  hashOf,
  mustRun,
  pacmak,
  pacmakGoOf,
} from "./jsii-packages";

// A Go app of each flavour, built the way a Go user can build it. jsii-pacmak generates this
// repository's Go module. The Go module proxy reached here serves cdktf's Go module at v0.21.0
// (github.com/hashicorp/terraform-cdk-go/cdktf; its version list answers 403), but not cdktn's
// (v0.24.0) nor @cdktf/provider-null's (v11.0.1, a jsii dependency of the cdktf flavour): each of
// these is nothing but jsii-pacmak's Go output of the npm package (whose tarball carries its .jsii
// assembly), so jsii-pacmak generates them here from node_modules, and the app's go.mod points at
// them, as at this repository's module, with `replace` directives. constructs-go and
// jsii-runtime-go come from the Go module proxy. Everything lands in the cache folder: generated
// modules, Go's module and build caches, and the built binaries.

/**
 * The constructs-go version the app requires. The generated modules ask for the npm package's
 * version (constructs 10.7.2 today), which the Go module proxy here does not serve (it serves
 * v10.4.2, v10.5.0 and v10.8.1); Go's minimal version selection takes the higher one the app
 * requires.
 */
export const CONSTRUCTS_GO = "v10.8.1";

/**
 * Where the app's framework Go module comes from: generated here from the framework's npm package
 * (both flavours), or the Go module proxy (cdktf only: it serves no cdktn v0.24.0).
 */
export type FrameworkSource = "generated" | "proxy";

/** The jsii dependencies whose Go modules the app takes from the proxy, by framework source. */
const SERVED_DEPENDENCIES: Record<FrameworkSource, ReadonlySet<string>> = {
  generated: new Set(["constructs"]),
  proxy: new Set(["constructs", "cdktf"]),
};

/** The environment of every `go` command: caches in the cache folder, no toolchain download. */
export function goEnv(): NodeJS.ProcessEnv {
  const go = join(cacheRoot(), "go");
  return {
    GOPATH: join(go, "path"),
    GOMODCACHE: join(go, "mod"),
    GOCACHE: join(go, "build"),
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    // -mod=mod: go completes the app's go.mod and writes its go.sum (both in the cache folder);
    // -modcacherw: the module cache stays deletable with rm -rf.
    GOFLAGS: "-mod=mod -modcacherw -buildvcs=false",
  };
}

/** A jsii package's Go module: its path (and import path) and the npm package's version. */
export function goModuleOf(packageDir: string): { path: string; version: string } {
  const { version, jsii } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const { moduleName, packageName } = jsii.targets.go;
  // A major version above 1 is part of a Go module's path (cdktf-provider-null-go/null/v11).
  const major = Number(version.split(".")[0]);
  return {
    path: `${moduleName}/${packageName}${major > 1 ? `/v${major}` : ""}`,
    version: `v${version}`,
  };
}

/** A Go module jsii-pacmak generated: its path, its folder and its npm package's version. */
interface GoModule {
  readonly path: string;
  readonly dir: string;
  readonly version: string;
}

/** The Go modules jsii-pacmak wrote into `out` (`go/<package>/`) from `packageDirs`. */
function modulesIn(out: string, packageDirs: readonly string[]): GoModule[] {
  return packageDirs.map((packageDir) => {
    const { path, version } = goModuleOf(packageDir);
    const dir = readdirSync(join(out, "go"))
      .map((name) => join(out, "go", name))
      .find((candidate) =>
        readFileSync(join(candidate, "go.mod"), "utf8").startsWith(`module ${path}\n`),
      );
    if (!dir) throw new Error(`jsii-pacmak wrote no Go module ${path} into ${out}`);
    return { path, dir, version };
  });
}

/** The npm packages of the flavour's jsii dependencies whose Go modules are generated here. */
function generatedDependencies(flavour: Flavour, framework: FrameworkSource): string[] {
  const assembly = JSON.parse(readFileSync(join(PACKAGE_DIR[flavour], ".jsii"), "utf8"));
  return Object.keys(assembly.dependencies ?? {})
    .filter((name) => !SERVED_DEPENDENCIES[framework].has(name))
    .sort()
    .map((name) => join(ROOT, "node_modules", name));
}

/**
 * The go.mod of an app built with the generated `modules` (this repository's first): it requires
 * each at its npm package's version, replaced by its generated folder, and the framework's,
 * constructs-go and the jsii-runtime-go version the generated modules ask for.
 */
function appGoMod(
  modules: readonly GoModule[],
  framework: { path: string; version: string },
): string {
  const runtime = /^\s*github\.com\/aws\/jsii-runtime-go (v\S+)$/m.exec(
    readFileSync(join(modules[0].dir, "go.mod"), "utf8"),
  )?.[1];
  if (!runtime) throw new Error(`${modules[0].dir}/go.mod asks for no jsii-runtime-go`);
  return [
    "module example.com/dws-dr-app",
    "",
    "go 1.25",
    "",
    "require (",
    `\tgithub.com/aws/constructs-go/constructs/v10 ${CONSTRUCTS_GO}`,
    `\tgithub.com/aws/jsii-runtime-go ${runtime}`,
    ...[...modules, framework]
      .filter((module, index, all) => all.findIndex((m) => m.path === module.path) === index)
      .map((module) => `\t${module.path} ${module.version}`),
    ")",
    "",
    ...modules.map((module) => `replace ${module.path} => ${module.dir}`),
    "",
  ].join("\n");
}

/**
 * The Go app `source` (a `package main` file) of `flavour`, built with `go build` against the
 * framework's Go module from `framework` into a binary in the cache folder, once per content of
 * the source and of every generated module (their folders' names hold their content hashes).
 * `variant` names the app in the cache folder (each variant keeps its latest build).
 * @returns the binary's path
 */
export async function goApp(
  flavour: Flavour,
  framework: FrameworkSource,
  variant: string,
  source: string,
): Promise<string> {
  if (framework === "proxy" && flavour !== "cdktf") {
    throw new Error(`the Go module proxy serves no Go module of ${flavour}`);
  }
  const dependencies = generatedDependencies(flavour, framework);
  const modules = [
    ...modulesIn(await pacmak(flavour, "go", true), [PACKAGE_DIR[flavour]]),
    ...modulesIn(await pacmakGoOf(`deps-${flavour}-${framework}`, dependencies), dependencies),
  ];
  const goMod = appGoMod(modules, goModuleOf(join(ROOT, "node_modules", flavour)));
  const folder = await cachedBuild(
    `go-app-${flavour}-${framework}-${variant}-`,
    hashOf([], [source, goMod]),
    async (building) => {
      mkdirSync(building, { recursive: true });
      writeFileSync(join(building, "main.go"), source);
      writeFileSync(join(building, "go.mod"), goMod);
      await mustRun("go", ["build", "-o", "app", "."], { cwd: building, env: goEnv() });
    },
  );
  return join(folder, "app");
}
