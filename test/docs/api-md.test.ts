import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runProcess } from "../support/process";

const ROOT = join(__dirname, "../..");

describe("the multi-language API reference (API.md, API.python.md, API.go.md; npm run docs)", () => {
  test("is what jsii-docgen makes of the current jsii assembly", async () => {
    // when
    const run = await runProcess(
      process.execPath,
      [join(ROOT, "scripts/build-api-md.mjs"), "--check"],
      { cwd: ROOT, env: process.env },
    );

    // then
    expect(run.output).toContain("API.md and its languages are up to date");
    expect(run.code).toBe(0);
  }, 180_000);

  test("documents the enums and the props' defaults in Python's names", () => {
    // given
    const python = readFileSync(join(ROOT, "API.python.md"), "utf8");

    // then
    expect(python).toContain("acknowledge_data_loss");
    expect(python).toContain("ResourceKind.NULL_RESOURCE");
    expect(python).toMatch(/\*Default:\* OnDestroy\.NONE/);
  });
});
