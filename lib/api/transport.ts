import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { getProxyForUrl } from "proxy-from-env";
import { isLoopbackHost } from "./endpoints";
import { HttpAnswer, RESPONSE_TOO_LARGE, TIMED_OUT, TransportError } from "./http-answer";

// One HTTP exchange, on node:http and node:https alone. The runtime is started once per action,
// and evaluating a general-purpose HTTP client costs more at each start than the whole request
// (issue 16, bench/results.md); the client needs only this: one request, a text body read up to a
// limit, a timeout for the whole exchange, no redirects followed, and the machine's proxy.

export type { HttpAnswer } from "./http-answer";

/** One request. */
export interface HttpExchange {
  /** `GET` or `POST`; a POST is sent without a body. */
  readonly method: string;
  /** The whole URL: endpoint, path and query. */
  readonly url: string;
  /** Sent as given: signed already, so nothing here may change them. */
  readonly headers: Readonly<Record<string, string>>;
  /** For the whole exchange: connecting, sending and reading the body. */
  readonly timeoutMs: number;
  /** A body larger than this fails the exchange with {@link RESPONSE_TOO_LARGE}. */
  readonly maxResponseBytes: number;
  /**
   * On a connection of its own, closed after the answer. An action needs it: a reset on a reused
   * keep-alive socket would leave its outcome unknown for no reason (reference/pitfalls.md).
   */
  readonly freshConnection: boolean;
}

/**
 * Sends requests, reusing connections for reads. Honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (as
 * curl reads them) except for a loopback host: a CI job's proxy must not capture the local
 * emulator (reference/pitfalls.md).
 */
export class HttpTransport {
  private readonly sharedAgents = new Map<string, Promise<HttpAgent>>();

  /** Sends one request and reads its whole answer; rejects with a {@link TransportError}. */
  async exchange(request: HttpExchange): Promise<HttpAnswer> {
    const url = new URL(request.url);
    const agent = request.freshConnection
      ? await agentFor(url, { keepAlive: false })
      : await this.sharedAgent(url);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const timeout = () =>
        new TransportError(`timeout of ${request.timeoutMs}ms exceeded`, TIMED_OUT);
      let timedOut = false;
      // Whatever fails first names the failure; a timeout names it even when the socket's own
      // error (a reset, as destroy() causes) arrives before it.
      const fail = (error: Error & { code?: string }) => {
        outgoing.destroy();
        reject(timedOut ? timeout() : asTransportError(error));
      };
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const options = { method: request.method, headers: request.headers, agent };
      const outgoing = send(url, options, (answer) =>
        readAnswer(answer, request.maxResponseBytes).then(resolve, fail),
      );
      // The timer covers the whole exchange: a server that trickles bytes must not outlast it.
      const timer = setTimeout(() => {
        timedOut = true;
        fail(timeout());
      }, request.timeoutMs);
      outgoing.on("close", () => clearTimeout(timer));
      outgoing.on("error", fail);
      outgoing.end();
    });
  }

  private sharedAgent(url: URL): Promise<HttpAgent> {
    let agent = this.sharedAgents.get(url.origin);
    if (!agent) {
      agent = agentFor(url, { keepAlive: true });
      this.sharedAgents.set(url.origin, agent);
    }
    return agent;
  }
}

// The proxy agent is loaded only when a proxy is in use: most runs never need its code.
async function agentFor(url: URL, options: { keepAlive: boolean }): Promise<HttpAgent> {
  const proxy = isLoopbackHost(url.hostname) ? "" : getProxyForUrl(url.href);
  if (proxy) {
    const { HttpsProxyAgent } = await import("https-proxy-agent");
    return new HttpsProxyAgent(proxy, options);
  }
  return url.protocol === "https:" ? new HttpsAgent(options) : new HttpAgent(options);
}

function asTransportError(error: Error & { code?: string }): TransportError {
  return error instanceof TransportError
    ? error
    : new TransportError(error.message, error.code ?? "");
}

function readAnswer(answer: IncomingMessage, maxBytes: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new TransportError(`the body is larger than ${maxBytes} bytes`, RESPONSE_TOO_LARGE);
    if (Number(answer.headers["content-length"]) > maxBytes) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(tooLarge());
      else chunks.push(chunk);
    });
    answer.on("end", () =>
      resolve({
        status: answer.statusCode ?? 0,
        headers: answer.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    // Also a connection closed before the body ended: node gives ECONNRESET ("aborted").
    answer.on("error", reject);
  });
}
