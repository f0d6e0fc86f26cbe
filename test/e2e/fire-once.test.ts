import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { DisasterRecoveryRunbook } from "../../lib";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { DrAction } from "../../lib/api/status-model";
import { TerraformWorkspace, initAndApply, synthWorkspace, terraform } from "../support/terraform";
import { apply, credentialsOf, resynth } from "./e2e-workspace";

// Issue #19: a failover loses the changes not yet synchronised, so it fires once per incident,
// whatever else the stack's next applies change. Each step below is a real `terraform apply`
// against the emulator, which counts what it accepted.
const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
const DR_ID = "44444444-0000-4000-8000-000000000019";
const PRIMARY = "aaaaaaaa-0000-4000-8000-000000000019";
const STANDBY = "bbbbbbbb-0000-4000-8000-000000000019";

/** What a platform team edits between applies. */
interface RunbookVersion {
  /** How the stack reaches the service. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly switchoverRevision?: string;
  /** The incident the failover is armed for; undefined keeps it declared but disarmed. */
  readonly incident?: string;
  readonly failoverPrimary?: string;
  readonly timeout?: string;
}

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({
    transitionMs: 200,
    seed: {
      projectId: PROJECT_ID,
      accessKey: "FIREONCEACCESSKEY001",
      secretKey: "fire-once-secret-key-0123456789abcdefghij",
      tasks: [
        { id: DR_ID, status: "unstart", primaryClusterId: PRIMARY, standbyClusterId: STANDBY },
      ],
    },
  });
});

afterEach(async () => {
  await emulator?.stop();
});

/** The runbook of the issue: start, switch over after a release, fail back over in an incident. */
function incidentRunbook(version: RunbookVersion): (stack: TerraformStack) => void {
  return (stack) => {
    const runbook = new DisasterRecoveryRunbook(stack, "dr", {
      projectId: PROJECT_ID,
      disasterRecoveryId: DR_ID,
      ...(version.region ? { region: version.region } : { endpoint: version.endpoint }),
    });
    const steps = { pollInterval: "1s", timeout: version.timeout ?? "2m" };
    runbook.start("start", steps);
    runbook.switchover("after-release", {
      ...steps,
      primaryClusterId: STANDBY,
      revision: version.switchoverRevision,
    });
    runbook.failover("incident", {
      ...steps,
      primaryClusterId: version.failoverPrimary ?? PRIMARY,
      acknowledgeDataLoss: true,
      revision: version.incident,
    });
  };
}

const accepted = (action: DrAction): number =>
  emulator.actionRequests(action, DR_ID).filter((r) => r.responseStatus === 200).length;

const acceptedActions = () => ({
  start: accepted("start"),
  switchover: accepted("switchover"),
  failover: accepted("failover"),
});

const localhostEndpoint = () => emulator.endpoint.replace("127.0.0.1", "localhost");

async function expectApplied(workspace: TerraformWorkspace, first = false): Promise<string> {
  const env = credentialsOf(emulator);
  const run = first ? await initAndApply(workspace, env) : await apply(workspace, env);
  expect({ code: run.code, tail: run.output.slice(-3000) }).toMatchObject({ code: 0 });
  return run.output;
}

/** `terraform plan -detailed-exitcode` (0: no changes, 2: changes) and what it printed. */
function plan(workspace: TerraformWorkspace): Promise<{ code: number; output: string }> {
  return terraform(
    workspace,
    ["plan", "-detailed-exitcode", "-input=false"],
    credentialsOf(emulator),
  );
}

async function withWorkspace(
  first: RunbookVersion,
  body: (workspace: TerraformWorkspace) => Promise<void>,
): Promise<void> {
  const workspace = synthWorkspace("fire-once", incidentRunbook(first));
  try {
    await body(workspace);
  } finally {
    workspace.remove();
  }
}

it("a new revision on an earlier step re-runs that step, not the failover after it", async () => {
  await withWorkspace(
    { endpoint: emulator.endpoint, switchoverRevision: "release-1", incident: "INC-1" },
    async (workspace) => {
      // GIVEN the runbook applied once: started, switched over, failed back over for INC-1
      await expectApplied(workspace, true);
      expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 1 });
      expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(PRIMARY);

      // WHEN the switchover gets a new revision (switching over again after the incident)
      resynth(
        workspace,
        incidentRunbook({
          endpoint: emulator.endpoint,
          switchoverRevision: "release-2",
          incident: "INC-1",
        }),
      );
      const output = await expectApplied(workspace);

      // THEN the switchover ran again; the failover for INC-1 was not fired a second time
      expect(output).toMatch(/1 added, 1 changed, 1 destroyed/);
      expect(acceptedActions()).toEqual({ start: 1, switchover: 2, failover: 1 });
      expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);
    },
  );
});

it("rewriting the endpoint, the region or a setting re-runs nothing and sends nothing", async () => {
  await withWorkspace({ endpoint: emulator.endpoint, incident: "INC-1" }, async (workspace) => {
    // GIVEN the runbook applied once
    await expectApplied(workspace, true);
    expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 1 });
    const requestsBefore = emulator.requests.length;

    // WHEN the same service is named another way, a region is given instead, the timeout changes
    for (const version of [
      { endpoint: localhostEndpoint(), incident: "INC-1" },
      { region: "cn-north-4", incident: "INC-1" },
      { endpoint: localhostEndpoint(), incident: "INC-1", timeout: "45m" },
    ]) {
      resynth(workspace, incidentRunbook(version));
      const planned = await plan(workspace);

      // THEN Terraform plans no change at all
      expect({ version, code: planned.code, output: planned.output.slice(-2000) }).toMatchObject({
        code: 0,
      });
    }
    // ... and an apply of the last version sends no request of any kind
    expect(await expectApplied(workspace)).toMatch(/0 added, 0 changed, 0 destroyed/);
    expect(emulator.requests.length).toBe(requestsBefore);
  });
});

it("a failover declared without an incident is disarmed; arming it fires it once", async () => {
  await withWorkspace({ endpoint: emulator.endpoint }, async (workspace) => {
    // GIVEN the runbook with its failover declared but not armed
    const planned = await terraform(workspace, ["init", "-input=false"], credentialsOf(emulator));
    expect(planned.code).toBe(0);
    const firstPlan = await plan(workspace);
    expect(firstPlan.output).toMatch(/\+ disarmed\s+= "true"/);

    // WHEN it is applied
    await expectApplied(workspace);

    // THEN the failover is in the state, and nothing was sent for it
    expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 0 });
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);

    // WHEN it is armed for INC-1 and applied, then applied again
    resynth(workspace, incidentRunbook({ endpoint: emulator.endpoint, incident: "INC-1" }));
    await expectApplied(workspace);
    await expectApplied(workspace);

    // THEN it fired once
    expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 1 });
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(PRIMARY);

    // WHEN its target cluster is changed without a new incident
    resynth(
      workspace,
      incidentRunbook({ endpoint: emulator.endpoint, incident: "INC-1", failoverPrimary: STANDBY }),
    );

    // THEN nothing is planned: only a new revision fires a data-losing action again
    expect((await plan(workspace)).code).toBe(0);

    // WHEN a new incident is declared
    resynth(
      workspace,
      incidentRunbook({ endpoint: emulator.endpoint, incident: "INC-2", failoverPrimary: STANDBY }),
    );
    await expectApplied(workspace);

    // THEN it fires for that incident
    expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 2 });
    expect(emulator.getTask(DR_ID)?.primaryCluster.id).toBe(STANDBY);
  });
});

/**
 * Rewrites the stack's JSON into the shape release 0.2.0 synthesized: no run triggers, no
 * lifecycle, the target and revision in `triggers_replace`, and a runbook step's revision
 * chained to the previous step's run id.
 */
function asSynthesizedBy020(workspace: TerraformWorkspace): void {
  const file = join(workspace.stackDir, "cdk.tf.json");
  const config = JSON.parse(readFileSync(file, "utf8"));
  const resources: Record<string, Record<string, unknown>> = config.resource.terraform_data;
  // An action's run trigger is the first resource its replace_triggered_by names.
  const triggerOf = (name: string) => {
    const { lifecycle } = resources[name] as { lifecycle: { replace_triggered_by: string[] } };
    const trigger = lifecycle.replace_triggered_by[0].replace("terraform_data.", "");
    return resources[trigger] as { input: Record<string, string> };
  };
  // The runbook's steps in the order they run.
  const steps = ["start", "switchover", "failover"].map(
    (action) =>
      Object.keys(resources).find((key) =>
        new RegExp(`_${action}_[0-9A-F]{8}$`).test(key),
      ) as string,
  );
  let previous: string | undefined;
  for (const name of steps) {
    const body = resources[name] as {
      input: Record<string, string>;
      triggers_replace?: Record<string, string>;
      lifecycle?: unknown;
    };
    const target = { ...body.input };
    delete target.action;
    const ownRevision = triggerOf(name).input.revision;
    // 0.2.0 chained every step but a recovery to the previous step's run id.
    const revision = previous
      ? `${ownRevision}+after:\${terraform_data.${previous}.id}`
      : ownRevision;
    body.triggers_replace = { ...target, revision };
    delete body.lifecycle;
    previous = name;
  }
  for (const name of Object.keys(resources).filter((key) => key.includes("_run-trigger_"))) {
    delete resources[name];
  }
  writeFileSync(file, JSON.stringify(config, null, 2));
}

it("upgrading a stack applied by 0.2.0 runs no action again, not even its failover", async () => {
  await withWorkspace(
    { endpoint: emulator.endpoint, switchoverRevision: "release-1", incident: "INC-1" },
    async (workspace) => {
      // GIVEN the runbook as 0.2.0 synthesized it (steps declared in run order), applied
      asSynthesizedBy020(workspace);
      await expectApplied(workspace, true);
      expect(acceptedActions()).toEqual({ start: 1, switchover: 1, failover: 1 });
      const requestsBefore = emulator.requests.length;

      // WHEN the same stack is synthesized by this release and applied
      resynth(
        workspace,
        incidentRunbook({
          endpoint: emulator.endpoint,
          switchoverRevision: "release-1",
          incident: "INC-1",
        }),
      );
      const output = await expectApplied(workspace);

      // THEN only the run triggers were created: no action was replaced, nothing was sent
      expect(output).toMatch(/3 added, 0 changed, 0 destroyed/);
      expect(emulator.requests.length).toBe(requestsBefore);
    },
  );
});
