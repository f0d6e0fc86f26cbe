import type { DwsDrClientOptions, ReadOptions } from "./client-options";
import {
  actionReplyId,
  deadlinePassed,
  describeNetworkError,
  httpError,
  isRedirect,
  isSuccess,
  isTimeout,
  isTransientNetworkError,
  networkError,
  notTheApi,
} from "./failure-mapping";
import type {
  DisasterRecoveryDetail,
  DisasterRecoveryProgress,
  DisasterRecoverySummary,
} from "./models";
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  nextRetryDelay,
  parseRetryAfter,
} from "./retry-policy";
import { RequestPreview, redactedPreview } from "./request-preview";
import { headerValue, parseBody, unexpectedResponse } from "./response-body";
import { signRequest } from "./signer";
import type { DrAction } from "./status-model";
import { HttpAnswer, HttpTransport } from "./transport";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./version";

// Where these lived before: callers import them from the client.
export { OutcomeUnknownError } from "./failure-mapping";
export { previewUnsignedAction } from "./request-preview";
export type { RequestPreview } from "./request-preview";
export type { DwsDrClientOptions, ReadOptions, RetryEvent } from "./client-options";

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
// A DR detail is under 1 KB and a list of a thousand DRs under 1 MB: anything larger is not a DWS
// DR answer, and reading it whole would only cost memory.
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A client for the DWS DR API (reference/dws-dr-api.md §1). Reads are retried on throttling, 5xx
 * and connection errors, re-signed on every attempt. Actions are sent once: an ambiguous failure
 * becomes an {@link OutcomeUnknownError}, and deciding what to do about it is the runner's job.
 */
export class DwsDrClient {
  private readonly transport = new HttpTransport();
  private readonly retryPolicy: RetryPolicy;
  private readonly requestTimeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: DwsDrClientOptions) {
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** The DR's detail, with its `status`. */
  async getDetail(
    disasterRecoveryId: string,
    options: ReadOptions = {},
  ): Promise<DisasterRecoveryDetail> {
    const body = await this.read(
      "GET",
      `/v2/${this.options.projectId}/disaster-recovery/${disasterRecoveryId}`,
      options,
    );
    const detail = (body as { disaster_recovery?: DisasterRecoveryDetail })?.disaster_recovery;
    if (!detail || typeof detail.status !== "string") {
      throw unexpectedResponse(
        `GET disaster-recovery/${disasterRecoveryId}`,
        "no disaster_recovery.status",
      );
    }
    return detail;
  }

  /**
   * The DR's sync progress: RPO/RTO, latest barrier time, last recovery duration
   * (reference/dws-dr-api.md §3.3; the one DR operation under /v1).
   */
  async getProgress(disasterRecoveryId: string): Promise<DisasterRecoveryProgress> {
    const body = await this.read(
      "GET",
      `/v1/${this.options.projectId}/disaster-recovery/${disasterRecoveryId}/show-progress`,
    );
    const progress = (body as { disaster_recovery_progress?: DisasterRecoveryProgress })
      ?.disaster_recovery_progress;
    if (!progress || typeof progress !== "object") {
      throw unexpectedResponse(
        `GET disaster-recovery/${disasterRecoveryId}/show-progress`,
        "no disaster_recovery_progress",
      );
    }
    return progress;
  }

  /** The project's DR tasks, optionally filtered by the documented query fields. */
  async list(
    filters: { id?: string; primary_cluster_id?: string; standby_cluster_id?: string } = {},
  ): Promise<DisasterRecoverySummary[]> {
    const query = new URLSearchParams(
      Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString();
    const path = `/v2/${this.options.projectId}/disaster-recoveries${query ? `?${query}` : ""}`;
    const body = await this.read("GET", path);
    const items = (body as { disaster_recovery?: DisasterRecoverySummary[] })?.disaster_recovery;
    if (!Array.isArray(items)) throw unexpectedResponse("GET disaster-recoveries", "no list");
    return items;
  }

  /**
   * Sends one action and returns the DR id the service echoed. Not retried when the outcome is
   * ambiguous: a timeout, a dropped connection, a 5xx or a 200 that cannot be read throws
   * {@link OutcomeUnknownError}, since the service may have applied it. Only a 429 is sent again
   * (the gateway refused it before the service saw it), as Retry-After says, within the retry
   * policy.
   */
  async sendAction(action: DrAction, disasterRecoveryId: string): Promise<{ id: string }> {
    const path = this.actionPath(action, disasterRecoveryId);
    const what = `POST ${path}`;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const response = await this.sendActionOnce(what, path);
      if (response.status === 429) {
        const delay = this.retryDelay(response, attempt, startedAt, undefined);
        if (delay === undefined) throw httpError(what, response, { attempts: attempt });
        this.options.onRetry?.({ what, attempt, delayMs: delay, reason: "HTTP 429, not applied" });
        await sleep(delay);
        continue;
      }
      return { id: actionReplyId(what, response) };
    }
  }

  // One attempt; a network failure or an answer the service may have acted on throws.
  private async sendActionOnce(what: string, path: string): Promise<HttpAnswer> {
    let response: HttpAnswer;
    try {
      response = await this.send("POST", path, { fresh: true, timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      throw networkError(what, error, { outcomeUnknown: true, endpoint: this.options.endpoint });
    }
    if (response.status >= 500) throw httpError(what, response, { outcomeUnknown: true });
    // A 3xx never reached the DR service; another 2xx came from something in between that may
    // or may not have passed the request on.
    if (isRedirect(response.status)) throw notTheApi(what, response);
    if (isSuccess(response.status) && response.status !== 200) {
      throw notTheApi(what, response, { outcomeUnknown: true });
    }
    if (response.status !== 200 && response.status !== 429) throw httpError(what, response);
    return response;
  }

  /** What {@link sendAction} would send, with the signature and tokens redacted. */
  previewAction(action: DrAction, disasterRecoveryId: string): RequestPreview {
    const path = this.actionPath(action, disasterRecoveryId);
    return redactedPreview(this.options.endpoint + path, this.headersFor("POST", path), true);
  }

  private actionPath(action: DrAction, disasterRecoveryId: string): string {
    return `/v2/${this.options.projectId}/disaster-recovery/${disasterRecoveryId}/${action}`;
  }

  private async read(
    method: "GET",
    path: string,
    { deadline }: ReadOptions = {},
  ): Promise<unknown> {
    const what = `${method} ${path}`;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const left = deadline === undefined ? Infinity : deadline - Date.now();
      if (left <= 0) throw deadlinePassed(what, attempt - 1);
      const timeoutMs = Math.min(this.requestTimeoutMs, left);
      let response: HttpAnswer | undefined;
      let failure: unknown;
      try {
        response = await this.send(method, path, { fresh: false, timeoutMs });
      } catch (error) {
        failure = error;
      }
      if (response && !RETRYABLE_STATUSES.has(response.status)) {
        if (response.status === 200) return parseBody(response, what);
        if (isRedirect(response.status) || isSuccess(response.status)) {
          throw notTheApi(what, response);
        }
        throw httpError(what, response);
      }
      // The attempt was cut short by the run's deadline, not by the request timeout.
      if (failure && isTimeout(failure) && timeoutMs < this.requestTimeoutMs) {
        throw deadlinePassed(what, attempt);
      }
      const endpoint = this.options.endpoint;
      if (failure && !isTransientNetworkError(failure))
        throw networkError(what, failure, { endpoint });

      const delay = this.retryDelay(response, attempt, startedAt, deadline);
      if (delay === undefined) {
        throw response
          ? httpError(what, response, { attempts: attempt })
          : networkError(what, failure, { attempts: attempt, endpoint });
      }
      this.options.onRetry?.({
        what,
        attempt,
        delayMs: delay,
        reason: response ? `HTTP ${response.status}` : describeNetworkError(failure),
      });
      await sleep(delay);
    }
  }

  // The wait before the next attempt, or undefined when the policy (or the deadline) says stop.
  private retryDelay(
    response: HttpAnswer | undefined,
    attempt: number,
    startedAt: number,
    deadline: number | undefined,
  ): number | undefined {
    const retryAfter = parseRetryAfter(headerValue(response, "retry-after"), Date.now());
    const delay = nextRetryDelay(this.retryPolicy, attempt, Date.now() - startedAt, retryAfter);
    if (delay === undefined || (deadline !== undefined && Date.now() + delay >= deadline)) {
      return undefined;
    }
    return delay;
  }

  // Signs afresh on every call, so each retry carries a new X-Sdk-Date. An action goes on a
  // connection of its own; reads share one.
  private send(
    method: string,
    path: string,
    { fresh, timeoutMs }: { fresh: boolean; timeoutMs: number },
  ): Promise<HttpAnswer> {
    return this.transport.exchange({
      method,
      url: this.options.endpoint + path,
      headers: {
        ...this.headersFor(method, path),
        // Added after signing: the SDK does not sign these either (reference/signing.md §1.1).
        "User-Agent": `${PACKAGE_NAME}/${PACKAGE_VERSION} node/${process.versions.node}`,
        Accept: "application/json",
      },
      timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      freshConnection: fresh,
    });
  }

  private headersFor(method: string, path: string): Record<string, string> {
    const { credentials, projectId, endpoint } = this.options;
    const base = { "content-type": "application/json", "X-Project-Id": projectId };
    if (credentials.kind === "token") return { ...base, "X-Auth-Token": credentials.token };
    return signRequest({ method, url: endpoint + path, headers: base }, credentials);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
