import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { RESPONSE_TOO_LARGE, TIMED_OUT, TransportError } from "../../lib/api/http-answer";
import { HttpExchange, HttpTransport } from "../../lib/api/transport";
import { freePort, listenOnLoopback } from "../support/loopback";
import { failure } from "../support/runner";

// The client's one HTTP exchange (lib/api/transport.ts), against real servers on loopback: what
// the client's failure mapping relies on (a whole-exchange timeout, a body limit, no redirect
// followed, a connection of its own for an action).

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let handler: Handler;
let connections: Socket[];
let endpoint: string;

beforeEach(async () => {
  connections = [];
  server = createServer((request, response) => handler(request, response));
  server.on("connection", (socket) => connections.push(socket));
  endpoint = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function exchange(transport: HttpTransport, overrides: Partial<HttpExchange> = {}) {
  return transport.exchange({
    method: "GET",
    url: `${endpoint}/v2/status`,
    headers: { Accept: "application/json" },
    timeoutMs: 2_000,
    maxResponseBytes: 1024,
    freshConnection: false,
    ...overrides,
  });
}

test("gives any answer back as it came: status, lower-cased headers, body text", async () => {
  // given
  handler = (request, response) => {
    response.writeHead(404, { "Content-Type": "application/json", "X-Request-Id": "req-1" });
    response.end(JSON.stringify({ error_code: "DWS.0015", seen: request.headers.accept }));
  };

  // when
  const answer = await exchange(new HttpTransport());

  // then
  expect(answer.status).toBe(404);
  expect(answer.headers["x-request-id"]).toBe("req-1");
  expect(JSON.parse(answer.body)).toEqual({ error_code: "DWS.0015", seen: "application/json" });
});

test("does not follow a redirect: the 3xx itself is the answer", async () => {
  // given
  let requests = 0;
  handler = (_request, response) => {
    requests++;
    response.writeHead(302, { Location: `${endpoint}/elsewhere` });
    response.end();
  };

  // when
  const answer = await exchange(new HttpTransport());

  // then
  expect(answer.status).toBe(302);
  expect(requests).toBe(1);
});

test("the timeout covers the whole exchange: a server that trickles its body does not outlast it", async () => {
  // given a server that sends a byte every 100 ms, forever
  handler = (_request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    const trickle = setInterval(() => response.write(" "), 100);
    response.on("close", () => clearInterval(trickle));
  };
  const started = Date.now();

  // when
  const error = await failure(exchange(new HttpTransport(), { timeoutMs: 500 }), TransportError);

  // then
  expect(error).toBeInstanceOf(TransportError);
  expect(error.code).toBe(TIMED_OUT);
  expect(error.message).toBe("timeout of 500ms exceeded");
  expect(Date.now() - started).toBeLessThan(1_500);
});

test("a body over the limit fails, whether its length is announced or not", async () => {
  const transport = new HttpTransport();
  // given an announced length, then a chunked body without one
  handler = (_request, response) => response.end("x".repeat(2048));
  const announced = await failure(exchange(transport), TransportError);
  handler = (_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    for (let i = 0; i < 4; i++) response.write("y".repeat(512));
    response.end();
  };
  const streamed = await failure(exchange(transport), TransportError);

  // then
  for (const error of [announced, streamed]) {
    expect(error.code).toBe(RESPONSE_TOO_LARGE);
    expect(error.message).toBe("the body is larger than 1024 bytes");
  }
});

test("a connection closed in the middle of the body is a reset, not an answer", async () => {
  // given
  handler = (request, response) => {
    response.writeHead(200, { "Content-Length": "100" });
    response.write("{");
    setTimeout(() => request.socket.destroy(), 50);
  };

  // when
  const error = await failure(exchange(new HttpTransport()), TransportError);

  // then
  expect(error.code).toBe("ECONNRESET");
});

test("nothing listening is ECONNREFUSED: the request never left", async () => {
  // given a port nothing listens on
  const port = await freePort();

  // when
  const error = await failure(
    exchange(new HttpTransport(), { url: `http://127.0.0.1:${port}/v2/status` }),
    TransportError,
  );

  // then
  expect(error.code).toBe("ECONNREFUSED");
});

test("reads share a kept-alive connection; an action goes on a connection of its own", async () => {
  // given
  handler = (_request, response) => response.end("{}");
  const transport = new HttpTransport();

  // when two reads, then two actions
  await exchange(transport);
  await exchange(transport);
  const afterReads = connections.length;
  await exchange(transport, { method: "POST", freshConnection: true });
  await exchange(transport, { method: "POST", freshConnection: true });

  // then
  expect(afterReads).toBe(1);
  expect(connections.length).toBe(3);
});
