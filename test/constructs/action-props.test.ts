import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { DisasterRecoveryStart, DisasterRecoveryStartProps } from "../../lib/constructs";
import { START_PROPS, localExec, onlyResource, synthesize } from "./helpers";

function startIn(stack: Construct, props: Partial<DisasterRecoveryStartProps>, id = "start-dr") {
  return new DisasterRecoveryStart(stack, id, { ...START_PROPS, ...props });
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
      /^stack\/start-dr: endpoint: .* has a path, query or credentials/,
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
      /^stack\/1st-start: outputName \(default from the construct id\): "1st-start_disaster_recovery_id" is not a Terraform output name\. .*set outputName/,
    );
  });

  test("accepts such a construct id when the output is skipped or named", () => {
    // given / when / then
    expect(attempt({ output: false }, "1st-start")).not.toThrow();
    expect(attempt({ outputName: "first_start" }, "1st-start")).not.toThrow();
  });

  test("refuses two actions whose outputs would share a name", () => {
    // given
    const stack = new TerraformStack(Testing.app(), "stack");
    startIn(new Construct(stack, "eu"), {}, "start");

    // when / then
    expect(() => startIn(new Construct(stack, "cn"), {}, "start")).toThrow(
      /^stack\/cn\/start: outputName \(default from the construct id\): "start_disaster_recovery_id" is already used by another output of the stack/,
    );
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

  test("keeps the validator's error as the cause", () => {
    // given / when
    let caught: unknown;
    try {
      attempt({ projectId: "bad" })();
    } catch (error) {
      caught = error;
    }

    // then
    expect((caught as Error).cause).toMatchObject({ name: "DwsDrError", category: "bad-input" });
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
