import { execFileSync } from "node:child_process";

// The Node matrix (scripts/test-runtimes.mjs) runs suites under a pinned Node placed first on
// PATH and names it in DWS_DR_EXPECT_NODE. This holds the run to it: jest runs on that Node, and
// so does the `node` that Terraform's local-exec finds on PATH to run the bundled runtime.
it("runs on the Node version it claims, and local-exec's `node` is the same one", () => {
  const expected = process.env.DWS_DR_EXPECT_NODE ?? process.versions.node;

  const onPath = execFileSync("node", ["-p", "process.versions.node"], { encoding: "utf8" }).trim();

  expect({ jest: process.versions.node, localExec: onPath }).toEqual({
    jest: expected,
    localExec: expected,
  });
});
