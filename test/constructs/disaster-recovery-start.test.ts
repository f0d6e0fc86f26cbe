import "cdktf/lib/testing/adapters/jest";
import { readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataResource, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { RUNTIME_OPTIONS } from "../../lib/api/runtime-options";
import { DisasterRecoveryStart, OnDestroy, ResourceKind } from "../../lib/constructs";
import {
  DR_ID,
  PROJECT_ID,
  START_PROPS,
  localExec,
  onlyResource,
  onlyRunTrigger,
  synthesize,
} from "./helpers";

const ENDPOINT = "https://dws.cn-north-4.myhuaweicloud.com";

describe("DisasterRecoveryStart on terraform_data (the default)", () => {
  test("creates one terraform_data whose input holds the action and its target, nothing that changes in place", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then: every input value but the action (part of the address) also replaces the resource,
    // so an input change never leaves the output unknown at plan for an in-place update
    const { body } = onlyResource(json, "terraform_data");
    expect(body.input).toEqual({
      action: "start",
      project_id: PROJECT_ID,
      disaster_recovery_id: DR_ID,
      endpoint: ENDPOINT,
      region: "",
    });
    const { action, ...target } = body.input;
    expect(action).toBe("start");
    expect(body.triggers_replace).toMatchObject(target);
  });

  test("replaces (re-runs) on target or revision changes only, never on the endpoint, timeouts or the asset hash", () => {
    // given / when
    const json = synthesize(
      (stack) => new DisasterRecoveryStart(stack, "start-dr", { ...START_PROPS, revision: 2 }),
    );

    // then: exactly these keys; no endpoint, timeout, wait or asset hash that would re-run it
    expect(onlyRunTrigger(json, "terraform_data")).toEqual({
      action: "start",
      project_id: PROJECT_ID,
      disaster_recovery_id: DR_ID,
      revision: "2",
    });
  });

  test("without a revision the trigger holds an empty revision", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    expect(onlyRunTrigger(json, "terraform_data").revision).toBe("");
  });

  test("runs the bundled runtime with a constant command, at create only, failing the apply on error", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    const exec = localExec(onlyResource(json, "terraform_data").body);
    expect(exec.command).toMatch(/^node assets\/DwsDrRuntime\/[0-9A-F]{32}\/dws-dr\.cjs start$/);
    expect(exec.command).not.toContain("${");
    for (const value of [PROJECT_ID, DR_ID, ENDPOINT, "30m", "10s"]) {
      expect(exec.command).not.toContain(value);
    }
    expect(exec).not.toHaveProperty("when");
    expect(exec).not.toHaveProperty("on_failure");
    expect(exec).not.toHaveProperty("working_dir");
  });

  test("passes every DWS_DR_* variable the runtime reads, empty meaning unset", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    const { environment } = localExec(onlyResource(json, "terraform_data").body);
    expect(Object.keys(environment).sort()).toEqual(
      Object.values(RUNTIME_OPTIONS)
        .map((option) => option.env)
        .sort(),
    );
    expect(environment).toEqual({
      DWS_DR_PROJECT_ID: PROJECT_ID,
      DWS_DR_DISASTER_RECOVERY_ID: DR_ID,
      DWS_DR_REGION: "",
      DWS_DR_ENDPOINT: ENDPOINT,
      DWS_DR_NO_WAIT: "",
      DWS_DR_TIMEOUT: "30m",
      DWS_DR_POLL_INTERVAL: "10s",
      DWS_DR_PRIMARY_CLUSTER_ID: "",
      DWS_DR_TOGGLE: "",
      DWS_DR_CONFIRM: "",
      DWS_DR_DRY_RUN: "",
      DWS_DR_JSON: "",
      DWS_DR_FROM_CONSTRUCT: "true",
    });
  });

  test("passes wait, timeout and poll interval as given, and an explicit endpoint normalised", () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", {
          projectId: PROJECT_ID,
          disasterRecoveryId: DR_ID,
          endpoint: "http://127.0.0.1:18080/",
          wait: false,
          timeout: "1h30m",
          pollInterval: "500ms",
        }),
    );

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(localExec(body).environment).toMatchObject({
      DWS_DR_ENDPOINT: "http://127.0.0.1:18080",
      DWS_DR_REGION: "",
      DWS_DR_NO_WAIT: "true",
      DWS_DR_TIMEOUT: "1h30m",
      DWS_DR_POLL_INTERVAL: "500ms",
    });
    expect(body.input).toMatchObject({ endpoint: "http://127.0.0.1:18080" });
    expect(Object.keys(body.input)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/wait|timeout|poll/)]),
    );
  });

  test("resolves a region with a documented domain exception", () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", { ...START_PROPS, region: "eu-west-101" }),
    );

    // then
    expect(localExec(onlyResource(json, "terraform_data").body).environment.DWS_DR_ENDPOINT).toBe(
      "https://dws.eu-west-101.myhuaweicloud.eu",
    );
  });

  test("is matched by cdktf's resource matcher", () => {
    // given / when
    const synthesized = Testing.synthScope(
      (stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS),
    );

    // then
    expect(synthesized).toHaveResourceWithProperties(DataResource, {
      input: expect.objectContaining({ action: "start", disaster_recovery_id: DR_ID }),
    });
  });
});

describe("ordering", () => {
  test("dependsOn renders as depends_on of the action's resource", () => {
    // given / when
    const json = synthesize((stack) => {
      const cluster = new DataResource(stack, "cluster-ready", { input: { ok: true } });
      new DisasterRecoveryStart(stack, "start-dr", { ...START_PROPS, dependsOn: [cluster] });
    });

    // then
    const start = Object.entries(json.resource.terraform_data).find(([name]) =>
      name.startsWith("start-dr_start"),
    );
    expect(start?.[1]).toMatchObject({ depends_on: ["terraform_data.cluster-ready"] });
  });

  test("a later step can depend on the construct itself", () => {
    // given / when
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "start-dr", START_PROPS);
      new DataResource(stack, "after", { input: { ok: true }, dependsOn: [start] });
    });

    // then
    const startName = Object.keys(json.resource.terraform_data).find((name) =>
      name.startsWith("start-dr_start"),
    );
    expect(json.resource.terraform_data.after.depends_on).toEqual([`terraform_data.${startName}`]);
  });

  test("referencing disasterRecoveryId reads the resource's output, known after the start ran", () => {
    // given / when
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "start-dr", START_PROPS);
      new DataResource(stack, "after", { input: { dr: start.disasterRecoveryId } });
    });

    // then
    expect(json.resource.terraform_data.after.input.dr).toMatch(
      /^\$\{terraform_data\.start-dr_start_[0-9A-F]{8}\.output\["disaster_recovery_id"\]\}$/,
    );
  });

  test("runId is the resource's own id, for chaining re-runs", () => {
    // given / when
    const json = synthesize((stack) => {
      const start = new DisasterRecoveryStart(stack, "start-dr", START_PROPS);
      new DataResource(stack, "after", { input: { run: start.runId } });
    });

    // then
    expect(json.resource.terraform_data.after.input.run).toMatch(
      /^\$\{terraform_data\.start-dr_start_[0-9A-F]{8}\.id\}$/,
    );
  });
});

describe("the DR id output", () => {
  test("is created by default, named after the construct path", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    expect(Object.keys(json.output)).toEqual(["start-dr_disaster_recovery_id"]);
    expect(json.output["start-dr_disaster_recovery_id"].value).toMatch(
      /^\$\{terraform_data\.start-dr_start_[0-9A-F]{8}\.output\["disaster_recovery_id"\]\}$/,
    );
  });

  test("replaces characters Terraform does not allow in the default name, adding a hash of the path", () => {
    // given / when
    const json = synthesize(
      (stack) => new DisasterRecoveryStart(stack, "start dr.eu", START_PROPS),
    );

    // then
    expect(Object.keys(json.output)).toEqual([
      expect.stringMatching(/^start_dr_eu_[0-9A-F]{8}_disaster_recovery_id$/),
    ]);
  });

  test("names the output after the whole path below the stack, so a platform construct can be used twice", () => {
    // given: a platform construct of one's own that owns a start
    class Platform extends Construct {
      public readonly start: DisasterRecoveryStart;
      constructor(scope: Construct, id: string) {
        super(scope, id);
        this.start = new DisasterRecoveryStart(this, "start", START_PROPS);
      }
    }

    // when: it is instantiated twice in one stack
    const json = synthesize((stack) => {
      new Platform(stack, "eu");
      new Platform(stack, "cn");
    });

    // then
    expect(Object.keys(json.output).sort()).toEqual([
      "cn_start_disaster_recovery_id",
      "eu_start_disaster_recovery_id",
    ]);
  });

  test("keeps two paths that differ only in characters Terraform does not allow apart", () => {
    // given / when
    const json = synthesize((stack) => {
      const a = new Construct(stack, "a");
      new DisasterRecoveryStart(new Construct(stack, "a_b"), "c", START_PROPS);
      new DisasterRecoveryStart(a, "b_c", START_PROPS);
      new DisasterRecoveryStart(a, "b.c", START_PROPS);
    });

    // then
    expect(new Set(Object.keys(json.output)).size).toBe(3);
  });

  test("takes outputName when given", () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", { ...START_PROPS, outputName: "dr_id" }),
    );

    // then
    expect(Object.keys(json.output)).toEqual(["dr_id"]);
  });

  test("is skipped with output: false", () => {
    // given / when
    const json = synthesize(
      (stack) => new DisasterRecoveryStart(stack, "start-dr", { ...START_PROPS, output: false }),
    );

    // then
    expect(json.output).toBeUndefined();
  });
});

describe("tokens", () => {
  test("values known only at apply time skip synth checks and reach the runtime as references", () => {
    // given
    const json = synthesize((stack) => {
      const variable = (name: string, type = "string") =>
        new TerraformVariable(stack, name, { type });
      // when
      new DisasterRecoveryStart(stack, "start-dr", {
        projectId: variable("project_id").stringValue,
        disasterRecoveryId: variable("dr_id").stringValue,
        endpoint: variable("endpoint").stringValue,
        timeout: variable("timeout").stringValue,
        pollInterval: variable("poll").stringValue,
        revision: Token.asNumber(variable("revision", "number").numberValue),
      });
    });

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(localExec(body).environment).toMatchObject({
      DWS_DR_PROJECT_ID: "${var.project_id}",
      DWS_DR_DISASTER_RECOVERY_ID: "${var.dr_id}",
      DWS_DR_ENDPOINT: "${var.endpoint}",
      DWS_DR_TIMEOUT: "${var.timeout}",
      DWS_DR_POLL_INTERVAL: "${var.poll}",
    });
    expect(onlyRunTrigger(json, "terraform_data")).toEqual({
      action: "start",
      project_id: "${var.project_id}",
      disaster_recovery_id: "${var.dr_id}",
      revision: "${var.revision}",
    });
    expect(localExec(body).command).not.toContain("${");
  });
});

describe("secrets", () => {
  const CREDENTIAL_VARIABLES = [
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HW_ACCESS_KEY",
    "HW_SECRET_KEY",
    "HW_SECURITY_TOKEN",
    "HW_AUTH_TOKEN",
  ];
  const saved = new Map(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test("no credential from the synthesizing process reaches the synthesized files", () => {
    // given
    const secrets = CREDENTIAL_VARIABLES.map((name) => `secret-value-of-${name}`);
    CREDENTIAL_VARIABLES.forEach((name, i) => (process.env[name] = secrets[i]));
    const stack = new TerraformStack(Testing.app(), "secrets");
    new DisasterRecoveryStart(stack, "start-dr", START_PROPS);
    new DisasterRecoveryStart(stack, "start-null", {
      ...START_PROPS,
      disasterRecoveryId: "3f2a1c4e-8b7d-4e6f-9a01-2b3c4d5e6f70", // one actor per DR
      resourceKind: ResourceKind.NULL_RESOURCE,
    });

    // when
    const outdir = Testing.fullSynth(stack);

    // then: neither the values nor the variables' names are in the configuration or manifest
    const files = readdirSync(outdir, { recursive: true, encoding: "utf8" })
      .map((file) => join(outdir, file))
      .filter((file) => statSync(file).isFile());
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const secret of secrets) expect(text).not.toContain(secret);
      if (file.endsWith(".json")) {
        for (const name of CREDENTIAL_VARIABLES) expect(text).not.toContain(name);
      }
    }
    expect(files.some((file) => file.endsWith("cdk.tf.json"))).toBe(true);
    rmSync(outdir, { recursive: true, force: true });
  });
});

describe("destroy", () => {
  test("by default destroying the start does nothing to the DR: no destroy-time provisioner", () => {
    // given / when
    const json = synthesize((stack) => new DisasterRecoveryStart(stack, "start-dr", START_PROPS));

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(body.provisioner).toHaveLength(1);
    expect(JSON.stringify(body.provisioner)).not.toContain('"when"');
  });

  test('onDestroy "pause" adds a destroy-time pause that reads only its own resource', () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", {
          ...START_PROPS,
          onDestroy: OnDestroy.PAUSE,
          timeout: "20m",
          pollInterval: "5s",
        }),
    );

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(body.provisioner).toHaveLength(2);
    const destroy = body.provisioner[1]["local-exec"];
    expect(destroy.when).toBe("destroy");
    expect(destroy.command).toMatch(/^node assets\/DwsDrRuntime\/[0-9A-F]{32}\/dws-dr\.cjs pause$/);
    expect(destroy.environment).toEqual({
      DWS_DR_PROJECT_ID: "${self.input.project_id}",
      DWS_DR_DISASTER_RECOVERY_ID: "${self.input.disaster_recovery_id}",
      DWS_DR_REGION: "${self.input.region}",
      DWS_DR_ENDPOINT: "${self.input.endpoint}",
      DWS_DR_NO_WAIT: "",
      DWS_DR_TIMEOUT: "20m",
      DWS_DR_POLL_INTERVAL: "5s",
      DWS_DR_PRIMARY_CLUSTER_ID: "",
      DWS_DR_TOGGLE: "",
      DWS_DR_CONFIRM: "",
      DWS_DR_DRY_RUN: "",
      DWS_DR_JSON: "",
      DWS_DR_FROM_CONSTRUCT: "true",
    });
    // every reference in the destroy-time provisioner is to self (Terraform refuses others)
    for (const value of Object.values<string>(destroy.environment)) {
      for (const reference of value.match(/\$\{[^}]*\}/g) ?? []) {
        expect(reference).toMatch(/^\$\{self\./);
      }
    }
  });

  test('onDestroy "pause" refuses a timeout token, which a destroy-time provisioner cannot read', () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const timeout = new TerraformVariable(stack, "timeout", { type: "string" }).stringValue;

    // when / then
    expect(
      () =>
        new DisasterRecoveryStart(stack, "start-dr", {
          ...START_PROPS,
          onDestroy: OnDestroy.PAUSE,
          timeout,
        }),
    ).toThrow(
      /^stack\/start-dr: timeout: a token cannot be used with onDestroy: "pause"\. Terraform lets a destroy-time provisioner reference only its own resource/,
    );
  });

  test('takes the plain string "pause" as OnDestroy.PAUSE (JavaScript, 0.2.0 code)', () => {
    // given / when
    const json = synthesize(
      (stack) =>
        new DisasterRecoveryStart(stack, "start-dr", {
          ...START_PROPS,
          onDestroy: "pause" as OnDestroy,
        }),
    );

    // then
    const { body } = onlyResource(json, "terraform_data");
    expect(body.provisioner).toHaveLength(2);
    expect(body.provisioner[1]["local-exec"].when).toBe("destroy");
  });

  test("refuses a resourceKind it does not know instead of building a terraform_data", () => {
    // given / when / then
    expect(() =>
      synthesize(
        (stack) =>
          new DisasterRecoveryStart(stack, "start-dr", {
            ...START_PROPS,
            resourceKind: "aws_instance" as ResourceKind,
          }),
      ),
    ).toThrow(
      /^stack\/start-dr: resourceKind: "aws_instance" is not a resource kind\. Use ResourceKind\.TERRAFORM_DATA \("terraform_data", the default\) or ResourceKind\.NULL_RESOURCE \("null_resource"\)\.$/,
    );
  });

  test("refuses an onDestroy value it does not know", () => {
    // given / when / then
    expect(() =>
      synthesize(
        (stack) =>
          new DisasterRecoveryStart(stack, "start-dr", {
            ...START_PROPS,
            onDestroy: "stop" as OnDestroy,
          }),
      ),
    ).toThrow(
      /^stack\/start-dr: onDestroy: "stop" is not a destroy behaviour\. Use OnDestroy\.NONE \("none", the default: destroy leaves the DR as it is\) or OnDestroy\.PAUSE \("pause"\)\.$/,
    );
  });
});
