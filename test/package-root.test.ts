import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const EXPORTS: Record<string, { default: string }> = JSON.parse(
  readFileSync(join(ROOT, "package.json"), "utf8"),
).exports;

// What the README documents on each entry point, by its kind at run time. The root is the jsii
// surface (constructs and enums, what Python and Go get too); what jsii cannot carry has a
// subpath of its own, with the names it had on the root in 0.2.0.
const DOCUMENTED: Record<string, Record<string, "function" | "object">> = {
  ".": {
    DisasterRecoveryStart: "function",
    DisasterRecoveryPause: "function",
    DisasterRecoverySwitchover: "function",
    DisasterRecoveryFailover: "function",
    DisasterRecoveryRecovery: "function",
    DisasterRecoveryRunbook: "function",
    DisasterRecoveryAction: "function",
    ResourceKind: "object",
    OnDestroy: "object",
  },
  "./api": {
    signRequest: "function",
    DwsDrError: "function",
    EXIT_CODES: "object",
    DR_ACTIONS: "object",
    DR_STATUSES: "object",
    ACTION_RULES: "object",
  },
  "./emulator": { startEmulator: "function", loadSeedFile: "function" },
};

/**
 * What `require(<package><subpath>)` gives, by export name and kind, and whether it loaded the
 * HTTP client (lib/api/client.ts or transport.ts) or a third-party module.
 */
function load(subpath: string): { kinds: Record<string, string>; loadedClient: string[] } {
  const file = join(ROOT, EXPORTS[subpath].default);
  const script = `
    const entry = require(${JSON.stringify(file)});
    const loadedClient = Object.keys(require.cache).filter((f) =>
      /[\\/]api[\\/](client|transport)\\.js$|[\\/]node_modules[\\/](https-proxy-agent|proxy-from-env)[\\/]/.test(f));
    const kinds = Object.fromEntries(Object.keys(entry).map((name) => [name, typeof entry[name]]));
    process.stdout.write(JSON.stringify({ kinds, loadedClient }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

it.each(Object.keys(DOCUMENTED))(
  "%s exports what the README documents without loading the HTTP client, which lives only in the runtime bundle",
  (subpath) => {
    // when
    const { kinds, loadedClient } = load(subpath);

    // then
    expect(kinds).toMatchObject(DOCUMENTED[subpath]);
    expect(loadedClient).toEqual([]);
  },
);

it("keeps the package root to what jsii carries: no free functions or constants beside the constructs", () => {
  // when
  const { kinds } = load(".");

  // then: every function on the root is a class of the constructs, every object an enum
  expect(Object.keys(kinds).sort()).toEqual(Object.keys(DOCUMENTED["."]).sort());
});
