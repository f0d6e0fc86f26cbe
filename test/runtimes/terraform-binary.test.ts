import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { terraformBinary, toolPaths } from "../../scripts/tool-paths.cjs";
import { tempDir } from "../package/packed-app";

// Issue 16: one switch says which binary runs every Terraform step of the tests, the demo and
// the bench (DWS_DR_TF_BINARY); without it, `terraform` on PATH; on a machine without one, what
// scripts/setup-tools.mjs built, OpenTofu standing in for Terraform.
let dir: ReturnType<typeof tempDir>;
let bin: string;
let tools: string;

beforeEach(() => {
  dir = tempDir("dws-dr-tf-binary-");
  bin = join(dir.path, "bin");
  tools = join(dir.path, "tools");
  mkdirSync(bin);
});

afterEach(() => dir.remove());

function executable(path: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

const env = (extra: Record<string, string> = {}) => ({
  PATH: bin,
  DWS_DR_TOOLS_DIR: tools,
  ...extra,
});

it("takes DWS_DR_TF_BINARY first, by name on PATH or as a path", () => {
  executable(join(bin, "terraform"));
  const tofu = executable(join(bin, "tofu"));

  expect(terraformBinary(env({ DWS_DR_TF_BINARY: "tofu" }))).toEqual({
    path: tofu,
    name: "tofu",
    why: "DWS_DR_TF_BINARY",
  });
  expect(terraformBinary(env({ DWS_DR_TF_BINARY: tofu })).path).toBe(tofu);
});

it("refuses a DWS_DR_TF_BINARY that names no executable, rather than running another binary", () => {
  executable(join(bin, "terraform"));

  expect(() => terraformBinary(env({ DWS_DR_TF_BINARY: "tofu" }))).toThrow(
    /DWS_DR_TF_BINARY="tofu" names no executable/,
  );
});

it("uses terraform on PATH when the switch is unset, before anything set up", () => {
  const terraform = executable(join(bin, "terraform"));
  executable(toolPaths(env()).tofu);

  expect(terraformBinary(env())).toMatchObject({ path: terraform, name: "terraform" });
});

it("without terraform on PATH, falls back to the set-up Terraform, then to the set-up OpenTofu", () => {
  const tofu = executable(toolPaths(env()).tofu);
  expect(terraformBinary(env())).toEqual({
    path: tofu,
    name: "tofu",
    why: "no terraform on PATH; OpenTofu built by setup",
  });

  const built = executable(toolPaths(env()).terraform);
  expect(terraformBinary(env())).toMatchObject({ path: built, name: "terraform" });
});

it("with nothing at all, says to run the setup script", () => {
  expect(() => terraformBinary(env())).toThrow(/run `node scripts\/setup-tools.mjs`/);
});
