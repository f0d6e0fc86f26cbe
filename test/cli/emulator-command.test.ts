import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../lib/emulator";
import { RUNTIME_BUNDLE, runDwsDr } from "../support/cli";

interface ReadyLine {
  endpoint: string;
  projectId: string;
  disasterRecoveryIds: string[];
  accessKey: string;
  secretKey: string;
}

/** Starts `dws-dr emulator <args>` and resolves with the process and its parsed ready line. */
function startEmulatorProcess(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; ready: ReadyLine }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNTIME_BUNDLE, "emulator", ...args]);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline >= 0) resolve({ child, ready: JSON.parse(stdout.slice(0, newline)) });
    });
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`emulator exited ${code}: ${stderr}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

describe("dws-dr emulator", () => {
  it("prints its ready line, serves the DR API with its demo account, and stops on SIGTERM", async () => {
    // GIVEN an emulator process on a free port
    const { child, ready } = await startEmulatorProcess(["--port", "0"]);
    expect(ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.disasterRecoveryIds).toContain("e59d6b86-9072-46eb-a996-13f8b44994c1");

    // WHEN the CLI uses what the ready line says
    const status = await runDwsDr(["status", "--json"], {
      HUAWEICLOUD_SDK_AK: ready.accessKey,
      HUAWEICLOUD_SDK_SK: ready.secretKey,
      DWS_DR_PROJECT_ID: ready.projectId,
      DWS_DR_ENDPOINT: ready.endpoint,
    });

    // THEN the emulator answered, and it exits 0 when told to stop
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).disasterRecoveries).toHaveLength(
      ready.disasterRecoveryIds.length,
    );
    const closed = exitCode(child);
    child.kill("SIGTERM");
    expect(await closed).toBe(0);
  });

  it("serves the account and tasks of a --seed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dws-dr-seed-"));
    const seedFile = join(dir, "seed.json");
    writeFileSync(
      seedFile,
      JSON.stringify({
        projectId: "0123456789abcdef0123456789abcdef",
        accessKey: "AKSEEDFILE0000000000",
        secretKey: "seed-file-secret",
        tasks: [{ id: "11111111-2222-4333-8444-555555555555", status: "stopped" }],
      }),
    );
    const { child, ready } = await startEmulatorProcess(["--seed", seedFile]);
    const closed = exitCode(child);
    child.kill("SIGINT");
    await closed;
    rmSync(dir, { recursive: true, force: true });

    expect(ready).toMatchObject({
      projectId: "0123456789abcdef0123456789abcdef",
      accessKey: "AKSEEDFILE0000000000",
      disasterRecoveryIds: ["11111111-2222-4333-8444-555555555555"],
    });
  });

  it("exits 2 naming the field when the seed file is invalid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dws-dr-seed-"));
    const seedFile = join(dir, "seed.json");
    writeFileSync(seedFile, JSON.stringify({ projectId: "nope", tasks: [] }));
    const run = await runDwsDr(["emulator", "--seed", seedFile], {});
    rmSync(dir, { recursive: true, force: true });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/seed file .*projectId/);
  });

  it("serves the fixed project id and key pair of its flags, so a demo can export them once", async () => {
    // GIVEN
    const { child, ready } = await startEmulatorProcess([
      "--port",
      "0",
      "--project-id",
      "0123456789abcdef0123456789abcdef",
      "--access-key",
      "DEMOACCESSKEY",
      "--secret-key",
      "demo-secret-key",
    ]);

    // WHEN the CLI signs with exactly those values
    const status = await runDwsDr(["status", "--json"], {
      HUAWEICLOUD_SDK_AK: "DEMOACCESSKEY",
      HUAWEICLOUD_SDK_SK: "demo-secret-key",
      DWS_DR_PROJECT_ID: "0123456789abcdef0123456789abcdef",
      DWS_DR_ENDPOINT: ready.endpoint,
    });
    const closed = exitCode(child);
    child.kill("SIGTERM");
    await closed;

    // THEN
    expect(ready).toMatchObject({
      projectId: "0123456789abcdef0123456789abcdef",
      accessKey: "DEMOACCESSKEY",
      secretKey: "demo-secret-key",
    });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).disasterRecoveries).toHaveLength(4);
  });

  it("lets --transition slow the DR's moves down, so a wait can be watched and interrupted", async () => {
    // GIVEN an emulator whose transitions take 3s
    const { child, ready } = await startEmulatorProcess(["--port", "0", "--transition", "3s"]);
    const env = {
      HUAWEICLOUD_SDK_AK: ready.accessKey,
      HUAWEICLOUD_SDK_SK: ready.secretKey,
      DWS_DR_PROJECT_ID: ready.projectId,
      DWS_DR_ENDPOINT: ready.endpoint,
      DWS_DR_DISASTER_RECOVERY_ID: "e59d6b86-9072-46eb-a996-13f8b44994c1",
    };

    // WHEN a start is sent without waiting, and the status read at once
    const start = await runDwsDr(["start", "--no-wait"], env);
    const sentAt = Date.now();
    const soon = await runDwsDr(["status", "--json"], env);
    const soonAt = Date.now();
    const closed = exitCode(child);
    child.kill("SIGTERM");
    await closed;

    // THEN the DR is still starting well after the default 1.5s would have ended it
    expect(start.code).toBe(0);
    expect(soonAt - sentAt).toBeLessThan(2_500);
    expect(JSON.parse(soon.stdout).disasterRecovery.status).toBe("starting");
  });

  it("exits 2 on a busy port, naming the port and suggesting --port 0", async () => {
    // GIVEN something already listening on a port
    const occupant = await startEmulator();
    const port = new URL(occupant.endpoint).port;

    // WHEN
    const run = await runDwsDr(["emulator", "--port", port], {});
    await occupant.stop();

    // THEN
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain("--port 0");
    expect(run.stderr).not.toMatch(/EADDRINUSE/);
  });

  it.each([
    [["emulator", "--access-key", "DEMOACCESSKEY"], /only one given/],
    [["emulator", "--transition", "5"], /transition: "5" has no unit/],
    [["emulator", "--project-id", "nope"], /projectId: .*32 lower-case hex/],
    [["emulator", "--access-key", "not a key!", "--secret-key", "x"], /accessKey/],
  ])("refuses bad flags with exit 2: %j", async (args, message) => {
    const run = await runDwsDr(args, {});

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe("the emulator's demo-key flags on other commands", () => {
  it.each(["start", "status"])(
    "%s refuses --access-key/--secret-key: an action's credentials come from the environment only",
    async (command) => {
      const run = await runDwsDr(
        [command, "--access-key", "AK", "--secret-key", "SK", "--dry-run"],
        { DWS_DR_PROJECT_ID: "89cd04f168b84af6be287f71730fdb4b" },
      );

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--access-key: only `dws-dr emulator` takes it/);
      expect(run.stdout).toBe("");
    },
  );
});

describe("dws-dr emulator off loopback (issue 22)", () => {
  // A non-loopback address of this machine; the emulator listens there only for a moment.
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;

  /** Starts the emulator with `host`, waits for its ready line, stops it; returns its stderr. */
  async function stderrOfEmulatorOn(host: string): Promise<string> {
    const child = spawn(process.execPath, [RUNTIME_BUNDLE, "emulator", "--host", host]);
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.includes("\n") && resolve());
      child.on("close", (code) => reject(new Error(`emulator exited ${code}: ${stderr}`)));
    });
    const closed = exitCode(child);
    child.kill("SIGTERM");
    await closed; // stderr is complete once the process closed
    return stderr;
  }

  (outside === undefined ? it.skip : it)(
    "warns, naming the address, that the emulator is for local use",
    async () => {
      const stderr = await stderrOfEmulatorOn(outside as string);

      expect(stderr).toContain(
        `dws-dr emulator: warning: listening on "${outside}", which is not loopback: the emulator is for local use`,
      );
    },
  );

  it("says nothing on loopback", async () => {
    expect(await stderrOfEmulatorOn("127.0.0.1")).toBe("");
  });
});
