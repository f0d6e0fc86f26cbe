import { createHash, createHmac } from "node:crypto";

/** The request to sign: exactly what will go on the wire. */
export interface SignableRequest {
  /** HTTP method, any case. */
  readonly method: string;
  /** Absolute URL, query string included. */
  readonly url: string;
  /**
   * Headers to send and sign (e.g. `content-type`, `X-Project-Id`).
   * @default - none besides `host` and `X-Sdk-Date`, which are always signed
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The exact body string that will be sent; empty or absent for none.
   * @default - no body (the hash of the empty string is signed)
   */
  readonly body?: string;
}

/** A permanent or temporary Huawei Cloud access key. */
export interface AccessKeyCredentials {
  /** The access key id (AK), sent in the `Authorization` header. */
  readonly accessKey: string;
  /** The secret access key (SK); signs the request and is never sent. */
  readonly secretKey: string;
  /**
   * Present for temporary credentials; sent (and signed) as `X-Security-Token`.
   * @default - none (permanent credentials)
   */
  readonly securityToken?: string;
}

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The intermediate values of a signature, for the emulator and for `--dry-run`. */
export interface SignatureParts {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/**
 * Signs a request with SDK-HMAC-SHA256 exactly as Huawei's Node SDK core does
 * (reference/signing.md §1.2) and returns the complete header map to send: the headers passed in,
 * plus `host`, `X-Sdk-Date`, `X-Security-Token` (temporary credentials) and `Authorization`.
 * Every header in the map is signed, so headers such as `User-Agent` must be added afterwards.
 */
export function signRequest(
  request: SignableRequest,
  credentials: AccessKeyCredentials,
  now: Date = new Date(),
): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  if (credentials.securityToken) headers["X-Security-Token"] = credentials.securityToken;
  if (findHeader(headers, "x-sdk-date") === undefined) headers["X-Sdk-Date"] = formatSdkDate(now);
  if (findHeader(headers, "host") === undefined) headers.host = new URL(request.url).host;

  const parts = computeSignature(
    request.method,
    request.url,
    headers,
    request.body ?? "",
    credentials.secretKey,
  );
  headers.Authorization =
    `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, ` +
    `SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`;
  return headers;
}

/**
 * Computes the signature over `headers` (all of them are signed). The emulator calls this with
 * only the headers a request listed in SignedHeaders to verify it the way the API gateway does.
 */
export function computeSignature(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  secretKey: string,
): SignatureParts {
  const parsed = new URL(url);
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort(byCodeUnit);
  const lowerCased = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const canonicalHeaders = names.map((name) => `${name}:${lowerCased[name]}\n`).join("");
  const signedHeaders = names.join(";");
  const payloadHash = lowerCased["x-sdk-content-sha256"] ?? sha256Hex(body);

  const canonicalRequest = [
    method.toUpperCase(),
    canonicalUri(parsed.pathname),
    canonicalQueryString(parsed.searchParams),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = [
    SIGNING_ALGORITHM,
    lowerCased["x-sdk-date"],
    sha256Hex(canonicalRequest),
  ].join("\n");
  const signature = createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
  return { canonicalRequest, stringToSign, signedHeaders, signature };
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the `X-Sdk-Date` format. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Parses an `X-Sdk-Date` value; undefined when it is not in the `YYYYMMDDTHHMMSSZ` form. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === lowerName);
  return key === undefined ? undefined : headers[key];
}

// The URL parser has already percent-encoded what needs it; decode each segment first so a
// segment is encoded exactly once, then append the trailing slash the SDK signs but never sends.
function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

// The SDK signs its decoded query parameters: keys by code unit, repeated values sorted.
function canonicalQueryString(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort(byCodeUnit);
  return keys
    .flatMap((key) =>
      params
        .getAll(key)
        .sort(byCodeUnit)
        .map((value) => `${rfc3986(key)}=${rfc3986(value)}`),
    )
    .join("&");
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256Hex(text: string): string {
  return text === "" ? EMPTY_BODY_SHA256 : createHash("sha256").update(text, "utf8").digest("hex");
}
