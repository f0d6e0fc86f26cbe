import { timingSafeEqual } from "node:crypto";
import { IncomingHttpHeaders } from "node:http";
import { computeSignature, parseSdkDate } from "../api/signer";
import { errorReply, Reply } from "./replies";
import { Seed } from "./seed";

/** A received request, as auth needs it: everything exactly as it came off the wire. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target (path and query) as received. */
  readonly target: string;
  /** Node's header map: names lower-cased, values as received. */
  readonly headers: IncomingHttpHeaders;
  /** The complete body. */
  readonly body: string;
}

/** Outcome of verifying a request: accepted, or the 401/403 reply to send. */
export type AuthResult = { readonly ok: true } | { readonly ok: false; readonly reply: Reply };

// The gateway rejects an X-Sdk-Date more than 15 minutes from its own clock (signing.md §1.2).
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION =
  /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]+)$/;

/**
 * Verifies a request the way the API gateway does, before anything else is looked at. AK/SK when
 * an `Authorization` header is present, else `X-Auth-Token`; neither is a 401. [emulator choice]
 */
export function verifyRequest(request: ReceivedRequest, seed: Seed, now: number): AuthResult {
  const authorization = header(request.headers, "authorization");
  if (authorization !== undefined) return verifySignature(request, authorization, seed, now);
  const token = header(request.headers, "x-auth-token");
  if (token !== undefined) {
    // The gateway's wording for any token it cannot accept (apisign FAQ).
    return seed.authToken !== undefined && safeEqual(token, seed.authToken)
      ? { ok: true }
      : unauthorized("decrypt token fail");
  }
  return unauthorized("no Authorization or X-Auth-Token header"); // [emulator choice] wording
}

/**
 * Checks that the request may act in the path's project: the seed's project only (403
 * APIGW.0302, [emulator choice]: the real gateway's answer for a foreign project is not
 * documented), and an `X-Project-Id`, when sent, must name the same project (reference §5).
 */
export function checkProjectScope(
  headers: IncomingHttpHeaders,
  pathProjectId: string,
  seed: Seed,
): Reply | undefined {
  if (pathProjectId !== seed.projectId) {
    return forbidden(`project ${pathProjectId} is not a project of this account`);
  }
  const headerProjectId = header(headers, "x-project-id");
  if (headerProjectId !== undefined && headerProjectId !== pathProjectId) {
    return forbidden(`X-Project-Id ${headerProjectId} does not match the path's project`);
  }
  return undefined;
}

function verifySignature(
  request: ReceivedRequest,
  authorization: string,
  seed: Seed,
  now: number,
): AuthResult {
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed) return unauthorized("verify aksk signature fail, malformed Authorization header");
  const [, accessKey, signedHeaderList, signature] = parsed;
  // The gateway's own wording for an unknown AK (apisign FAQ).
  if (accessKey !== seed.accessKey) {
    return unauthorized(`Get secretKey failed,ak:${accessKey},err:ak not exist`);
  }

  const signedNames = signedHeaderList.split(";");
  // Stricter than the gateway, which also takes the Go SDK's x-sdk-date-only signatures: our
  // client signs host (signing.md §1.2), and a client that stops doing so should fail here.
  // [emulator choice]
  if (!signedNames.includes("host") || !signedNames.includes("x-sdk-date")) {
    return unauthorized("verify aksk signature fail, host and x-sdk-date must be signed");
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(request.headers, name);
    if (value === undefined) return unauthorized(`verify aksk signature fail, ${name} not found`);
    signedHeaders[name] = value;
  }

  const date = parseSdkDate(signedHeaders["x-sdk-date"]);
  if (!date || Math.abs(now - date.getTime()) > MAX_CLOCK_SKEW_MS) {
    return unauthorized("verify aksk signature fail, x-sdk-date is invalid or expired");
  }
  if (seed.securityToken !== undefined) {
    const token = signedHeaders["x-security-token"];
    if (token === undefined || !safeEqual(token, seed.securityToken)) {
      return unauthorized("verify aksk signature fail, x-security-token must be signed and valid");
    }
  }

  const url = new URL(request.target, "http://emulator.invalid").href;
  const expected = computeSignature(
    request.method,
    url,
    signedHeaders,
    request.body,
    seed.secretKey,
  ).signature;
  return safeEqual(signature, expected) ? { ok: true } : unauthorized("verify aksk signature fail");
}

function unauthorized(detail: string): AuthResult {
  return {
    ok: false,
    reply: errorReply(401, "APIGW.0301", `Incorrect IAM authentication information: ${detail}`),
  };
}

function forbidden(detail: string): Reply {
  return errorReply(
    403,
    "APIGW.0302",
    `The IAM user is not authorized to access the API: ${detail}`,
  );
}

// Node lower-cases received header names and joins repeated values with ", ".
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
