import { join } from "node:path";
import { runProcess } from "../support/process";

const MISSING_CLI_CONFIG = join(__dirname, "no-such-dir", ".terraformrc");

// `npm run demo` without its build step (npm test has just built): `cdktf deploy` of the example
// app against the embedded emulator, its outputs, the DR's final status, then `cdktf destroy`.
it("deploys the example app with cdktf, reports the DR running, and destroys it", async () => {
  const { code, output } = await runProcess(
    process.execPath,
    [join(__dirname, "../../dist/examples/run-demo.js")],
    // A CLI config file that does not exist: OpenTofu warns about it on stdout (issue 16), which
    // the demo must keep out of cdktf's `output -json`.
    { env: { ...process.env, CI: "1", FORCE_COLOR: "0", TF_CLI_CONFIG_FILE: MISSING_CLI_CONFIG } },
  );

  expect({ code, tail: output.slice(-2000) }).toMatchObject({ code: 0 });
  expect(output).toMatch(/"started_disaster_recovery_id": "e59d6b86-9072-46eb-a996-13f8b44994c1"/);
  expect(output).toMatch(/DR e59d6b86-9072-46eb-a996-13f8b44994c1 final status: running/);
  expect(output).toMatch(/post-start checks for DR e59d6b86-9072-46eb-a996-13f8b44994c1/);
  expect(output).toMatch(/demo succeeded/);
});
