import { join } from "node:path";
import { runProcess } from "../support/process";

const ROOT = join(__dirname, "../..");

/** `node scripts/build-docs.mjs <args>`, as `npm run docs` runs it. */
function buildDocs(args: string[]) {
  return runProcess(process.execPath, [join(ROOT, "scripts/build-docs.mjs"), ...args], {
    cwd: ROOT,
    env: process.env,
  });
}

describe("the API reference (docs/api, npm run docs)", () => {
  test("is up to date with the TSDoc comments, which document every export and default", async () => {
    // when
    const run = await buildDocs(["--check"]);

    // then
    expect(run.output).toContain("docs/api is up to date");
    expect(run.code).toBe(0);
  });

  test("the check names an undocumented export and an optional prop without @default", async () => {
    // when
    const run = await buildDocs(["--check", "--entry", "test/docs/fixtures/undocumented-api.ts"]);

    // then
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/undocumentedFunction .*does not have any documentation/);
    expect(run.output).toContain(
      "HalfDocumentedProps.withoutDefault is optional but has no @default",
    );
    expect(run.output).not.toContain("HalfDocumentedProps.withDefault is optional");
  });
});
