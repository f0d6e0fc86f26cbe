import { DwsDrError, ErrorCategory } from "./errors";
import { describeContentType, headerValue, parseBody } from "./response-body";
import { RESPONSE_TOO_LARGE, TIMED_OUT, type HttpAnswer } from "./http-answer";

// How the client's failures read: an HTTP status and body, or a network error, becomes a
// DwsDrError with a category (the exit code), the service's error code and a hint saying what to
// do next. Pure: the client decides when to call these; nothing here sends or retries.

// Network failures that may heal on their own. TLS certificate errors are deliberately absent:
// they never heal by retrying (reference/pitfalls.md).
// ENOTFOUND is absent too: a host that does not resolve is a typo in the region or endpoint far
// more often than a DNS outage (EAI_AGAIN is the temporary failure).
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  TIMED_OUT,
  "EPIPE",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

const TLS_ERROR_PATTERN = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/** Thrown when an action was sent but whether the service applied it is unknown. */
export class OutcomeUnknownError extends DwsDrError {}

/** What the caller knows about a failed request. */
export interface ErrorContext {
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

/** An HTTP error answer: its category, the service's error code and message, and a hint. */
export function httpError(what: string, response: HttpAnswer, context: ErrorContext = {}) {
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
export function notTheApi(what: string, response: HttpAnswer, context: ErrorContext = {}) {
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
export function deadlinePassed(what: string, attempts: number): DwsDrError {
  return new DwsDrError({
    category: "timeout",
    summary: `${what}: no answer before the run's timeout ran out${attempts > 1 ? ` (${attempts} attempts)` : ""}`,
    hint: "Run again (it is safe), or raise the timeout",
  });
}

/** The DR id in a 200 to an action; a body that cannot be read leaves the outcome unknown. */
export function actionReplyId(what: string, response: HttpAnswer): string {
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

/**
 * A request that got no HTTP answer: TLS, an oversized body, a host that does not resolve, a refused
 * connection, or (for an action) no answer at all, which leaves the outcome unknown.
 */
export function networkError(what: string, error: unknown, context: ErrorContext = {}): DwsDrError {
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
  if (code === RESPONSE_TOO_LARGE) {
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

/** True for a network failure that may heal on its own, so a read may be tried again. */
export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
  return /socket hang up|timeout/i.test((error as Error)?.message ?? "");
}

/** True when the request timed out (the client's timeout or the socket's). */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (
    code === "ECONNABORTED" ||
    code === TIMED_OUT ||
    /timeout/i.test((error as Error)?.message ?? "")
  );
}

/** True for a 3xx. */
export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** True for a 2xx. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A network error in a few words: its code and message. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/**
 * A busy answer: 409 DWS.0011 ("another operation is being performed") or 403 DWS.7023 (the
 * status disallows it). The request was not applied; the runner settles and decides again.
 */
export function isBusyRefusal(error: DwsDrError): boolean {
  if (error instanceof OutcomeUnknownError) return false;
  return error.errorCode === "DWS.0011" || error.errorCode === "DWS.7023";
}
