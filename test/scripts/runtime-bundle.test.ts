import { build, Metafile } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { RUNTIME_BUNDLE } from "../support/cli";
import { listenOnLoopback } from "../support/loopback";
import { runProcess } from "../support/process";

// Terraform starts the bundled runtime once per action, so what it loads at start-up is a
// contract (issue 9, scripts/runtime-bundle.mjs): these tests fail when a change brings back
// undici (loaded by merely touching fetch/Request/Response/FormData in Node 20, ~50 ms),
// node:http2, perf_hooks, or the emulator's code into an action's start-up. Issue 16 adds node:tls
// (node:https loads it, ~30 ms on Node 22+, though a run on http:// never uses it) and, on Node 24,
// util's lazy parts (the worker module among them) that the bundle's ESM interop would touch; the
// Node matrix (scripts/test-runtimes.mjs) runs this file on Node 22 and 24 too.
const REPO_ROOT = join(__dirname, "../..");
const NEVER_AT_START_UP = [
  "NativeModule internal/deps/undici/undici",
  "NativeModule http2",
  "NativeModule perf_hooks",
  "NativeModule tls",
  "NativeModule internal/worker",
];

let work: string;
let hook: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "dws-dr-footprint-"));
  hook = join(work, "record-modules.cjs");
  // Records the node modules a run loaded, when it exits.
  writeFileSync(
    hook,
    `process.on("exit", () => require("node:fs").writeFileSync(process.env.MODULES_FILE, ` +
      `JSON.stringify(process.moduleLoadList)));\n`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the bundled runtime with `args` and returns its exit code and the node modules it loaded. */
async function runRecorded(args: string[], env: Record<string, string>) {
  const modulesFile = join(work, `modules-${Math.random().toString(36).slice(2)}.json`);
  const run = await runProcess(process.execPath, ["--require", hook, RUNTIME_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", MODULES_FILE: modulesFile, ...env },
  });
  const loaded = JSON.parse(readFileSync(modulesFile, "utf8")) as string[];
  return { ...run, loaded };
}

describe("the bundled runtime's start-up", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({});
  });
  afterAll(() => emulator.stop());

  test("--help loads none of undici, node:http2, perf_hooks, node:tls, util's lazy parts", async () => {
    const run = await runRecorded(["--help"], {});

    expect(run.code).toBe(0);
    expect(run.loaded.filter((m) => NEVER_AT_START_UP.includes(m))).toEqual([]);
  });

  test("a signed status GET on http:// loads none of them either, and still works", async () => {
    const run = await runRecorded(["status", "--json"], {
      HUAWEICLOUD_SDK_AK: emulator.accessKey,
      HUAWEICLOUD_SDK_SK: emulator.secretKey,
      DWS_DR_PROJECT_ID: emulator.projectId,
      DWS_DR_DISASTER_RECOVERY_ID: emulator.disasterRecoveryIds[0],
      DWS_DR_ENDPOINT: emulator.endpoint,
    });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).disasterRecovery.id).toBe(emulator.disasterRecoveryIds[0]);
    expect(emulator.requests.filter((r) => r.method === "GET").length).toBeGreaterThan(0);
    expect(run.loaded.filter((m) => NEVER_AT_START_UP.includes(m))).toEqual([]);
  });

  test("the CLI reaches the emulator's code only through the lazily imported emulator command", async () => {
    // The import graph as esbuild bundles it: a static import of lib/emulator from anywhere the
    // CLI imports statically would evaluate the emulator at every action's start-up.
    const { metafile } = await build({
      entryPoints: [join(REPO_ROOT, "lib/cli/main.ts")],
      absWorkingDir: REPO_ROOT,
      bundle: true,
      platform: "node",
      write: false,
      metafile: true,
    });

    const staticallyLoaded = staticClosure(metafile, "lib/cli/main.ts");
    expect([...staticallyLoaded].filter((file) => file.startsWith("lib/emulator/"))).toEqual([]);
    expect(staticallyLoaded.has("lib/cli/emulator-command.ts")).toBe(false);
    expect(metafile.inputs["lib/cli/run-cli.ts"].imports).toContainEqual(
      expect.objectContaining({ path: "lib/cli/emulator-command.ts", kind: "dynamic-import" }),
    );
  });
});

describe("what the build loads lazily still works when used", () => {
  let proxy: Server;
  let proxyPort: number;
  const proxied: string[] = [];
  beforeAll(async () => {
    // A proxy that records the CONNECT and refuses it: enough to show the request went through
    // the (lazily loaded) https-proxy-agent.
    proxy = createServer((socket) =>
      socket.once("data", (data) => {
        proxied.push(data.toString().split("\r\n")[0]);
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      }),
    );
    proxyPort = await listenOnLoopback(proxy);
  });
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  test("HTTPS_PROXY is honoured: the request tunnels through the proxy", async () => {
    const run = await runRecorded(["status"], {
      HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
      HUAWEICLOUD_SDK_AK: "AKFOOTPRINT",
      HUAWEICLOUD_SDK_SK: "SKFOOTPRINT",
      DWS_DR_PROJECT_ID: "89cd04f168b84af6be287f71730fdb4b",
      DWS_DR_DISASTER_RECOVERY_ID: "e59d6b86-9072-46eb-a996-13f8b44994c1",
      DWS_DR_REGION: "cn-north-4",
    });

    expect(proxied).toEqual(["CONNECT dws.cn-north-4.myhuaweicloud.com:443 HTTP/1.1"]);
    expect(run.code).toBe(3); // the proxy's 403, reported as refused authentication
  });

  test("DEBUG=* prints no library debug output, so neither the proxy's password nor a key leaks", async () => {
    // given a proxy URL with user info, and every debug namespace switched on
    proxied.length = 0;

    // when
    const run = await runRecorded(["status"], {
      DEBUG: "*",
      HTTPS_PROXY: `http://proxyuser:proxy-password-42@127.0.0.1:${proxyPort}`,
      HUAWEICLOUD_SDK_AK: "AKDEBUGLEAKCHECK",
      HUAWEICLOUD_SDK_SK: "SKDEBUGLEAKCHECKSECRET",
      DWS_DR_PROJECT_ID: "89cd04f168b84af6be287f71730fdb4b",
      DWS_DR_DISASTER_RECOVERY_ID: "e59d6b86-9072-46eb-a996-13f8b44994c1",
      DWS_DR_REGION: "cn-north-4",
    });

    // then the request went through the proxy agent, and its debug lines were not printed
    expect(proxied).toEqual(["CONNECT dws.cn-north-4.myhuaweicloud.com:443 HTTP/1.1"]);
    expect(run.code).toBe(3);
    const output = run.stdout + run.stderr;
    for (const secret of [
      "proxy-password-42",
      Buffer.from("proxyuser:proxy-password-42").toString("base64"),
      "SKDEBUGLEAKCHECKSECRET",
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/https-proxy-agent|agent-base/);
  });
});

/** The files reached from `entry` through static imports and requires only. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !metafile.inputs[file]) return;
    seen.add(file);
    for (const imported of metafile.inputs[file].imports) {
      if (imported.kind !== "dynamic-import" && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}
