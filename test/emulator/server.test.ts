import { Agent, request as httpRequest } from "node:http";
import { signRequest } from "../../lib/api/signer";
import {
  DEFAULT_DISASTER_RECOVERY_ID,
  DEFAULT_PROJECT_ID,
  RunningEmulator,
  startEmulator,
} from "../../lib/emulator";
import { MAX_BODY_BYTES } from "../../lib/emulator/request-handler";
import { drPaths, sendRaw, sendSigned, useEmulator } from "../support/emulator";

const id = DEFAULT_DISASTER_RECOVERY_ID;

describe("emulator read API", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("lists every seeded DR as flat items", async () => {
    // given the default seed
    // when the list is read
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).list);

    // then each DR comes back with the flat cluster fields of the list API
    const items = response.body.disaster_recovery as Record<string, unknown>[];
    expect(items.map((item) => item.id)).toEqual(emulator().disasterRecoveryIds);
    expect(items[0]).toMatchObject({
      id,
      status: "unstart",
      primary_cluster_id: emulator().getTask(id)?.primaryCluster.id,
      primary_cluster_role: "primary",
      standby_cluster_role: "standby",
    });
    expect(items[0]).not.toHaveProperty("primary_cluster");
  });

  it("filters the list by id and by cluster id", async () => {
    // given the standby cluster of the second DR
    const second = emulator().disasterRecoveryIds[1];
    const standby = emulator().getTask(second)?.standbyCluster.id;
    const { list } = drPaths(emulator());

    // when the list is filtered
    const byId = await sendSigned(emulator(), "GET", `${list}?id=${id}`);
    const byStandby = await sendSigned(emulator(), "GET", `${list}?standby_cluster_id=${standby}`);

    // then only the matching DR is returned
    expect(byId.body.disaster_recovery).toEqual([expect.objectContaining({ id })]);
    expect(byStandby.body.disaster_recovery).toEqual([expect.objectContaining({ id: second })]);
  });

  it("shows a DR's detail with nested primary and standby clusters", async () => {
    // when the detail is read
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).detail(id));

    // then it has the detail API's shape
    const cluster = {
      id: expect.any(String),
      name: expect.any(String),
      role: expect.any(String),
      status: expect.any(String),
      region: "cn-north-4",
      cluster_az: expect.any(String),
      last_success_time: expect.any(String),
    };
    expect(response.body.disaster_recovery).toMatchObject({
      id,
      name: "dr-orders",
      dr_type: "az",
      status: "unstart",
      dr_sync_period: "2H",
      primary_cluster: { ...cluster, role: "primary" },
      standby_cluster: { ...cluster, role: "standby" },
      create_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
  });

  it("shows a DR's progress under /v1", async () => {
    // when the progress is read
    const response = await sendSigned(emulator(), "GET", drPaths(emulator()).progress(id));

    // then it has the progress API's shape
    expect(response.status).toBe(200);
    expect(response.body.disaster_recovery_progress).toMatchObject({
      primary_cluster: { action_type: "Backup", unrestore_keys: "N/A" },
      standby_cluster: { action_type: expect.any(String) },
      recovery_point_object: expect.any(Number),
      recovery_time_object: expect.any(Number),
    });
  });

  it.each([
    ["an unknown path", "GET", "/v2/whatever"],
    [
      "an action name the API lacks",
      "POST",
      `/v2/${DEFAULT_PROJECT_ID}/disaster-recovery/${id}/reboot`,
    ],
    ["a GET of an action path", "GET", `/v2/${DEFAULT_PROJECT_ID}/disaster-recovery/${id}/start`],
  ])("answers %s with the gateway's 404 APIGW.0101", async (_name, method, path) => {
    // when it is requested, correctly signed
    const response = await sendSigned(emulator(), method, path);

    // then the gateway does not know it
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error_code: "APIGW.0101",
      error_msg: "The API does not exist or has not been published in the environment",
      request_id: response.headers["x-request-id"],
    });
  });

  it("puts a fresh X-Request-Id and a JSON content type on every response", async () => {
    // when a success and a failure come back
    const success = await sendSigned(emulator(), "GET", drPaths(emulator()).list);
    const failure = await sendRaw(emulator().endpoint, { method: "GET", path: "/" });

    // then both carry the headers
    for (const response of [success, failure]) {
      expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
    }
    expect(success.headers["x-request-id"]).not.toBe(failure.headers["x-request-id"]);
  });

  it("logs every request with its action, DR id, status and time", async () => {
    // given a detail read and a start
    const before = Date.now();
    await sendSigned(emulator(), "GET", drPaths(emulator()).detail(id));
    await sendSigned(emulator(), "POST", drPaths(emulator()).action(id, "start"));

    // then the log has both, and actionRequests picks the start
    expect(emulator().requests).toEqual([
      expect.objectContaining({ method: "GET", disasterRecoveryId: id, responseStatus: 200 }),
      expect.objectContaining({ method: "POST", action: "start", responseStatus: 200 }),
    ]);
    expect(emulator().actionRequests("start")).toEqual([
      {
        method: "POST",
        path: drPaths(emulator()).action(id, "start"),
        action: "start",
        disasterRecoveryId: id,
        responseStatus: 200,
        at: expect.any(Number),
        authenticated: true,
        applied: true,
      },
    ]);
    expect(emulator().actionRequests("start")[0].at).toBeGreaterThanOrEqual(before);
    expect(emulator().actionRequests("pause")).toEqual([]);
  });

  it("prints the ready line DESIGN.md specifies", () => {
    // when the ready line is built
    const line = emulator().readyLine();

    // then it names the endpoint, project, DR ids and the demo keys
    expect(line).toEqual({
      endpoint: emulator().endpoint,
      projectId: DEFAULT_PROJECT_ID,
      disasterRecoveryIds: emulator().disasterRecoveryIds,
      accessKey: emulator().accessKey,
      secretKey: emulator().secretKey,
    });
    expect(line.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
  });
});

describe("emulator lifecycle", () => {
  it("stop closes idle keep-alive connections and refuses new ones", async () => {
    // given a running emulator with a kept-alive connection
    const emulator = await startEmulator({ transitionMs: 60_000 });
    const agent = new Agent({ keepAlive: true });
    await keptAliveGet(emulator, agent);

    // when it is stopped (with a start still in progress)
    await sendSigned(emulator, "POST", drPaths(emulator).action(id, "start"));
    await emulator.stop();

    // then new connections are refused
    await expect(keptAliveGet(emulator, agent)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket/);
    agent.destroy();
  });
});

function keptAliveGet(emulator: RunningEmulator, agent: Agent): Promise<number> {
  const url = new URL(drPaths(emulator).list, emulator.endpoint);
  const headers = signRequest(
    { method: "GET", url: url.href, headers: { "content-type": "application/json" } },
    { accessKey: emulator.accessKey, secretKey: emulator.secretKey },
  );
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("emulator request bodies (issue 22)", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });

  it("answers a body over its limit with a gateway-style 413, without acting on it", async () => {
    // given a signed start whose body is one byte over the limit
    const path = drPaths(emulator()).action(id, "start");

    // when
    const response = await sendRaw(emulator().endpoint, {
      method: "POST",
      path,
      headers: { "content-type": "application/json" },
      body: "x".repeat(MAX_BODY_BYTES + 1),
    });

    // then
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      error_code: "APIGW.0413",
      error_msg: "Request entity too large: the request body exceeds the limit.",
    });
    expect(emulator().getTask(id)?.status).toBe("unstart");
    expect(emulator().requests.at(-1)).toMatchObject({ method: "POST", responseStatus: 413 });
  });

  it("still reads a body at the limit", async () => {
    const response = await sendRaw(emulator().endpoint, {
      method: "POST",
      path: drPaths(emulator()).action(id, "start"),
      body: "x".repeat(MAX_BODY_BYTES),
    });

    expect(response.status).not.toBe(413); // unsigned, so the gateway refuses it: 401
  });
});
