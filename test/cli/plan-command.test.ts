import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataResource, TerraformStack, Token } from "cdktf";
import {
  DisasterRecoveryFailover,
  DisasterRecoveryRunbook,
  DisasterRecoveryStart,
  ResourceKind,
} from "../../lib";
import { RequestLogEntry, RunningEmulator, startEmulator } from "../../lib/emulator";
import { CliRun, runDwsDr } from "../support/cli";
import { drPaths, sendSigned, waitFor } from "../support/emulator";
import { runProcess } from "../support/process";
import { TerraformWorkspace, initAndApply, synthWorkspace, terraform } from "../support/terraform";

// `dws-dr plan` on stacks synthesized from the real constructs, against the real emulator over
// HTTP, with real Terraform applying the same stack in between.
const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
const DR_ID = "5d0e3c1a-7b2f-4e8d-9c6a-1f2e3d4c5b6a";
const OTHER_DR_ID = "6e1f4d2b-8c3a-4f9e-8d7b-2a3b4c5d6e7f";
const INCIDENT_DR_ID = "7f2a5e3c-9d4b-4a1f-9e8c-3b4c5d6e7f80";
const PRIMARY = "aaaaaaaa-1111-4111-8111-111111111111";
const STANDBY = "bbbbbbbb-2222-4222-8222-222222222222";

let emulator: RunningEmulator;
const workspaces: TerraformWorkspace[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    transitionMs: 200,
    seed: {
      projectId: PROJECT_ID,
      accessKey: "PLANACCESSKEY0000001",
      secretKey: "plan-secret-key-0123456789abcdefghijklmn",
      tasks: [
        { id: DR_ID, status: "unstart", primaryClusterId: PRIMARY, standbyClusterId: STANDBY },
        { id: OTHER_DR_ID, status: "running" },
        {
          id: INCIDENT_DR_ID,
          status: "running",
          primaryClusterId: PRIMARY,
          standbyClusterId: STANDBY,
        },
      ],
    },
  });
});
afterAll(async () => {
  await emulator.stop();
  for (const workspace of workspaces) workspace.remove();
});

/** Credentials only: the stack itself says where the DR is. */
function credentials(): Record<string, string> {
  return { HUAWEICLOUD_SDK_AK: emulator.accessKey, HUAWEICLOUD_SDK_SK: emulator.secretKey };
}

/** Runs `dws-dr plan <args>` and returns the run with the requests the emulator got meanwhile. */
async function plan(
  args: string[],
  env: Record<string, string> = credentials(),
): Promise<{ run: CliRun; requests: RequestLogEntry[]; report: PlanJson }> {
  const before = emulator.requests.length;
  const run = await runDwsDr(["plan", ...args], env);
  const requests = emulator.requests.slice(before);
  let report = {} as PlanJson;
  if (args.includes("--json")) report = JSON.parse(run.stdout);
  return { run, requests, report };
}

interface PlanJson {
  ok: boolean;
  exitCode: number;
  resources: Array<{
    path: string;
    action: string;
    decision: string;
    reason: string;
    terraform?: string;
    ifArmed?: { decision: string };
  }>;
  drift: Array<{ kind: string; declared: string; live: string; declaredBy: string }>;
  pending: Array<{ kind: string }>;
  error?: { message: string };
}

/** Every request a plan made is a detail GET, one per DR. */
function expectOnlyDetailReads(requests: RequestLogEntry[], ids: string[]): void {
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
    ids.map((id) => `GET ${drPaths(emulator).detail(id)}`),
  );
}

/** Terraform's saved plan as `terraform show -json` prints it, written to a file. */
async function terraformPlanJson(workspace: TerraformWorkspace): Promise<string> {
  const init = await terraform(workspace, ["init", "-input=false"], credentials());
  if (init.code !== 0) throw new Error(`terraform init failed:\n${init.output}`);
  const made = await terraform(workspace, ["plan", "-input=false", "-out=tfplan"], credentials());
  if (made.code !== 0) throw new Error(`terraform plan failed:\n${made.output}`);
  const shown = await runProcess(
    "terraform",
    [`-chdir=${workspace.stackDir}`, "show", "-json", "tfplan"],
    { env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
  );
  if (shown.code !== 0) throw new Error(`terraform show failed:\n${shown.output}`);
  const file = join(workspace.outdir, "tfplan.json");
  writeFileSync(file, shown.stdout);
  return file;
}

describe("dws-dr plan: a runbook through its life", () => {
  // start, a release, a switchover to the standby; a failover back declared but disarmed.
  let workspace: TerraformWorkspace;
  beforeAll(() => {
    workspace = synthWorkspace("release", (stack: TerraformStack) => {
      const runbook = new DisasterRecoveryRunbook(stack, "dr", {
        projectId: PROJECT_ID,
        disasterRecoveryId: DR_ID,
        endpoint: emulator.endpoint,
      });
      const start = runbook.start("start", { pollInterval: "200ms" });
      const release = new DataResource(stack, "release", { input: { v: 2 }, dependsOn: [start] });
      runbook.switchover("after-release", {
        primaryClusterId: STANDBY,
        after: [release],
        pollInterval: "200ms",
      });
      runbook.failover("incident", { primaryClusterId: PRIMARY, acknowledgeDataLoss: true });
    });
    // The failover has no revision: it is declared but disarmed.
    workspaces.push(workspace);
  });

  it("on a fresh DR: the start and the switchover would send, the failover is disarmed; only one GET", async () => {
    const { run, requests, report } = await plan([workspace.stackDir, "--json"]);

    expect(run.code).toBe(0);
    expect(report.resources.map((r) => [r.path, r.decision])).toEqual([
      ["release/dr/start/start", "send"],
      ["release/dr/after-release/switchover", "send"],
      ["release/dr/incident/failover", "disarmed"],
    ]);
    // The switchover is judged on the DR as the start leaves it, not as it is now ("unstart").
    expect(report.resources[1].reason).toMatch(/^after release\/dr\/start\/start, /);
    expectOnlyDetailReads(requests, [DR_ID]);
    expect(emulator.getTask(DR_ID)?.status).toBe("unstart");
    // Without Terraform's plan every difference counts, the ones this apply would make too.
    expect(report.drift.map((d) => d.kind).sort()).toEqual(["primary", "running"]);
  });

  it("with Terraform's plan, the differences the apply makes are pending, not drift", async () => {
    const tfplan = await terraformPlanJson(workspace);
    const { run, requests, report } = await plan([
      workspace.stackDir,
      "--terraform-plan",
      tfplan,
      "--fail-on-drift",
      "--json",
    ]);

    expect(run.code).toBe(0);
    expect(report.resources.map((r) => [r.terraform, r.decision])).toEqual([
      ["create", "send"],
      ["create", "send"],
      ["create", "disarmed"],
    ]);
    expect(report.drift).toEqual([]);
    expect(report.pending.map((d) => d.kind).sort()).toEqual(["primary", "running"]);
    expectOnlyDetailReads(requests, [DR_ID]);
  });

  it("after terraform apply: nothing to do and no drift; the disarmed failover is still not sent", async () => {
    const applied = await initAndApply(workspace, credentials());
    expect(applied.code).toBe(0);
    expect(emulator.actionRequests("failover")).toEqual([]);

    const { run, requests, report } = await plan([workspace.stackDir, "--fail-on-drift", "--json"]);

    expect(run.code).toBe(0);
    expect(report.resources.map((r) => r.decision)).toEqual([
      "nothing-to-do",
      "nothing-to-do",
      "disarmed",
    ]);
    // Armed now, it would switch back to PRIMARY: the reviewer sees that before arming it.
    expect(report.resources[2].ifArmed?.decision).toBe("send");
    // The disarmed failover declares nothing: the switchover's primary is the declared one.
    expect(report.drift).toEqual([]);
    expectOnlyDetailReads(requests, [DR_ID]);
  });

  it("after a switchover by hand: drift names the declared and the live primary; --fail-on-drift exits 5", async () => {
    const switched = await sendSigned(
      emulator,
      "POST",
      drPaths(emulator).action(DR_ID, "switchover"),
    );
    expect(switched.status).toBe(200);
    await waitFor(() => {
      const task = emulator.getTask(DR_ID);
      return task?.status === "running" && task.primaryCluster.id === PRIMARY;
    }, "the manual switchover");

    const json = await plan([workspace.stackDir, "--json"]);
    expect(json.run.code).toBe(0);
    expect(json.report.drift).toEqual([
      expect.objectContaining({
        kind: "primary",
        declared: STANDBY,
        live: PRIMARY,
        declaredBy: "release/dr/after-release/switchover",
      }),
    ]);

    const failing = await plan([workspace.stackDir, "--fail-on-drift"]);
    expect(failing.run.code).toBe(5);
    expect(failing.run.stdout).toContain(
      `cluster ${PRIMARY} is primary, but the stack declares ${STANDBY}`,
    );
    expectOnlyDetailReads([...json.requests, ...failing.requests], [DR_ID, DR_ID]);

    // Terraform keeps the switchover, so its action does not run: a real drift.
    const tfplan = await terraformPlanJson(workspace);
    const withPlan = await plan([workspace.stackDir, "--terraform-plan", tfplan, "--json"]);
    expect(withPlan.report.resources.map((r) => [r.terraform, r.decision])).toEqual([
      ["no-op", "not-run"],
      ["no-op", "not-run"],
      ["no-op", "disarmed"],
    ]);
    expect(withPlan.report.drift.map((d) => d.kind)).toEqual(["primary"]);
  });

  it("prints a readable table by default", async () => {
    const { run } = await plan([workspace.stackDir]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dws-dr plan: stack "release" .*1 DR read; nothing was sent/);
    expect(run.stdout).toMatch(/#\s+step\s+action\s+DR\s+decision/);
    expect(run.stdout).toMatch(/release\/dr\/incident\/failover\s+failover\s+5d0e3c1a\s+disarmed/);
    expect(run.stdout).toContain("drift (1):");
    expect(run.stdout + run.stderr).not.toContain(emulator.secretKey);
  });

  it("after a pause by hand: the stack's start is drift too", async () => {
    const paused = await sendSigned(emulator, "POST", drPaths(emulator).action(DR_ID, "pause"));
    expect(paused.status).toBe(200);
    await waitFor(() => emulator.getTask(DR_ID)?.status === "stopped", "the manual pause");

    const { run, requests, report } = await plan([workspace.stackDir, "--fail-on-drift", "--json"]);

    expect(run.code).toBe(5);
    expect(report.drift.map((d) => [d.kind, d.declared, d.live, d.declaredBy])).toEqual([
      ["primary", STANDBY, PRIMARY, "release/dr/after-release/switchover"],
      ["running", "started", "stopped", "release/dr/start/start"],
    ]);
    // An apply that ran the steps would start the DR again, then switch it over.
    expect(report.resources.map((r) => r.decision)).toEqual(["send", "send", "disarmed"]);
    expectOnlyDetailReads(requests, [DR_ID]);
  });
});

describe("dws-dr plan: values and stacks it cannot plan", () => {
  it("a DR id known only at apply is reported as such and not read; the other DR is read once", async () => {
    const workspace = synthWorkspace("later", (stack) => {
      const task = new DataResource(stack, "dr-task", { input: { id: OTHER_DR_ID } });
      const target = { projectId: PROJECT_ID, endpoint: emulator.endpoint };
      new DisasterRecoveryStart(stack, "start-later", {
        ...target,
        disasterRecoveryId: Token.asString(task.output.lookup("id")),
      });
      const now = new DisasterRecoveryStart(stack, "start-now", {
        ...target,
        disasterRecoveryId: OTHER_DR_ID,
      });
      // Ordered after the first: two unordered actions on one DR fail synth (issue #22).
      new DisasterRecoveryStart(stack, "start-again", {
        ...target,
        disasterRecoveryId: OTHER_DR_ID,
        dependsOn: [now],
        resourceKind: ResourceKind.NULL_RESOURCE,
      });
    });
    workspaces.push(workspace);

    const { run, requests, report } = await plan([workspace.stackDir, "--json"]);

    expect(run.code).toBe(0);
    const byPath = Object.fromEntries(report.resources.map((r) => [r.path, r]));
    expect(byPath["later/start-later/start"].decision).toBe("unknown");
    expect(byPath["later/start-later/start"].reason).toMatch(
      /^known only at apply: DWS_DR_DISASTER_RECOVERY_ID=\$\{terraform_data\.dr-task\.output/,
    );
    expect(byPath["later/start-now/start"].decision).toBe("nothing-to-do");
    expect(byPath["later/start-again/start"].decision).toBe("nothing-to-do");
    expectOnlyDetailReads(requests, [OTHER_DR_ID]);
  });

  it("an armed failover whose confirmation is not the DR id would be refused, as the runtime refuses it", async () => {
    const workspace = synthWorkspace("incident", (stack) => {
      new DisasterRecoveryFailover(stack, "failover", {
        projectId: PROJECT_ID,
        disasterRecoveryId: INCIDENT_DR_ID,
        endpoint: emulator.endpoint,
        primaryClusterId: STANDBY,
        acknowledgeDataLoss: true,
        revision: "INC-4711",
      });
    });
    workspaces.push(workspace);
    const file = join(workspace.stackDir, "cdk.tf.json");
    const confirmed = await plan([workspace.stackDir, "--json"]);
    expect(confirmed.report.resources[0].decision).toBe("send");

    // Edited by hand: the runtime would refuse this at apply without sending (exit 2).
    const text = readFileSync(file, "utf8");
    writeFileSync(
      file,
      text.replace(`"DWS_DR_CONFIRM": "${INCIDENT_DR_ID}"`, '"DWS_DR_CONFIRM": ""'),
    );
    const { run, requests, report } = await plan([workspace.stackDir, "--json"]);

    expect(run.code).toBe(0);
    expect(report.resources[0].decision).toBe("refuse");
    expect(report.resources[0].reason).toContain("needs confirmation");
    expectOnlyDetailReads([...confirmed.requests, ...requests], [INCIDENT_DR_ID, INCIDENT_DR_ID]);
    expect(emulator.actionRequests("failover", INCIDENT_DR_ID)).toEqual([]);
  });

  describe("errors say what to do, and nothing is sent", () => {
    let workspace: TerraformWorkspace;
    beforeAll(() => {
      workspace = synthWorkspace("errors", (stack) => {
        new DisasterRecoveryStart(stack, "start", {
          projectId: PROJECT_ID,
          disasterRecoveryId: "00000000-0000-4000-8000-000000000000",
          endpoint: emulator.endpoint,
        });
        new DataResource(stack, "unrelated", { input: { a: 1 } });
      });
      workspaces.push(workspace);
    });

    it("an unknown option or an unreadable Terraform plan: exit 2, nothing read", async () => {
      const unknown = await plan([workspace.stackDir, "--fail-on-drfit"]);
      expect(unknown.run.code).toBe(2);
      expect(unknown.run.stderr).toContain('plan: unknown option "--fail-on-drfit"');

      const badPlan = await plan([
        workspace.stackDir,
        "--terraform-plan",
        join(workspace.stackDir, "cdk.tf.json"),
      ]);
      expect(badPlan.run.code).toBe(2);
      expect(badPlan.run.stderr).toMatch(/no resource_changes .*terraform .*show -json tfplan/);
      expect([...unknown.requests, ...badPlan.requests]).toEqual([]);
    });

    it("a missing stack directory: exit 2, naming cdktf synth", async () => {
      const { run, requests } = await plan([join(workspace.outdir, "stacks", "nope")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/stack directory ".*nope": not found\. Run `cdktf synth` first/);
      expect(requests).toEqual([]);
    });

    it("cdktf's output folder instead of a stack: exit 2, naming its stacks", async () => {
      const { run } = await plan([workspace.outdir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("give one of its stacks");
      expect(run.stderr).toContain("stacks: errors");
    });

    it("a stack without action resources: exit 2", async () => {
      const bare = synthWorkspace("bare", (stack) => {
        new DataResource(stack, "only", { input: { a: 1 } });
      });
      workspaces.push(bare);
      const { run } = await plan([bare.stackDir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/stack "bare" .* has no DR action resources/);
    });

    it("a DR the service does not know: exit 4, the table still printed, the JSON says why", async () => {
      const { run, requests, report } = await plan([workspace.stackDir, "--json"]);
      expect(run.code).toBe(4);
      expect(report.ok).toBe(false);
      expect(report.resources[0].decision).toBe("error");
      expect(run.stderr).toMatch(/dws-dr: error: .*00000000-0000-4000-8000-000000000000/);
      expect(requests.every((r) => r.method === "GET")).toBe(true);
    });

    it("no credentials: exit 2 before any request", async () => {
      const { run, requests } = await plan([workspace.stackDir], {});
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("credentials: none found in the environment");
      expect(requests).toEqual([]);
    });

    it("an endpoint the runtime would refuse (plain http to another host): exit 2, nothing read", async () => {
      const dir = mkdtempSync(join(tmpdir(), "dws-dr-plan-"));
      try {
        const text = readFileSync(join(workspace.stackDir, "cdk.tf.json"), "utf8");
        writeFileSync(
          join(dir, "cdk.tf.json"),
          text.split(emulator.endpoint).join("http://dws.example.com"),
        );
        const { run, requests } = await plan([dir]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/errors\/start\/start .*http/);
        expect(requests).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
