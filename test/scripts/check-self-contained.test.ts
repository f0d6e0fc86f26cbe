import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runProcess } from "../support/process";

// The guard of issue #6: nothing in the repository may read outside it (a user's clone has
// nothing beside it). These tests run the real check against small git repositories.
const CHECK = join(__dirname, "../../scripts/check-self-contained.cjs");
const REPO_ROOT = join(__dirname, "../..");

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "dws-dr-selfcontained-"));
  execFileSync("git", ["init", "--quiet"], { cwd: root });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function check(root: string) {
  return runProcess(process.execPath, [CHECK, root], { env: { PATH: process.env.PATH ?? "" } });
}

describe("the self-containment check", () => {
  const made: string[] = [];
  const repo = (files: Record<string, string>) => {
    const root = repoWith(files);
    made.push(root);
    return root;
  };
  afterAll(() => made.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("passes on this repository", async () => {
    const run = await check(REPO_ROOT);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("fails on a test that reads the team's reference folder beside the checkout", async () => {
    const root = repo({
      "test/api/signer.test.ts": `readFileSync(join(__dirname, "../../../${"shared"}/reference/v.json"));\n`,
    });
    const run = await check(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/test\/api\/signer\.test\.ts:1: names the team's shared folder/);
  });

  it("fails on a path spelled in segments that climbs out of the repository", async () => {
    const root = repo({ "scripts/x.mjs": `const p = join(__dirname, "..", "..", "data.json");\n` });
    const run = await check(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/scripts\/x\.mjs:1: "\.\.\/\.\." resolves outside the repository/);
  });

  it("fails on a config file that points outside", async () => {
    const root = repo({ "jest.config.js": `module.exports = { roots: ["../elsewhere"] };\n` });
    expect((await check(root)).code).toBe(1);
  });

  it("accepts paths that stay inside, from the source or the compiled folder", async () => {
    const root = repo({
      "test/support/cli.ts": `join(__dirname, "../../dist/runtime/dws-dr.cjs");\n`,
      "lib/constructs/asset.ts": `path.resolve(__dirname, "../../..");\n`,
    });
    expect((await check(root)).code).toBe(0);
  });

  it("accepts a line that says why it must reach outside", async () => {
    const root = repo({
      "scripts/y.mjs": `// self-contained: the user's own app folder, given on the command line\njoin(cwd, "../app");\n`,
    });
    expect((await check(root)).code).toBe(0);
  });
});
