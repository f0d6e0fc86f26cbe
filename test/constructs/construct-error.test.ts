import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "../support/process";

// A user's app that leaves out acknowledgeDataLoss fails at synth. What `node main.js` (what
// `cdktf synth` runs) prints must be the message and the construct path, as cdktf's own
// validation errors read, not a stack trace through this library (issue 20). The error is still
// thrown from the constructor: a jsii client needs it there.
const ROOT = join(__dirname, "../..");

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "dws-dr-synth-error-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` as the main.js of a cdktf app built on this repository's dist/lib. */
async function synthApp(body: string) {
  const main = join(dir, "main.js");
  writeFileSync(
    main,
    `const { App, TerraformStack } = require(${JSON.stringify(join(ROOT, "node_modules/cdktf"))});
const dr = require(${JSON.stringify(join(ROOT, "dist/lib"))});
const app = new App({ outdir: ${JSON.stringify(join(dir, "cdktf.out"))} });
const stack = new TerraformStack(app, "dr");
${body}
app.synth();
`,
  );
  return runProcess(process.execPath, [main], { cwd: dir, env: process.env });
}

const TARGET = `projectId: "89cd04f168b84af6be287f71730fdb4b",
  disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",
  region: "cn-north-4",`;

describe("a synth refused by the constructs' own checks", () => {
  test("a failover without acknowledgeDataLoss prints the message and the construct path, no stack trace", async () => {
    // when
    const run = await synthApp(`new dr.DisasterRecoveryFailover(stack, "failover", {
  ${TARGET}
  primaryClusterId: "bbbbbbbb-2222-4222-8222-222222222222",
});`);

    // then
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "ValidationError: dr/failover: acknowledgeDataLoss: DisasterRecoveryFailover requires acknowledgeDataLoss: true",
    );
    expect(run.stderr).toContain("    at dr/failover (construct path)");
    expect(run.stderr.split("\n").filter((line) => /^\s+at .*:\d+/.test(line))).toEqual([]);
  });

  test("a bad prop value names the prop after the construct path, without the validator's stack or fields", async () => {
    // when
    const run = await synthApp(`new dr.DisasterRecoveryStart(stack, "start-dr", {
  ${TARGET.replace("89cd04f168b84af6be287f71730fdb4b", "my-project")}
});`);

    // then
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'ValidationError: dr/start-dr: projectId: "my-project" is not a project id',
    );
    expect(run.stderr.split("\n").filter((line) => /^\s+at .*:\d+/.test(line))).toEqual([]);
    expect(run.stderr).not.toMatch(/\[cause\]|category:/);
  });

  test("code can still catch it at construction, as an Error", async () => {
    const run = await synthApp(`try {
  new dr.DisasterRecoveryRecovery(stack, "recovery", { ${TARGET} });
} catch (error) {
  console.log(error instanceof Error, error.name);
  process.exit(0);
}`);

    expect(run.stdout.trim()).toBe("true ValidationError");
  });
});
