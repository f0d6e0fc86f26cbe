// The pinned tools the tests, the demo and the bench run with, and where the setup script
// (scripts/setup-tools.mjs) keeps them: a cache folder outside the checkout, reused by every later
// run. Also the one switch that says which binary runs the Terraform steps: DWS_DR_TF_BINARY.
// Pure lookups only (no downloads, no builds): whatever reads this must stay fast.
const { accessSync, constants, existsSync } = require("node:fs");
const { homedir } = require("node:os");
const { delimiter, isAbsolute, join } = require("node:path");

/** Versions tested here. Node 20 is the machine's own `node`; 22 and 24 come from npm. */
const PINNED = Object.freeze({
  node: Object.freeze({ 22: "22.23.5", 24: "24.22.3" }),
  opentofu: "1.12.6",
  terraform: "1.11.4",
  cdktnCli: "0.24.0",
});

/** `${XDG_CACHE_HOME:-$HOME/.cache}/dws-dr/tools`, or DWS_DR_TOOLS_DIR when set. */
function toolsDir(env = process.env) {
  if (env.DWS_DR_TOOLS_DIR) return env.DWS_DR_TOOLS_DIR;
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(cache, "dws-dr", "tools");
}

/** Where each pinned tool lives once set up. */
function toolPaths(env = process.env) {
  const root = toolsDir(env);
  const nodeBin = (major) => join(root, `node-${PINNED.node[major]}`, "bin", "node");
  const cdktnDir = join(root, `cdktn-cli-${PINNED.cdktnCli}`);
  return {
    root,
    node: { 22: nodeBin(22), 24: nodeBin(24) },
    tofu: join(root, `opentofu-${PINNED.opentofu}`, "tofu"),
    terraform: join(root, `terraform-${PINNED.terraform}`, "terraform"),
    /** Written when the Terraform build from the Go module proxy failed, with the reason. */
    terraformBuildFailure: join(root, `terraform-${PINNED.terraform}`, "build-failed.txt"),
    cdktnCliDir: cdktnDir,
    cdktnCli: join(cdktnDir, "node_modules", "cdktn-cli", "bundle", "bin", "cdktn.js"),
  };
}

/** The full path of `name` found on PATH (as a shell would), or undefined. */
function onPath(name, env = process.env) {
  for (const dir of (env.PATH || "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * The binary every Terraform step of the tests, the demo and the bench runs: DWS_DR_TF_BINARY
 * (a name on PATH or a path) when set; else `terraform` on PATH; else the Terraform the setup
 * script built; else the OpenTofu it built. `why` says which rule chose it, for the run's log.
 */
function terraformBinary(env = process.env) {
  const chosen = (path, why) => ({ path, name: flavourOf(path), why });
  if (env.DWS_DR_TF_BINARY) {
    const wanted = env.DWS_DR_TF_BINARY;
    const path = isAbsolute(wanted) || wanted.includes("/") ? wanted : onPath(wanted, env);
    if (!path || !existsSync(path)) {
      throw new Error(
        `DWS_DR_TF_BINARY="${wanted}" names no executable (not a file, not on PATH); ` +
          `set it to a terraform or tofu binary, or unset it`,
      );
    }
    return chosen(path, "DWS_DR_TF_BINARY");
  }
  const found = onPath("terraform", env);
  if (found) return chosen(found, "terraform on PATH");
  const tools = toolPaths(env);
  if (existsSync(tools.terraform)) return chosen(tools.terraform, "Terraform built by setup");
  if (existsSync(tools.tofu)) {
    return chosen(tools.tofu, "no terraform on PATH; OpenTofu built by setup");
  }
  throw new Error(
    "no terraform on PATH and no tool set up: run `node scripts/setup-tools.mjs` " +
      "(or set DWS_DR_TF_BINARY to a terraform or tofu binary)",
  );
}

// "tofu" or "terraform", from the binary's file name (what a log line calls it).
function flavourOf(path) {
  return /(^|\/)tofu[^/]*$/.test(path) ? "tofu" : "terraform";
}

module.exports = { PINNED, toolsDir, toolPaths, onPath, terraformBinary };
