import { existsSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { RunningEmulator } from "../../lib/emulator";
import { waitFor } from "../support/emulator";
import { TerraformWorkspace, startTerraform, terraform } from "../support/terraform";
import { credentialsOf, slowStartStack } from "./e2e-workspace";

// Issue #19: a SIGINT to the `terraform` process alone (a pipeline's timeout, a supervisor) makes
// Terraform kill the local-exec shell and exit, orphaning the runtime the shell started. The
// runtime must notice, stop without sending anything new, and leave its report where the next
// run finds it.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  ({ emulator, workspace } = await slowStartStack("dr-orphan", DR_ID, 8000));
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

/** The pids of runtime processes working in this workspace's stack directory. */
function runtimesInStack(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // The node process itself, not the local-exec shell that started it.
        const [program, script] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return (
          /(^|\/)node$/.test(program) &&
          script?.endsWith("dws-dr.cjs") &&
          readlinkSync(`/proc/${pid}/cwd`) === workspace.stackDir
        );
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

it("a runtime orphaned by a stopped terraform stops at once, sends nothing more, and its report reaches the next run", async () => {
  const init = await terraform(workspace, ["init", "-input=false"], credentialsOf(emulator));
  expect(init.code).toBe(0);

  // GIVEN an apply whose start was sent and is being waited for
  const apply = startTerraform(
    workspace,
    ["apply", "-auto-approve", "-input=false"],
    credentialsOf(emulator),
  );
  await waitFor(
    () => /unstart -> starting/.test(apply.output()),
    "the runtime to wait for running",
    60_000,
  );
  expect(runtimesInStack()).toHaveLength(1);

  // WHEN only the terraform process gets SIGINT
  process.kill(apply.pid, "SIGINT");
  const stopped = await apply.finished;
  expect(stopped.code).not.toBe(0);

  // THEN the runtime does not outlive it by more than a moment, and sent nothing more
  await waitFor(() => runtimesInStack().length === 0, "the orphaned runtime to stop", 5_000);
  expect(emulator.actionRequests("start")).toHaveLength(1);

  // ... and its report, which no pipe carried any more, is kept beside the stack
  const reportPath = join(workspace.stackDir, `dws-dr-interrupted-${DR_ID}.log`);
  expect(readFileSync(reportPath, "utf8")).toMatch(
    /start of DR .* interrupted by the end of its parent process \(Terraform stopped\) waiting for "running"; the start request was accepted by the service/,
  );

  // WHEN the apply runs again
  const again = await terraform(
    workspace,
    ["apply", "-auto-approve", "-input=false"],
    credentialsOf(emulator),
  );

  // THEN it shows what the stopped run reported, converges without a second start, and the
  // report is consumed
  expect({ code: again.code, tail: again.output.slice(-2000) }).toMatchObject({ code: 0 });
  expect(again.output).toMatch(
    /the previous run for this DR here lost its Terraform run; it reported: dws-dr: error: start of DR .* interrupted by the end of its parent process/,
  );
  expect(emulator.actionRequests("start")).toHaveLength(1);
  expect(existsSync(reportPath)).toBe(false);
});
