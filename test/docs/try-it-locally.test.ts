import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CDKTF_APP_COMPILER_OPTIONS,
  REPO_ROOT,
  installApp,
  packTarball,
  tempDir,
  writeFiles,
} from "../package/packed-app";
import { replaceOnce } from "../package/readme-snippets";
import { waitFor } from "../support/emulator";
import { freePort } from "../support/loopback";
import { ProcessRun, RunningProcess, runProcess, startProcess } from "../support/process";
import { extractBlocks, sectionOf, shellCommands } from "./doc-snippets";

// README.md's "Try it locally", done as a user would: the packed package in a fresh cdktf app,
// every command of the section run as written, in order, in a shell. The one change: the
// emulator's fixed port 8787 becomes a free one, so the test cannot meet a port already taken.
const SECTION = sectionOf(readFileSync(join(REPO_ROOT, "README.md"), "utf8"), "## Try it locally");
const README_PORT = "8787";

let work: ReturnType<typeof tempDir>;
let app: string;
let port: string;
let emulator: RunningProcess | undefined;
// The environment of the user's second terminal: their own, plus what they exported.
let shellEnv: NodeJS.ProcessEnv;

/** The section's ```sh blocks, each as its commands, with the test's port in place of 8787. */
function shellBlocks(): string[][] {
  return extractBlocks("README.md", SECTION, ["sh"]).map((block) =>
    shellCommands(block.code).map((command) => command.replaceAll(README_PORT, port)),
  );
}

/** The section's ```text blocks: the output it shows. */
function shownOutput(): string[] {
  return extractBlocks("README.md", SECTION, ["text"]).map((block) => block.code);
}

/** Runs one command as the user's shell would: `export` changes the shell's environment. */
async function type(command: string): Promise<ProcessRun> {
  const exported = /^export\s+(.*)$/.exec(command);
  if (exported) {
    for (const [, name, value] of exported[1].matchAll(/(\w+)=(\S+)/g)) shellEnv[name] = value;
    return { code: 0, stdout: "", stderr: "", output: "" };
  }
  return runProcess("bash", ["-c", command], { cwd: app, env: shellEnv });
}

/** Runs `command`, failing with its output unless it exits 0. */
async function typeOk(command: string): Promise<ProcessRun> {
  const run = await type(command);
  if (run.code !== 0) throw new Error(`\`${command}\` exited ${run.code}:\n${run.output}`);
  return run;
}

/**
 * A README output line as it can be compared: the DR id written out where the README shortens it,
 * and without the timings, which differ on every run.
 */
function comparable(line: string): string {
  return (
    line
      // eslint-disable-next-line no-control-regex -- Terraform colours its output, also into a pipe
      .replace(/\x1b\[[0-9;]*m/g, "")
      .replaceAll("e59d6b86-…", "e59d6b86-9072-46eb-a996-13f8b44994c1")
      .replace(/ \([\d.]+m?s\)$/, "")
      .replace(/: [\d.]+m?s of 30m$/, "")
      .trim()
  );
}

/** Fails unless every line of the README's `shown` output appears in `actual`, timings aside. */
function expectShown(shown: string, actual: string): void {
  const lines = actual.split("\n").map(comparable);
  const missing = shown
    .split("\n")
    .filter(Boolean)
    .map(comparable)
    .filter((want) => !lines.some((line) => line.includes(want)));
  // What was printed instead, so that a failure says how the output differed.
  expect({ missing, printed: missing.length > 0 ? lines : [] }).toEqual({
    missing: [],
    printed: [],
  });
}

beforeAll(async () => {
  work = tempDir("dws-dr-try-it-");
  const tarball = await packTarball(work.path);
  const typescript = JSON.parse(
    readFileSync(join(REPO_ROOT, "node_modules/typescript/package.json"), "utf8"),
  ).version;
  app = await installApp(work.path, "my-dr-app", tarball, [
    "cdktf@0.21.0",
    "constructs@10.7.2",
    `typescript@${typescript}`,
  ]);
  // What `cdktf init --template=typescript` leaves, as far as these commands need it.
  writeFiles(app, {
    "tsconfig.json": JSON.stringify({
      compilerOptions: CDKTF_APP_COMPILER_OPTIONS,
      include: ["main.ts"],
    }),
  });
  port = String(await freePort());
  shellEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(HUAWEICLOUD_SDK_|HW_|DWS_DR_)/.test(name)),
    ),
    CHECKPOINT_DISABLE: "1",
    npm_config_offline: "true", // npx finds everything in the app; it must not ask a registry
    NO_PROXY: "127.0.0.1,localhost",
  };
}, 300_000);

afterAll(async () => {
  if (emulator) {
    process.kill(-emulator.pid, "SIGTERM");
    await emulator.finished;
  }
  work?.remove();
});

test("the section has the steps this test walks through", () => {
  const blocks = shellBlocks();
  expect(blocks.map((commands) => commands.length)).toEqual([1, 2, 3, 2, 1]);
  expect(blocks[0][0]).toMatch(/^npx dws-dr emulator /);
  expect(extractBlocks("README.md", SECTION, ["ts"])).toHaveLength(1);
  expect(shownOutput()).toHaveLength(4);
});

test("every command of README's Try it locally works as the README says", async () => {
  const [emulatorBlock, shellBlock, deployBlock, interruptBlock, rerunBlock] = shellBlocks();
  const [statusShown, switchoverShown, interruptShown, rerunShown] = shownOutput();

  // 1. the emulator, in a terminal (a process group) of its own
  emulator = startProcess("bash", ["-c", `exec ${emulatorBlock[0]}`], {
    cwd: app,
    env: shellEnv,
    detached: true,
  });
  await waitFor(() => emulator!.output().includes("\n"), "the emulator's ready line", 60_000);
  const ready = JSON.parse(emulator.output().split("\n")[0]);
  expect(ready).toMatchObject({
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: "DEMOACCESSKEY",
    secretKey: "demo-secret-key",
  });

  // 2. the keys exported, the DR looked at: the clusters are those the README shows
  await typeOk(shellBlock[0]);
  const status = await typeOk(shellBlock[1]);
  expect(status.stdout.split("\n").slice(0, 3).join("\n") + "\n").toBe(statusShown);
  const [primary, standby] = [...statusShown.matchAll(/: ([0-9a-f-]{36}) /g)].map((m) => m[1]);

  // 3. the stack, pointed at the emulator
  const main = replaceOnce(extractBlocks("README.md", SECTION, ["ts"])[0].code, README_PORT, port);
  expect(main).toContain(`primaryClusterId: "${standby}"`);
  writeFiles(app, { "main.ts": main });

  // 4. deploy, and watch the switchover wait for the roles to swap
  const runs: ProcessRun[] = [];
  for (const command of deployBlock) runs.push(await typeOk(command));
  expectShown(switchoverShown, runs[2].output);
  expect(await primaryNow()).toBe(standby);

  // 5. switch back, and interrupt the apply as a terminal's Ctrl-C does, while it waits
  writeFiles(app, {
    "main.ts": replaceOnce(
      main,
      `primaryClusterId: "${standby}"`,
      `primaryClusterId: "${primary}"`,
    ),
  });
  expect(SECTION).toMatch(
    new RegExp(`Switch back: set \`primaryClusterId\` to the other cluster,\\s+\`${primary}\``),
  );
  await typeOk(interruptBlock[0]);
  const apply = startProcess("bash", ["-c", `exec ${interruptBlock[1]}`], {
    cwd: app,
    env: shellEnv,
    detached: true,
  });
  await waitFor(
    () => apply.output().includes("running -> switchovering"),
    "the switchover to be under way",
    90_000,
  );
  process.kill(-apply.pid, "SIGINT");
  const interrupted = await apply.finished;
  expect(interrupted.code).not.toBe(0);
  expectShown(interruptShown, interrupted.output);

  // 6. re-run: it waits for the switchover under way and sends none
  const rerun = await typeOk(rerunBlock[0]);
  expectShown(rerunShown, rerun.output);
  expect(rerun.output).not.toMatch(/sending switchover/);
  expect(await primaryNow()).toBe(primary);
}, 300_000);

/** The primary cluster, as `dws-dr status --json` in the user's shell reads it. */
async function primaryNow(): Promise<string> {
  const run = await typeOk(
    `npx dws-dr status --json --endpoint http://127.0.0.1:${port} ` +
      "--project-id 89cd04f168b84af6be287f71730fdb4b " +
      "--disaster-recovery-id e59d6b86-9072-46eb-a996-13f8b44994c1",
  );
  return JSON.parse(run.stdout).disasterRecovery.primary_cluster.id;
}
