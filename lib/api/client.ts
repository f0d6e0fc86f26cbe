import http from "node:http";
import https from "node:https";
import axios, { AxiosError, AxiosInstance, AxiosResponse } from "axios";
import type { Credentials } from "./credentials";
import { isLoopbackHost } from "./endpoints";
import { DwsDrError, ErrorCategory } from "./errors";
import type {
  DisasterRecoveryDetail,
  DisasterRecoveryProgress,
  DisasterRecoverySummary,
} from "./models";
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  RetryPolicy,
  nextRetryDelay,
  parseRetryAfter,
} from "./retry-policy";
import { signRequest } from "./signer";
import type { DrAction } from "./status-model";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./version";

/** Settings of a {@link DwsDrClient}. */
export interface DwsDrClientOptions {
  /** Scheme, host and port, e.g. `https://dws.cn-north-4.myhuaweicloud.com`. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: Credentials;
  /** Per-request timeout. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** How reads (and throttled actions) are retried. @default DEFAULT_RETRY_POLICY */
  readonly retryPolicy?: RetryPolicy;
  /** Largest response body accepted, in bytes. @default 1 MiB */
  readonly maxResponseBytes?: number;
  /** Told about each retry, for progress lines. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** A read that failed and is about to be tried again. */
export interface RetryEvent {
  readonly what: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** A request as it would be sent, for `--dry-run`: secrets already redacted. */
export interface RequestPreview {
  readonly method: string;
  readonly url: string;
  /** False when no credentials were at hand: the request is shown without authentication. */
  readonly signed: boolean;
  readonly signedHeaders: string[];
  readonly headers: Record<string, string>;
}

/** Limits of one read. */
export interface ReadOptions {
  /**
   * Epoch ms after which the read gives up (the run's timeout): each attempt gets only the time
   * left, and no retry starts past it.
   * @default - only the retry policy bounds the read
   */
  readonly deadline?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
// A DR detail is under 1 KB and a list of a thousand DRs under 1 MB: anything larger is not a DWS
// DR answer, and reading it whole would only cost memory.
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
// An agent of its own per action request: a new connection, closed after the response.
const NO_REUSE = { keepAlive: false } as const;

// Network failures that may heal on their own. TLS certificate errors are deliberately absent:
// they never heal by retrying (reference/pitfalls.md).
// ENOTFOUND is absent too: a host that does not resolve is a typo in the region or endpoint far
// more often than a DNS outage (EAI_AGAIN is the temporary failure).
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

const TLS_ERROR_PATTERN = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/** Thrown when an action was sent but whether the service applied it is unknown. */
export class OutcomeUnknownError extends DwsDrError {}

/**
 * A client for the DWS DR API (reference/dws-dr-api.md §1). Reads are retried on throttling, 5xx
 * and connection errors, re-signed on every attempt. Actions are sent once: an ambiguous failure
 * becomes an {@link OutcomeUnknownError}, and deciding what to do about it is the runner's job.
 */
export class DwsDrClient {
  private readonly http: AxiosInstance;
  private readonly retryPolicy: RetryPolicy;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: DwsDrClientOptions) {
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const loopback = isLoopbackHost(new URL(options.endpoint).hostname);
    this.http = axios.create({
      timeout: this.requestTimeoutMs,
      maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      // A CI job's HTTP(S)_PROXY must not capture the loopback emulator (reference/pitfalls.md).
      ...(loopback ? { proxy: false as const } : {}),
      validateStatus: () => true,
      // Parse bodies ourselves: error bodies are not always JSON.
      transformResponse: (data: unknown) => data,
      responseType: "text",
      maxRedirects: 0,
    });
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
  private async sendActionOnce(what: string, path: string): Promise<AxiosResponse<string>> {
    let response: AxiosResponse<string>;
    try {
      // A fresh connection: a reset on a reused keep-alive socket would make the outcome
      // ambiguous for no reason (reference/pitfalls.md).
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
      let response: AxiosResponse<string> | undefined;
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
    response: AxiosResponse<string> | undefined,
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

  // Signs afresh on every call, so each retry carries a new X-Sdk-Date.
  private send(
    method: string,
    path: string,
    { fresh, timeoutMs }: { fresh: boolean; timeoutMs: number },
  ): Promise<AxiosResponse<string>> {
    const url = this.options.endpoint + path;
    return this.http.request<string>({
      method,
      url,
      timeout: timeoutMs,
      headers: {
        ...this.headersFor(method, path),
        // Added after signing: the SDK does not sign these either (reference/signing.md §1.1).
        "User-Agent": `${PACKAGE_NAME}/${PACKAGE_VERSION} node/${process.versions.node}`,
        Accept: "application/json",
      },
      ...(fresh
        ? { httpAgent: new http.Agent(NO_REUSE), httpsAgent: new https.Agent(NO_REUSE) }
        : {}),
    });
  }

  private headersFor(method: string, path: string): Record<string, string> {
    const { credentials, projectId, endpoint } = this.options;
    const base = { "content-type": "application/json", "X-Project-Id": projectId };
    if (credentials.kind === "token") return { ...base, "X-Auth-Token": credentials.token };
    return signRequest({ method, url: endpoint + path, headers: base }, credentials);
  }
}

/**
 * What an action request looks like before authentication: for `--dry-run` without credentials,
 * so a review job holding no keys can still see the request.
 */
export function previewUnsignedAction(
  endpoint: string,
  projectId: string,
  action: DrAction,
  disasterRecoveryId: string,
): RequestPreview {
  const url = `${endpoint}/v2/${projectId}/disaster-recovery/${disasterRecoveryId}/${action}`;
  return redactedPreview(
    url,
    { "content-type": "application/json", "X-Project-Id": projectId },
    false,
  );
}

function redactedPreview(
  url: string,
  headers: Record<string, string>,
  signed: boolean,
): RequestPreview {
  const authorization = headers.Authorization ?? "";
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const redacted = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, redactHeader(name, value)]),
  );
  return { method: "POST", url, signed, signedHeaders, headers: redacted };
}

interface ErrorContext {
  readonly outcomeUnknown?: boolean;
  readonly attempts?: number;
  /** The endpoint, for network errors that point at it. */
  readonly endpoint?: string;
}

/** The service's error fields, from either the current or the legacy body shape (§4.1). */
function serviceErrorFields(body: unknown): { errorCode?: string; errorMsg?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const nested = (b.error ?? {}) as Record<string, unknown>;
  const pick = (...values: unknown[]) =>
    values.find((v): v is string => typeof v === "string" && v !== "");
  return {
    errorCode: pick(b.error_code, b.errCode, nested.code),
    errorMsg: pick(b.error_msg, b.externalMessage, nested.message),
  };
}

function categoryForHttp(status: number, errorCode: string | undefined): ErrorCategory {
  if (status === 401) return "auth";
  if (status === 404) return "not-found";
  // The DR endpoints answer 400 DWS.10101 for a DR that does not exist (§4.1, as TF treats it).
  if (status === 400 && errorCode === "DWS.10101") return "not-found";
  // DWS.7023: "status is not allowed to operation"; other 403s are IAM or gateway refusals.
  if (status === 403) return errorCode === "DWS.7023" ? "refused" : "auth";
  if (status === 429 || status >= 500) return "service";
  // Only a 4xx is the service refusing the request; anything else came from something else.
  return status >= 400 ? "refused" : "service";
}

const HINTS: Readonly<Record<ErrorCategory, string>> = {
  "bad-input": "Fix the value and run again.",
  auth:
    "Check that the access key belongs to the project's account and is active, that this " +
    "machine's clock is right (X-Sdk-Date must be within 15 minutes), and that the IAM user " +
    "may call the DWS disaster-recovery APIs (dws:cluster:*DisasterRecovery)",
  "not-found":
    "Check disasterRecoveryId and projectId, and that the endpoint is the DR task's region",
  refused: "Check the DR's status with `dws-dr status`; the service refused the request as sent",
  timeout: "",
  interrupted: "",
  service: "The service or network failed; run again later (re-running is safe)",
};

/**
 * The gateway answers every AK/SK failure with 401 APIGW.0301 and says which check failed in
 * error_msg (apisign FAQ): name the likely cause first.
 */
function authHint(errorMsg: string | undefined): string {
  const msg = errorMsg ?? "";
  if (/ak not exist/i.test(msg)) {
    return "The access key is unknown: check HUAWEICLOUD_SDK_AK (or HW_ACCESS_KEY) and that the key is active";
  }
  if (/x-sdk-date/i.test(msg)) {
    return "The request's time was refused: set this machine's clock right (X-Sdk-Date must be within 15 minutes)";
  }
  if (/security-token|security token/i.test(msg)) {
    return "Temporary keys need their security token: set HUAWEICLOUD_SDK_SECURITY_TOKEN (or HW_SECURITY_TOKEN) to the token issued with the keys, and check it has not expired";
  }
  if (/signature/i.test(msg)) {
    return (
      "The signature did not verify: the secret key is most likely wrong or mistyped " +
      "(check HUAWEICLOUD_SDK_SK or HW_SECRET_KEY is the secret of that access key); " +
      "otherwise check this machine's clock"
    );
  }
  if (/token/i.test(msg)) {
    return "The IAM token was refused: get a fresh token for this project into HW_AUTH_TOKEN";
  }
  return HINTS.auth;
}

function httpError(what: string, response: AxiosResponse<string>, context: ErrorContext = {}) {
  const fields = serviceErrorFields(parseBody(response, what, { lenient: true }));
  const category = categoryForHttp(response.status, fields.errorCode);
  const suffix =
    context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  const ErrorType = context.outcomeUnknown ? OutcomeUnknownError : DwsDrError;
  return new ErrorType({
    category,
    summary: `${what} failed${suffix}`,
    httpStatus: response.status,
    ...fields,
    requestId: headerValue(response, "x-request-id"),
    hint:
      category === "auth" && response.status === 401 ? authHint(fields.errorMsg) : HINTS[category],
  });
}

/** A 3xx or an unexpected 2xx: the answer did not come from the DWS DR API. */
function notTheApi(what: string, response: AxiosResponse<string>, context: ErrorContext = {}) {
  const location = headerValue(response, "location");
  const ErrorType = context.outcomeUnknown ? OutcomeUnknownError : DwsDrError;
  return new ErrorType({
    category: "service",
    summary:
      `${what}: the answer was HTTP ${response.status}${location ? ` to ${location}` : ""}` +
      `${describeContentType(response)}, which the DWS API does not send: a proxy, captive ` +
      `portal or wrong endpoint answered` +
      (context.outcomeUnknown ? "; the service may or may not have received it" : ""),
    httpStatus: response.status,
    hint:
      "Check the endpoint, and any HTTPS_PROXY / NO_PROXY settings on this machine" +
      (context.outcomeUnknown ? "; check the DR's status before running the action again" : ""),
  });
}

/** The read ran into the run's deadline (`--timeout`). */
function deadlinePassed(what: string, attempts: number): DwsDrError {
  return new DwsDrError({
    category: "timeout",
    summary: `${what}: no answer before the run's timeout ran out${attempts > 1 ? ` (${attempts} attempts)` : ""}`,
    hint: "Run again (it is safe), or raise the timeout",
  });
}

/** The DR id in a 200 to an action; a body that cannot be read leaves the outcome unknown. */
function actionReplyId(what: string, response: AxiosResponse<string>): string {
  let body: unknown;
  try {
    body = parseBody(response, what);
  } catch (error) {
    // The 200 says the service acted; only its body is lost.
    throw new OutcomeUnknownError({
      category: "service",
      summary: `${what}: HTTP 200 with a body that is not the API's JSON (${(error as DwsDrError).summary}); the service has probably applied it`,
      httpStatus: 200,
      requestId: headerValue(response, "x-request-id"),
      hint: "Check the DR's status with `dws-dr status` before running the action again",
    });
  }
  const id = (body as { disaster_recovery?: { id?: unknown } })?.disaster_recovery?.id;
  if (typeof id !== "string") {
    throw new OutcomeUnknownError({
      category: "service",
      summary: `${what}: HTTP 200 without disaster_recovery.id; the service has probably applied it`,
      httpStatus: 200,
      requestId: headerValue(response, "x-request-id"),
      hint: "Check the DR's status with `dws-dr status` before running the action again",
    });
  }
  return id;
}

function networkError(what: string, error: unknown, context: ErrorContext = {}): DwsDrError {
  const reason = describeNetworkError(error);
  const code = (error as { code?: string })?.code ?? "";
  if (TLS_ERROR_PATTERN.test(code)) {
    return new DwsDrError({
      category: "service",
      summary: `${what} failed: the server's TLS certificate was not trusted (${reason})`,
      hint:
        "If a proxy or private CA signs it, point NODE_EXTRA_CA_CERTS at that CA's PEM file; " +
        "retrying will not help",
    });
  }
  if (code === "ERR_BAD_RESPONSE" && /maxContentLength/.test(reason)) {
    const summary = `${what}: the response body is larger than this client accepts (${reason}), so it is not a DWS DR answer`;
    const hint = "Check the endpoint, and any HTTPS_PROXY / NO_PROXY settings on this machine";
    return context.outcomeUnknown
      ? new OutcomeUnknownError({
          category: "service",
          summary: `${summary}; the service may or may not have applied it`,
          hint: `${hint}; check the DR's status before running the action again`,
        })
      : new DwsDrError({ category: "service", summary, hint });
  }
  const host = context.endpoint ? new URL(context.endpoint).host : "the endpoint";
  // Nothing was sent: the name never resolved. A typo, not an outage.
  if (code === "ENOTFOUND") {
    return new DwsDrError({
      category: "bad-input",
      summary: `${what}: the host ${host} does not resolve (${reason}); nothing was sent`,
      hint: "Check the region or endpoint (a misspelt region gives a host that does not exist)",
    });
  }
  const suffix =
    context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  // A refused connection proves the request never left: the outcome is known (not applied).
  if (code === "ECONNREFUSED") {
    return new DwsDrError({
      category: "service",
      summary: `${what} failed${suffix}: nothing accepted the connection at ${host} (${reason}); nothing was sent`,
      hint: "Check the endpoint or region (and, for the emulator, that it is running on that port)",
    });
  }
  if (context.outcomeUnknown) {
    return new OutcomeUnknownError({
      category: "service",
      summary: `${what}: no answer (${reason}); the service may or may not have applied it`,
      hint: "Check the DR's status with `dws-dr status` before running the action again",
    });
  }
  return new DwsDrError({
    category: "service",
    summary: `${what} failed${suffix}: ${reason}`,
    hint: HINTS.service,
  });
}

function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
  if (code === "ERR_BAD_RESPONSE") return false;
  return /socket hang up|timeout/i.test((error as Error)?.message ?? "");
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (
    code === "ECONNABORTED" ||
    code === "ETIMEDOUT" ||
    /timeout/i.test((error as Error)?.message ?? "")
  );
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof AxiosError) return [error.code, error.message].filter(Boolean).join(": ");
  return error instanceof Error ? error.message : String(error);
}

function describeContentType(response: AxiosResponse): string {
  const type = headerValue(response, "content-type");
  return type ? ` (${type.split(";")[0]})` : "";
}

function headerValue(response: AxiosResponse | undefined, name: string): string | undefined {
  const value = response?.headers?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseBody(
  response: AxiosResponse<string>,
  what: string,
  { lenient = false } = {},
): unknown {
  const data = response.data;
  if (!data) {
    if (lenient) return undefined;
    throw unexpectedResponse(what, "an empty body");
  }
  try {
    return JSON.parse(data);
  } catch {
    if (lenient) return undefined;
    throw unexpectedResponse(what, `not JSON${describeContentType(response)}: ${excerpt(data)}`);
  }
}

// The start of an odd body, on one line: enough to recognise a proxy's or portal's page.
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line);
}

function unexpectedResponse(what: string, problem: string): DwsDrError {
  return new DwsDrError({
    category: "service",
    summary: `${what} returned an unexpected body (${problem})`,
    hint: "Check that the endpoint is a DWS endpoint, and any HTTPS_PROXY / NO_PROXY settings",
  });
}

function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  // The access key is not a secret to AWS-style signing, but this project treats it as one: it
  // names the account, and an AK in a public CI log is the first half of a leak.
  if (lower === "authorization") {
    return value
      .replace(/Access=[^,\s]+/, "Access=<redacted>")
      .replace(/Signature=[0-9a-f]+/, "Signature=<redacted>");
  }
  if (lower === "x-security-token" || lower === "x-auth-token") return "<redacted>";
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
