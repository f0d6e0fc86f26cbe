import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { RUNTIME_BUNDLE, runtimeEnv } from "../support/cli";
import { waitFor } from "../support/emulator";
import { startProcess } from "../support/process";

// Issue #19: Ctrl-C on `cdktf deploy` ends its UI with "AbortError: The operation was aborted",
// and the runtime's stderr (piped to Terraform) is never shown. An interrupted runtime whose
// stderr is not the terminal also writes its report to the controlling terminal.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let scratch: string;

beforeEach(async () => {
  emulator = await startEmulator({ transitionMs: 8000 });
  scratch = mkdtempSync(join(tmpdir(), "dws-dr-tty-"));
});

afterEach(async () => {
  await emulator.stop();
  rmSync(scratch, { recursive: true, force: true });
});

it("an interrupted run whose stderr is piped away writes its report to the terminal", async () => {
  // GIVEN a start run on a terminal (script(1) gives it one) with stderr sent elsewhere, as under
  // cdktf deploy, waiting for a slow start
  const pidFile = join(scratch, "pid");
  const command =
    `echo $$ > ${pidFile}; ` +
    `exec "${process.execPath}" "${RUNTIME_BUNDLE}" start --poll-interval 200ms 2>/dev/null`;
  const terminal = startProcess("script", ["-qefc", command, "/dev/null"], {
    env: { PATH: process.env.PATH ?? "", ...runtimeEnv(emulator, DR_ID) },
  });
  await waitFor(
    () => emulator.getTask(DR_ID)?.status === "starting",
    "the start to be accepted",
    20_000,
  );

  // WHEN it is interrupted
  process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGINT");
  const run = await terminal.finished;

  // THEN the terminal shows what was sent, though stderr went nowhere
  expect(run.stdout).toMatch(
    /interrupted by SIGINT waiting for "running"; the start request was accepted by the service/,
  );
  expect(emulator.actionRequests("start")).toHaveLength(1);
});
