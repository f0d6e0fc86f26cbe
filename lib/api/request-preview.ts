import type { DrAction } from "./status-model";

// Request previews for `--dry-run`: what an action request would carry, with every secret
// redacted, so a plan can be shown in a CI log.

/** A request as it would be sent, for `--dry-run`: secrets already redacted. */
export interface RequestPreview {
  readonly method: string;
  readonly url: string;
  /** False when no credentials were at hand: the request is shown without authentication. */
  readonly signed: boolean;
  readonly signedHeaders: string[];
  readonly headers: Record<string, string>;
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

/** A preview of a POST to `url` with `headers`, secrets redacted. */
export function redactedPreview(
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
