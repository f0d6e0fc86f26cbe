import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryStart, DisasterRecoveryStartProps } from "../../lib/constructs";
import { DR_ID, START_PROPS, localExec, onlyResource, synthesize } from "./helpers";

function startIn(stack: Construct, props: Partial<DisasterRecoveryStartProps>, id = "start-dr") {
  return new DisasterRecoveryStart(stack, id, { ...START_PROPS, ...props });
}

/** The synth warnings (cdktf Annotations) on a construct. */
function warnings(construct: Construct): string[] {
  return construct.node.metadata
    .filter((entry) => entry.type.endsWith("/warn"))
    .map((entry) => String(entry.data));
}

function attempt(props: Partial<DisasterRecoveryStartProps>, id?: string): () => void {
  return () => startIn(new TerraformStack(Testing.app(), "stack"), props, id);
}

describe("prop validation at synth", () => {
  test.each<[string, Partial<DisasterRecoveryStartProps>, RegExp]>([
    [
      "projectId that is not 32 hex characters",
      { projectId: "my-project" },
      /^stack\/start-dr: projectId: "my-project" is not a project id \(expected 32 lower-case hex characters\)/,
    ],
    [
      "projectId in upper case",
      { projectId: "89CD04F168B84AF6BE287F71730FDB4B" },
      /projectId: .* is not a project id/,
    ],
    [
      "disasterRecoveryId that is not a UUID",
      { disasterRecoveryId: "abc" },
      /^stack\/start-dr: disasterRecoveryId: "abc" is not a UUID \(expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\)/,
    ],
    [
      "region that is not a region name",
      { region: "north" },
      /^stack\/start-dr: region: "north" is not a Huawei Cloud region name\. Use a region id such as "cn-north-4"/,
    ],
    [
      "endpoint that is not a URL",
      { region: undefined, endpoint: "dws.example.com" },
      /^stack\/start-dr: endpoint: "dws\.example\.com" is not a URL/,
    ],
    [
      "endpoint over plain http to a remote host",
      { region: undefined, endpoint: "http://dws.cn-north-4.myhuaweicloud.com" },
      /^stack\/start-dr: endpoint: .* uses plain http to a host that is not loopback/,
    ],
    [
      "endpoint with a path",
      { region: undefined, endpoint: "https://dws.cn-north-4.myhuaweicloud.com/v2" },
      /^stack\/start-dr: endpoint: .* has a path, query or fragment/,
    ],
    [
      "both region and endpoint",
      { endpoint: "https://dws.cn-north-4.myhuaweicloud.com" },
      /^stack\/start-dr: region and endpoint: both were given\. Give exactly one of them/,
    ],
    [
      "neither region nor endpoint",
      { region: undefined },
      /^stack\/start-dr: region or endpoint: neither was given\. Give region/,
    ],
    [
      "timeout that is not a duration",
      { timeout: "soon" },
      /^stack\/start-dr: timeout: "soon" is not a positive duration\. Use a number with a unit/,
    ],
    [
      "pollInterval of zero",
      { pollInterval: "0s" },
      /^stack\/start-dr: pollInterval: "0s" is not a positive duration/,
    ],
    [
      "timeout shorter than pollInterval",
      { timeout: "5s", pollInterval: "10s" },
      /^stack\/start-dr: timeout: "5s" is shorter than pollInterval "10s"/,
    ],
    [
      "outputName that Terraform does not accept",
      { outputName: "dr id" },
      /^stack\/start-dr: outputName: "dr id" is not a Terraform output name/,
    ],
  ])("refuses %s, naming the prop", (_case, props, message) => {
    // given / when / then
    expect(attempt(props)).toThrow(message);
  });

  test("refuses a construct id whose default output name would start with a digit", () => {
    // given / when / then
    expect(attempt({}, "1st-start")).toThrow(
      /^stack\/1st-start: outputName \(default from the construct path\): "1st-start_disaster_recovery_id" is not a Terraform output name\. .*set outputName/,
    );
  });

  test("accepts such a construct id when the output is skipped or named", () => {
    // given / when / then
    expect(attempt({ output: false }, "1st-start")).not.toThrow();
    expect(attempt({ outputName: "first_start" }, "1st-start")).not.toThrow();
  });

  test("refuses two actions given the same outputName, naming the clash", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    startIn(new Construct(stack, "eu"), { outputName: "dr_id" }, "start");

    // when / then
    expect(() => startIn(new Construct(stack, "cn"), { outputName: "dr_id" }, "start")).toThrow(
      /^stack\/cn\/start: outputName: "dr_id" is already used by another output of the stack\. Set outputName to a unique name/,
    );
  });

  test("refuses a default output name that an explicit outputName already took", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    startIn(stack, { outputName: "start-dr_disaster_recovery_id" }, "first");

    // when / then
    expect(() => startIn(stack, {}, "start-dr")).toThrow(
      /^stack\/start-dr: outputName \(default from the construct path\): "start-dr_disaster_recovery_id" is already used/,
    );
  });

  test("accepts an upper-case DR id and passes it on in lower case", () => {
    // given / when
    const json = synthesize((stack) =>
      startIn(stack, { disasterRecoveryId: "E59D6B86-9072-46EB-A996-13F8B44994C1" }),
    );

    // then: the runtime, the replacement trigger and the output all see the service's form
    const { body } = onlyResource(json, "terraform_data");
    expect(localExec(body).environment.DWS_DR_DISASTER_RECOVERY_ID).toBe(DR_ID);
    expect(body.triggers_replace.disaster_recovery_id).toBe(DR_ID);
    expect(body.input.disaster_recovery_id).toBe(DR_ID);
  });

  test("leaves a region token to the runtime, which resolves it at apply time", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;

    // when
    startIn(stack, { region });

    // then: the runtime gets the region and no endpoint, and a region change re-runs the action
    const { body } = onlyResource(JSON.parse(Testing.synth(stack)), "terraform_data");
    expect(localExec(body).environment).toMatchObject({
      DWS_DR_REGION: "${var.region}",
      DWS_DR_ENDPOINT: "",
    });
    expect(body.triggers_replace).toMatchObject({ region: "${var.region}", endpoint: "" });
  });

  test("warns of a region it does not know, naming the close known ones, and still synthesizes", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");

    // when
    const start = startIn(stack, { region: "cn-nort-4" });

    // then
    expect(warnings(start)).toEqual([
      'region: "cn-nort-4" is not a region this library knows; its endpoint ' +
        'https://dws.cn-nort-4.myhuaweicloud.com may not exist. Did you mean "cn-north-4"?',
    ]);
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test("warns of a region far from every known one without guessing", () => {
    // given / when
    const start = startIn(new TerraformStack(Testing.app(), "stack"), { region: "xx-space-1" });

    // then
    expect(warnings(start)).toEqual([
      expect.stringMatching(
        /^region: "xx-space-1" is not a region this library knows; .* Check the region name/,
      ),
    ]);
  });

  test("does not warn of a known region, an endpoint or a region token", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;

    // when
    const starts = [
      startIn(stack, { region: "cn-north-4" }, "known"),
      startIn(stack, { region: "eu-west-101" }, "exception"),
      startIn(stack, { region: undefined, endpoint: "https://dws.example.com" }, "endpoint"),
      startIn(stack, { region }, "token"),
    ];

    // then
    expect(starts.flatMap(warnings)).toEqual([]);
  });

  test("creates nothing when the props are refused", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");

    // when
    expect(() => startIn(stack, { projectId: "bad" })).toThrow(/projectId/);

    // then: no resource, asset or output was added to the stack
    const refused = stack.node.findChild("start-dr");
    expect(refused.node.children).toHaveLength(0);
    expect(stack.node.tryFindChild("DwsDrRuntime")).toBeUndefined();
  });

  test("keeps the validator's message whole, after the construct path, with no library stack", () => {
    // given / when
    let caught: unknown;
    try {
      attempt({ projectId: "bad" })();
    } catch (error) {
      caught = error;
    }

    // then
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(/: projectId: "bad" is not a project id \(expected/);
    expect((caught as Error).stack).not.toMatch(/\.(js|ts):\d+/);
  });

  test("accepts the documented forms", () => {
    // given / when / then
    expect(() =>
      synthesize((stack) => {
        startIn(stack, { timeout: "10s", pollInterval: "10s" }, "equal-durations");
        startIn(stack, { region: undefined, endpoint: "http://localhost:8080" }, "loopback");
        startIn(stack, { region: undefined, endpoint: "http://[::1]:8080" }, "loopback-v6");
        startIn(stack, { region: "cn-south-4", revision: "2024-06-01" }, "exception-region");
      }),
    ).not.toThrow();
  });
});
