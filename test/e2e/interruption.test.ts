import { RunningEmulator } from "../../lib/emulator";
import { waitFor } from "../support/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, readState, startTerraform, terraform } from "../support/terraform";
import { credentialsOf, slowStartStack } from "./e2e-workspace";

// Issue 8, interruption: Ctrl-C on a `terraform apply` while the start waits for `running`, then
// the same apply again. The runtime must exit 8 saying what it knows, and the second apply must
// converge with no second start request and no tainted or lost resource.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const OUTPUT = "start-dr_disaster_recovery_id";

let emulator: RunningEmulator;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  ({ emulator, workspace } = await slowStartStack("dr-interrupt", DR_ID, 6000));
});

afterAll(async () => {
  await emulator?.stop();
  workspace?.remove();
});

const tfEnv = () => credentialsOf(emulator);

it("a terraform apply interrupted while the start waits converges on the next apply, with one start in all", async () => {
  const init = await terraform(workspace, ["init", "-input=false"], tfEnv());
  expect(init.code).toBe(0);

  // GIVEN an apply whose start was sent and is being waited for
  const apply = startTerraform(workspace, ["apply", "-auto-approve", "-input=false"], tfEnv());
  await waitFor(
    () => /unstart -> starting/.test(apply.output()),
    "the runtime to wait for running",
    60_000,
  );
  expect(emulator.getTask(DR_ID)?.status).toBe("starting");

  // WHEN it is interrupted like a Ctrl-C in a terminal: SIGINT to the whole process group
  process.kill(-apply.pid, "SIGINT");
  const interrupted = await apply.finished;

  // THEN the apply failed, and the runtime said what it knew
  expect(interrupted.code).not.toBe(0);
  expect(interrupted.output).toMatch(
    /interrupted by SIGINT waiting for "running"; the start request was accepted by the service/,
  );
  expect(emulator.actionRequests("start")).toHaveLength(1);

  // WHEN the same apply runs again
  const again = await terraform(workspace, ["apply", "-auto-approve", "-input=false"], tfEnv());

  // THEN it converged: no second start, the DR running, the resource in the state, untainted
  expect(again.code).toBe(0);
  expect(again.output).toMatch(/nothing to do, no start request sent/);
  expect(emulator.actionRequests("start")).toHaveLength(1);
  expect(emulator.getTask(DR_ID)?.status).toBe("running");
  const state = readState(workspace);
  expect(state.outputs[OUTPUT]?.value).toBe(DR_ID);
  const resources = state.resources.filter(
    (r) => r.type === "terraform_data" && !r.name.includes("_run-trigger_"),
  );
  expect(resources).toHaveLength(1);
  expect(resources[0].instances).toHaveLength(1);
  expect(resources[0].instances[0].status).toBeUndefined();

  // A third apply has nothing left to do.
  const plan = await terraform(workspace, ["plan", "-detailed-exitcode", "-input=false"], tfEnv());
  expect(plan.code).toBe(0);

  expectNoSecrets(
    [
      ...fileArtefacts(workspace.outdir),
      ...workspace.log.map((text, i) => ({ name: `terraform log ${i}`, text })),
      { name: "interrupted apply", text: interrupted.output },
    ],
    accountSecrets(emulator),
  );
});
