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
  /** How reads are retried. @default DEFAULT_RETRY_POLICY */
  readonly retryPolicy?: RetryPolicy;
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

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
// An agent of its own per action request: a new connection, closed after the response.
const NO_REUSE = { keepAlive: false } as const;

// Network failures that may heal on their own. TLS certificate errors are deliberately absent:
// they never heal by retrying (reference/pitfalls.md).
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
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

  constructor(private readonly options: DwsDrClientOptions) {
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const loopback = isLoopbackHost(new URL(options.endpoint).hostname);
    this.http = axios.create({
      timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
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
  async getDetail(disasterRecoveryId: string): Promise<DisasterRecoveryDetail> {
    const body = await this.read(
      "GET",
      `/v2/${this.options.projectId}/disaster-recovery/${disasterRecoveryId}`,
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
   * Sends one action and returns the DR id the service echoed. Never retried: a timeout, dropped
   * connection or 5xx throws {@link OutcomeUnknownError}, since the service may have applied it.
   */
  async sendAction(action: DrAction, disasterRecoveryId: string): Promise<{ id: string }> {
    const path = this.actionPath(action, disasterRecoveryId);
    const what = `POST ${path}`;
    let response: AxiosResponse<string>;
    try {
      // A fresh connection: a reset on a reused keep-alive socket would make the outcome
      // ambiguous for no reason (reference/pitfalls.md).
      response = await this.send("POST", path, { fresh: true });
    } catch (error) {
      throw networkError(what, error, { outcomeUnknown: true });
    }
    if (response.status >= 500) {
      throw httpError(what, response, { outcomeUnknown: true });
    }
    if (response.status !== 200) throw httpError(what, response);
    const id = (parseBody(response.data, what) as { disaster_recovery?: { id?: unknown } })
      ?.disaster_recovery?.id;
    if (typeof id !== "string") throw unexpectedResponse(what, "no disaster_recovery.id");
    return { id };
  }

  /** What {@link sendAction} would send, with the signature and tokens redacted. */
  previewAction(action: DrAction, disasterRecoveryId: string): RequestPreview {
    const path = this.actionPath(action, disasterRecoveryId);
    return redactedPreview(this.options.endpoint + path, this.headersFor("POST", path), true);
  }

  private actionPath(action: DrAction, disasterRecoveryId: string): string {
    return `/v2/${this.options.projectId}/disaster-recovery/${disasterRecoveryId}/${action}`;
  }

  private async read(method: "GET", path: string): Promise<unknown> {
    const what = `${method} ${path}`;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      let response: AxiosResponse<string> | undefined;
      let failure: unknown;
      try {
        response = await this.send(method, path, { fresh: false });
      } catch (error) {
        failure = error;
      }
      if (response && !RETRYABLE_STATUSES.has(response.status)) {
        if (response.status === 200) return parseBody(response.data, what);
        throw httpError(what, response);
      }
      if (failure && !isTransientNetworkError(failure)) throw networkError(what, failure);

      const retryAfter = parseRetryAfter(headerValue(response, "retry-after"), Date.now());
      const delay = nextRetryDelay(this.retryPolicy, attempt, Date.now() - startedAt, retryAfter);
      if (delay === undefined) {
        throw response
          ? httpError(what, response, { attempts: attempt })
          : networkError(what, failure, { attempts: attempt });
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

  // Signs afresh on every call, so each retry carries a new X-Sdk-Date.
  private send(
    method: string,
    path: string,
    { fresh }: { fresh: boolean },
  ): Promise<AxiosResponse<string>> {
    const url = this.options.endpoint + path;
    return this.http.request<string>({
      method,
      url,
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
  return "refused";
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

function httpError(what: string, response: AxiosResponse<string>, context: ErrorContext = {}) {
  const fields = serviceErrorFields(parseBody(response.data, what, { lenient: true }));
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
    hint: HINTS[category],
  });
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
  const suffix =
    context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
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

function unexpectedResponse(what: string, problem: string): DwsDrError {
  return new DwsDrError({
    category: "service",
    summary: `${what} returned an unexpected body (${problem})`,
    hint: "Check that the endpoint is a DWS endpoint",
  });
}

function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
  return /socket hang up|timeout/i.test((error as Error)?.message ?? "");
}

function describeNetworkError(error: unknown): string {
  if (error instanceof AxiosError) return [error.code, error.message].filter(Boolean).join(": ");
  return error instanceof Error ? error.message : String(error);
}

function headerValue(response: AxiosResponse | undefined, name: string): string | undefined {
  const value = response?.headers?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseBody(data: string, what: string, { lenient = false } = {}): unknown {
  if (!data) return undefined;
  try {
    return JSON.parse(data);
  } catch {
    if (lenient) return undefined;
    throw unexpectedResponse(what, "not JSON");
  }
}

function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === "authorization")
    return value.replace(/Signature=[0-9a-f]+/, "Signature=<redacted>");
  if (lower === "x-security-token" || lower === "x-auth-token") return "<redacted>";
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
