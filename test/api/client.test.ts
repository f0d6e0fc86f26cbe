import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { DwsDrClient, OutcomeUnknownError } from "../../lib/api/client";
import { DwsDrError } from "../../lib/api/errors";
import { PACKAGE_VERSION } from "../../lib/api/version";

// A bare HTTP server that records what arrives, for what the emulator does not expose: the exact
// headers on the wire, and a server that never answers.
const PROJECT_ID = "89cd04f168b84af6be287f71730fdb4b";
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
