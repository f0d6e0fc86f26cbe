import { createServer, Server, Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { runDwsDr, runtimeEnv } from "../support/cli";

// What the runtime takes from the machine it runs on (issue 22): under a construct
// (DWS_DR_FROM_CONSTRUCT, which every construct sets) only the values the construct passed; and
// credentials go only to Huawei Cloud's DWS domains, loopback, or a host explicitly allowed.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
});
afterEach(() => emulator.stop());

/** The environment a construct's local-exec gives the runtime, on a CI machine with HW_* set. */
function underConstruct(overrides: Record<string, string>): Record<string, string> {
  return runtimeEnv(emulator, DR_ID, {
    DWS_DR_FROM_CONSTRUCT: "true",
    DWS_DR_TIMEOUT: "30s",
    DWS_DR_POLL_INTERVAL: "300ms",
    HW_PROJECT_ID: emulator.projectId,
    HUAWEICLOUD_SDK_PROJECT_ID: emulator.projectId,
    HW_REGION_NAME: "cn-north-4",
    ...overrides,
  });
}

describe("no ambient fallback under a construct", () => {
  test.each(["start", "start --dry-run", "status"])(
    "`%s` with a project id that resolved to empty names the prop and sends nothing",
    async (command) => {
      const run = await runDwsDr(command.split(" "), underConstruct({ DWS_DR_PROJECT_ID: "" }));

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /dws-dr: error: projectId: the construct passed an empty value \(DWS_DR_PROJECT_ID is ""\)/,
      );
      expect(run.stderr).toContain("HW_PROJECT_ID");
      expect(emulator.requests).toEqual([]);
    },
  );

  test("a region and endpoint that both resolved to empty do not fall back to HW_REGION_NAME", async () => {
    const run = await runDwsDr(
      ["start"],
      underConstruct({ DWS_DR_ENDPOINT: "", DWS_DR_REGION: "" }),
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/region \(or endpoint\): the construct passed an empty value/);
  });

  test.each([
    ["disasterRecoveryId", "DWS_DR_DISASTER_RECOVERY_ID"],
    ["timeout", "DWS_DR_TIMEOUT"],
    ["pollInterval", "DWS_DR_POLL_INTERVAL"],
  ])("an empty %s is an error naming it, not a default", async (prop, variable) => {
    const run = await runDwsDr(["start"], underConstruct({ [variable]: "" }));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${prop}: the construct passed an empty value (${variable} is "")`,
    );
    expect(emulator.requests).toEqual([]);
  });

  test("a switchover whose primaryClusterId resolved to empty names it", async () => {
    const run = await runDwsDr(["switchover"], underConstruct({ DWS_DR_PRIMARY_CLUSTER_ID: "" }));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("primaryClusterId: the construct passed an empty value");
    expect(emulator.requests).toEqual([]);
  });

  test("the CLI used by hand keeps its documented fallbacks to HW_PROJECT_ID", async () => {
    const env = runtimeEnv(emulator, DR_ID, {
      DWS_DR_PROJECT_ID: "",
      HW_PROJECT_ID: emulator.projectId,
    });

    const run = await runDwsDr(["status", "--json"], env);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).disasterRecovery.id).toBe(DR_ID);
  });
});

describe("endpoints that receive credentials", () => {
  test("user info in the endpoint is refused before anything is sent, and not echoed", async () => {
    const port = new URL(emulator.endpoint).port;
    const env = runtimeEnv(emulator, DR_ID, {
      DWS_DR_ENDPOINT: `http://ci-user:hunter2pass@127.0.0.1:${port}`,
    });

    const run = await runDwsDr(["status"], env);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/endpoint: a URL with user info .* is refused/);
    expect(run.stdout + run.stderr).not.toContain("hunter2pass");
    expect(emulator.requests).toEqual([]);
  });

  // A host of this machine that is not loopback stands in for a host outside Huawei Cloud.
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
  const withOutsideHost = outside === undefined ? test.skip : test;

  describe("a host outside Huawei Cloud's DWS domains", () => {
    let server: Server;
    const connections: Socket[] = [];
    beforeEach(async () => {
      connections.length = 0;
      server = createServer((socket) => {
        connections.push(socket);
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, outside, resolve));
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const endpointEnv = (allow: string) => {
      const { port } = server.address() as { port: number };
      return runtimeEnv(emulator, DR_ID, {
        DWS_DR_ENDPOINT: `https://${outside}:${port}`,
        DWS_DR_ALLOW_ENDPOINT_HOST: allow,
        DWS_DR_REQUEST_TIMEOUT: "2s",
        DWS_DR_TIMEOUT: "3s",
        DWS_DR_POLL_INTERVAL: "1s",
      });
    };

    withOutsideHost("gets no connection unless DWS_DR_ALLOW_ENDPOINT_HOST names it", async () => {
      const refused = await runDwsDr(["status"], endpointEnv(""));

      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`host "${outside}" is not under Huawei Cloud's DWS domains`);
      expect(refused.stderr).toContain(`DWS_DR_ALLOW_ENDPOINT_HOST=${outside}`);
      expect(connections).toHaveLength(0);

      const allowed = await runDwsDr(["status"], endpointEnv(`${outside}`));

      expect(allowed.code).not.toBe(0); // nothing speaks TLS there
      expect(connections.length).toBeGreaterThan(0);
    });
  });
});
