import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { runProcess } from "../support/process";
import { Flavour, ROOT, pythonEnv } from "./jsii-packages";
import {
  DR_ID,
  PRODUCTION,
  PROJECT_ID,
  STANDBY,
  typescriptBadProjectId,
  typescriptRefusal,
  applyAppStack,
  expectProductionPrimaryAgain,
  appEnv,
} from "./runbook-app";

// A Python platform team's app, as the README's "Use it from Python" shows it
// (examples/python/main.py): the wheel jsii-pacmak builds from this repository, installed with
// the framework from PyPI into a virtualenv, synthesized with `python main.py`, applied by real
// Terraform against the emulator. The cdktn app is the same file with its imports renamed.
const APP = readFileSync(join(ROOT, "examples/python/main.py"), "utf8");

/** The app of `flavour`: cdktn's imports its framework and its own package. */
function appSource(flavour: Flavour): string {
  if (flavour === "cdktf") return APP;
  const renamed = APP.replace(
    /^from cdktf(_dws_disaster_recovery)? import/gm,
    "from cdktn$1 import",
  );
  expect(renamed).not.toMatch(/\bcdktf/);
  return renamed;
}

/** A Python app using the enums, and a bad value caught and printed. */
function enumsApp(flavour: Flavour): string {
  const kind = flavour === "cdktf" ? "NULL_RESOURCE" : "TERRAFORM_DATA";
  return `from ${flavour} import App, TerraformStack
from ${flavour}_dws_disaster_recovery import DisasterRecoveryStart, OnDestroy, ResourceKind

app = App()
stack = TerraformStack(app, "dr")
DisasterRecoveryStart(
    stack,
    "start",
    project_id="${PROJECT_ID}",
    disaster_recovery_id="${DR_ID}",
    region="cn-north-4",
    resource_kind=ResourceKind.${kind},
    on_destroy=OnDestroy.PAUSE,
)
try:
    DisasterRecoveryStart(
        stack, "bad", project_id="abc", disaster_recovery_id="${DR_ID}", region="cn-north-4"
    )
except RuntimeError as error:
    print(f"refused: {error}")
app.synth()
`;
}

describe.each<Flavour>(["cdktf", "cdktn"])("a Python %s app", (flavour) => {
  let python: string;
  let emulator: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    python = await pythonEnv(flavour); // slow the first time: jsii-pacmak, then pip
    emulator = await startEmulator({
      transitionMs: 400,
      seed: {
        projectId: PROJECT_ID,
        accessKey: "PYTHONAPPACCESSKEY01",
        secretKey: "python-app-secret-key-0123456789abcdefgh",
        tasks: [
          { id: DR_ID, status: "unstart", primaryClusterId: PRODUCTION, standbyClusterId: STANDBY },
        ],
      },
    });
    work = mkdtempSync(join(tmpdir(), `dws-dr-python-${flavour}-`));
  }, 900_000);

  afterAll(async () => {
    await emulator?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** `python main.py` in a folder of its own, with the app's settings in its environment. */
  function synth(dir: string, source: string) {
    writeFileSync(join(dir, "main.py"), source);
    return runProcess(python, ["main.py"], {
      cwd: dir,
      env: appEnv(emulator),
    });
  }

  test("synthesizes with python main.py, and terraform apply starts the DR, switches over and fails over", async () => {
    // given
    const synthesized = await synth(work, appSource(flavour));
    expect(synthesized).toMatchObject({ code: 0 });
    // when
    const applied = await applyAppStack(work, emulator);

    // then: each action was sent once, in the runbook's order, and each outcome held
    expect(applied.code).toBe(0);
    const accepted = emulator.requests
      .filter((r) => r.disasterRecoveryId === DR_ID && r.action && r.responseStatus === 200)
      .map((r) => r.action);
    expect(accepted).toEqual(["start", "switchover", "failover"]);
    expectProductionPrimaryAgain(emulator);
    const switched = emulator.requests.filter((r) => r.action === "switchover" && r.applied);
    expect(switched).toHaveLength(1);
  }, 300_000);

  test("raises a Python exception at synth, with TypeScript's message, when the failover is not acknowledged", async () => {
    // given
    const dir = mkdtempSync(join(work, "no-ack-"));
    const source = appSource(flavour).replace(/^ +acknowledge_data_loss=True,\n/m, "");
    expect(source).not.toContain("acknowledge_data_loss");

    // when
    const synthesized = await synth(dir, source);

    // then
    expect(synthesized.code).not.toBe(0);
    expect(synthesized.stderr).toContain("Traceback");
    // jsii raises a JavaScript error as Python's RuntimeError, its message as TypeScript's.
    // (the synth checks throw a ValidationError, as cdktf's own do)
    expect(synthesized.stderr).toContain(
      `\nRuntimeError: ValidationError: ${typescriptRefusal()}\n`,
    );
  }, 120_000);

  test("takes the enums as Python enums, and reports a bad value with TypeScript's message", async () => {
    // given
    const dir = mkdtempSync(join(work, "enums-"));

    // when
    const synthesized = await synth(dir, enumsApp(flavour));

    // then
    expect(synthesized.code).toBe(0);
    expect(synthesized.stdout).toContain(`refused: ${typescriptBadProjectId()}\n`);
    const stack = JSON.parse(
      readFileSync(join(dir, "cdktf.out", "stacks", "dr", "cdk.tf.json"), "utf8"),
    );
    const type = flavour === "cdktf" ? "null_resource" : "terraform_data";
    const [resource] = Object.values(stack.resource[type]) as Array<{ provisioner: unknown[] }>;
    expect(resource.provisioner).toHaveLength(2); // the start, and the pause at destroy
  }, 120_000);
});
