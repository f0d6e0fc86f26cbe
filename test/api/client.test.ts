import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { DwsDrClient, OutcomeUnknownError } from "../../lib/api/client";
import { DwsDrError } from "../../lib/api/errors";
import { PACKAGE_VERSION } from "../../lib/api/version";
import { useEmulator, withEmulator } from "../support/emulator";
import { listenOnLoopback } from "../support/loopback";
import { failure } from "../support/runner";

// A bare HTTP server that records what arrives, for what the emulator does not expose: the exact
// headers on the wire, and a server that never answers.
const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const UNKNOWN_DR_ID = "00000000-0000-4000-8000-000000000000";

let server: Server;
let endpoint: string;
let received: IncomingHttpHeaders[];
let answer: boolean;

beforeEach(async () => {
  received = [];
  answer = true;
  server = createServer((request, response) => {
    received.push(request.headers);
    if (!answer) return; // hold the request open: the client's timeout must end it
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ disaster_recovery: { id: DR_ID, status: "running" } }));
  });
  endpoint = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(options: Partial<ConstructorParameters<typeof DwsDrClient>[0]> = {}) {
  return new DwsDrClient({
    endpoint,
    projectId: PROJECT_ID,
    credentials: { kind: "aksk", accessKey: "AK", secretKey: "SK", securityToken: "ST" },
    ...options,
  });
}

describe("DwsDrClient on the wire", () => {
  it("sends a signed request naming this package, with the project and JSON content type", async () => {
    await client().getDetail(DR_ID);

    const [headers] = received;
    expect(headers["user-agent"]).toMatch(
      new RegExp(`^cdktf-dws-disaster-recovery/${PACKAGE_VERSION.replace(/\./g, "\\.")} node/`),
    );
    expect(headers["x-project-id"]).toBe(PROJECT_ID);
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-security-token"]).toBe("ST");
    expect(headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it("sends the IAM token unsigned in token mode", async () => {
    await client({ credentials: { kind: "token", token: "iam-token" } }).getDetail(DR_ID);

    expect(received[0]["x-auth-token"]).toBe("iam-token");
    expect(received[0].authorization).toBeUndefined();
  });

  it("ends a read that gets no answer after the per-request timeout, retrying within its budget", async () => {
    answer = false;
    const slow = client({
      requestTimeoutMs: 200,
      retryPolicy: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 100, budgetMs: 5000 },
    });

    const error = await slow.getDetail(DR_ID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DwsDrError);
    expect((error as DwsDrError).exitCode).toBe(7);
    expect((error as DwsDrError).message).toMatch(/GET .* failed after 2 attempts: .*timeout/i);
    expect(received).toHaveLength(2);
  });

  it("reports an action with no answer as an unknown outcome and never re-sends it", async () => {
    answer = false;
    const error = await client({ requestTimeoutMs: 200 })
      .sendAction("start", DR_ID)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/may or may not have applied it/);
    expect(received).toHaveLength(1);
  });
});

describe("DwsDrClient against odd answers (real emulator)", () => {
  const emulator = useEmulator({ transitionMs: 60_000 });
  const fast = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 2000, budgetMs: 10_000 };

  function emulatorClient(options: Partial<ConstructorParameters<typeof DwsDrClient>[0]> = {}) {
    return new DwsDrClient({
      endpoint: emulator().endpoint,
      projectId: emulator().projectId,
      credentials: {
        kind: "aksk",
        accessKey: emulator().accessKey,
        secretKey: emulator().secretKey,
      },
      retryPolicy: fast,
      ...options,
    });
  }
  const status = () => emulator().getTask(DR_ID)?.status;

  it.each(["not-json", "empty", "huge"] as const)(
    "a 200 to an action with a %s body is an unknown outcome, not a failure",
    async (odd) => {
      emulator().injectFault({ match: { action: "start" }, odd });
      const error = await failure(emulatorClient().sendAction("start", DR_ID));
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error.message).toMatch(/probably applied|may or may not/);
      expect(status()).toBe("starting");
    },
  );

  it("a 200 to an action without the DR id is an unknown outcome", async () => {
    emulator().injectFault({ match: { action: "pause" }, status: 200, body: { ok: true } });
    emulator().setStatus(DR_ID, "running");
    const error = await failure(emulatorClient().sendAction("pause", DR_ID));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toMatch(/without disaster_recovery\.id/);
  });

  it("caps a read's body size with a clear error, and does not retry it", async () => {
    emulator().injectFault({ match: { method: "GET" }, odd: "huge" });
    const error = await failure(emulatorClient().getDetail(DR_ID));
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error.exitCode).toBe(7);
    expect(error.message).toMatch(/response body is larger than this client accepts/);
    expect(emulator().requests).toHaveLength(1);
  });

  it("sends a throttled action again after Retry-After, once it goes through", async () => {
    // given the gateway throttles the first start, asking for a second's wait
    emulator().injectFault({ match: { action: "start" }, status: 429, retryAfter: "1" });
    const retries: string[] = [];

    // when start is sent
    const reply = await emulatorClient({ onRetry: (e) => retries.push(e.reason) }).sendAction(
      "start",
      DR_ID,
    );

    // then it was sent twice, a second apart, and applied once
    const sent = emulator().actionRequests("start", DR_ID);
    expect(reply).toEqual({ id: DR_ID });
    expect(sent.map((r) => r.responseStatus)).toEqual([429, 200]);
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual(["HTTP 429, not applied"]);
    expect(status()).toBe("starting");
  });

  it("stops sending a throttled action after the policy's attempts, without applying it", async () => {
    emulator().injectFault({ match: { action: "start" }, status: 429, times: Infinity });
    const error = await failure(emulatorClient().sendAction("start", DR_ID));
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error.exitCode).toBe(7);
    expect(error.message).toMatch(/failed after 3 attempts \(HTTP 429, APIG\.0308/);
    expect(emulator().actionRequests("start")).toHaveLength(3);
    expect(status()).toBe("unstart");
  });

  it("does not wait for a Retry-After longer than the policy allows", async () => {
    emulator().injectFault({ match: { action: "start" }, status: 429, retryAfter: "3600" });
    const error = await failure(emulatorClient().sendAction("start", DR_ID));
    expect(error.httpStatus).toBe(429);
    expect(emulator().actionRequests("start")).toHaveLength(1);
  });

  it.each([
    ["redirect", /HTTP 302 to https:\/\/login\.portal\.invalid\/ \(text\/html\)/],
    ["unexpected-2xx", /HTTP 204, which the DWS API does not send/],
  ] as const)("a %s to a read is a service error saying what answered", async (odd, text) => {
    emulator().injectFault({ match: { method: "GET" }, odd });
    const error = await failure(emulatorClient().getDetail(DR_ID));
    expect(error.category).toBe("service");
    expect(error.message).toMatch(text);
    expect(error.message).toMatch(/a proxy, captive portal or wrong endpoint answered/);
  });

  it("a redirect to an action never reached the service: a plain service error", async () => {
    emulator().injectFault({ match: { action: "start" }, odd: "redirect" });
    const error = await failure(emulatorClient().sendAction("start", DR_ID));
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error.exitCode).toBe(7);
    expect(status()).toBe("unstart");
  });

  it("a 204 to an action may have been passed on: an unknown outcome", async () => {
    emulator().injectFault({ match: { action: "start" }, odd: "unexpected-2xx" });
    const error = await failure(emulatorClient().sendAction("start", DR_ID));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
  });

  it("names a captive portal's HTML page instead of calling it a refusal", async () => {
    emulator().injectFault({ match: { method: "GET" }, odd: "wrong-content-type" });
    const error = await failure(emulatorClient().getDetail(DR_ID));
    expect(error.exitCode).toBe(7);
    expect(error.message).toMatch(/not JSON \(text\/html\): "<html><body><form/);
  });

  it("retries a proxy's HTML 502 page like any 502", async () => {
    emulator().injectFault({ match: { method: "GET" }, odd: "html-error" });
    const detail = await emulatorClient().getDetail(DR_ID);
    expect(detail.status).toBe("unstart");
    expect(emulator().requests.map((r) => r.responseStatus)).toEqual([502, 200]);
  });

  it("names a detail without a status", async () => {
    emulator().injectFault({ match: { method: "GET" }, odd: "no-status" });
    const error = await failure(emulatorClient().getDetail(DR_ID));
    expect(error.message).toMatch(/unexpected body \(no disaster_recovery\.status\)/);
  });

  it("reports a 404 as not found (exit 4)", async () => {
    const error = await failure(emulatorClient().getDetail(UNKNOWN_DR_ID));
    expect(error.exitCode).toBe(4);
    emulator().injectFault({ match: { method: "GET" }, status: 404 });
    expect((await failure(emulatorClient().getDetail(DR_ID))).exitCode).toBe(4);
  });

  it("gives a read only the time left before the deadline", async () => {
    // given a detail that would answer after 5 s
    emulator().injectFault({ match: { method: "GET" }, latencyMs: 5000 });
    const startedAt = Date.now();

    // when it is read with half a second left
    const error = await failure(emulatorClient().getDetail(DR_ID, { deadline: startedAt + 500 }));

    // then the read gives up at the deadline, as a timeout, without a retry
    expect(Date.now() - startedAt).toBeLessThan(2500);
    expect(error.exitCode).toBe(6);
    expect(error.message).toMatch(/no answer before the run's timeout ran out/);
  });

  it("starts no retry that would end past the deadline", async () => {
    // given a service that answers 503 to every read, and a generous policy
    emulator().injectFault({ match: { method: "GET" }, status: 503, times: Infinity });
    const patient = { maxAttempts: 50, baseDelayMs: 200, maxDelayMs: 400, budgetMs: 60_000 };
    const startedAt = Date.now();

    // when it is read with 1.5 s left
    const error = await failure(
      emulatorClient({ retryPolicy: patient }).getDetail(DR_ID, { deadline: startedAt + 1500 }),
    );

    // then it stops at the deadline instead of running the policy's minute (the margin is for
    // timers that fire late on a loaded machine; without the deadline it runs for ~20 s)
    expect(Date.now() - startedAt).toBeLessThan(1800);
    expect(error.httpStatus).toBe(503);
  });

  it("names a wrong or mistyped secret key first when the signature does not verify", async () => {
    const wrong = emulatorClient({
      credentials: {
        kind: "aksk",
        accessKey: emulator().accessKey,
        secretKey: `${emulator().secretKey}x`,
      },
    });
    const error = await failure(wrong.getDetail(DR_ID));
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/APIGW\.0301/);
    expect(error.hint).toMatch(
      /^The signature did not verify: the secret key is most likely wrong or mistyped/,
    );
  });

  it("names the unknown access key, and the clock, when the gateway says so", async () => {
    const unknownKey = emulatorClient({
      credentials: { kind: "aksk", accessKey: "NOSUCHKEY", secretKey: "x" },
    });
    expect((await failure(unknownKey.getDetail(DR_ID))).hint).toMatch(/access key is unknown/);
  });
});

describe("DwsDrClient when the endpoint is wrong", () => {
  function clientFor(endpoint: string) {
    return new DwsDrClient({
      endpoint,
      projectId: PROJECT_ID,
      credentials: { kind: "aksk", accessKey: "AK", secretKey: "SK" },
      retryPolicy: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 100, budgetMs: 1000 },
    });
  }

  it("says to check the endpoint or region when nothing listens, and that nothing was sent", async () => {
    // given a port nothing listens on
    const closed = await withEmulator({}, async (e) => e.endpoint);

    const read = await failure(clientFor(closed).getDetail(DR_ID));
    const action = await failure(clientFor(closed).sendAction("start", DR_ID));

    expect(read.exitCode).toBe(7);
    expect(read.message).toMatch(/nothing accepted the connection .*Check the endpoint or region/);
    expect(read.message).not.toMatch(/run again later/);
    // a refused connection proves the action was never sent: not an unknown outcome
    expect(action).not.toBeInstanceOf(OutcomeUnknownError);
    expect(action.message).toMatch(/nothing was sent/);
  });

  it("treats a host that does not resolve as bad input, at once and without retrying", async () => {
    const retries: unknown[] = [];
    const typo = new DwsDrClient({
      endpoint: "https://dws.cn-nort-4.myhuaweicloud.invalid",
      projectId: PROJECT_ID,
      credentials: { kind: "aksk", accessKey: "AK", secretKey: "SK" },
      onRetry: (event) => retries.push(event),
    });

    const error = await failure(typo.getDetail(DR_ID));

    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(
      /dws\.cn-nort-4\.myhuaweicloud\.invalid does not resolve .*nothing was sent.*Check the region or endpoint/,
    );
    expect(retries).toEqual([]);
  });
});
