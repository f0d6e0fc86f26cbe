import { execFileSync } from "node:child_process";
import { join } from "node:path";

// What a user's `require("cdktf-dws-disaster-recovery")` gets: the compiled package root.
const PACKAGE_MAIN = join(__dirname, "../dist/lib/index.js");
// The classes and functions the README documents; each must be a function on the package root.
const DOCUMENTED_EXPORTS = [
  "DisasterRecoveryStart",
  "DisasterRecoveryPause",
  "DisasterRecoverySwitchover",
  "DisasterRecoveryFailover",
  "DisasterRecoveryRecovery",
  "DisasterRecoveryRunbook",
  "DisasterRecoveryAction",
  "signRequest",
  "startEmulator",
];

it("exports the documented API without loading axios, which lives only in the bundled runtime", () => {
  const script = `
    const root = require(${JSON.stringify(PACKAGE_MAIN)});
    const loadedAxios = Object.keys(require.cache).some((file) => file.includes("/node_modules/axios/"));
    process.stdout.write(JSON.stringify({
      exports: ${JSON.stringify(DOCUMENTED_EXPORTS)}.filter((name) => typeof root[name] === "function"),
      loadedAxios,
    }));`;

  const result = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));

  expect(result).toEqual({
    exports: DOCUMENTED_EXPORTS,
    loadedAxios: false,
  });
});
