import { randomBytes } from "node:crypto";
import type { OddReply } from "./faults";
import type { Reply } from "./replies";

/** A response exactly as it goes on the wire: status, headers and body text. */
export interface WireReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";
const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
// Far above any real DR body (a detail is under 1 KB), so a client's size cap must catch it.
const HUGE_BODY_BYTES = 8 * 1024 * 1024;
// Not a seeded id: a reply naming it names another DR.
const OTHER_DR_ID = "00000000-0000-4000-8000-0000000000ff";

/** The API's JSON reply, with a fresh request id (error bodies carry it too, like the gateway's). */
export function jsonWireReply(reply: Reply): WireReply {
  const requestId = randomBytes(16).toString("hex");
  // A body a test scripted keeps its own request id.
  const body =
    reply.status >= 400 && !("request_id" in reply.body)
      ? { ...reply.body, request_id: requestId }
      : reply.body;
  return {
    status: reply.status,
    headers: { "Content-Type": JSON_CONTENT_TYPE, "X-Request-Id": requestId, ...reply.headers },
    text: JSON.stringify(body),
  };
}

/**
 * The odd reply `odd` for a request the API answered (or would have answered) with `served`.
 * See {@link OddReply} for which of them the service applied.
 */
export function oddWireReply(odd: OddReply, served: Reply): WireReply {
  const json = jsonWireReply(served);
  switch (odd) {
    case "other-id":
      return { ...json, text: JSON.stringify(withOtherId(served.body)) };
    case "not-json":
      return { ...json, text: json.text.slice(0, Math.max(1, Math.floor(json.text.length / 2))) };
    case "empty":
      return { ...json, text: "" };
    case "huge":
      return { ...json, text: hugeBody(served.body) };
    case "no-status":
      return { ...json, text: JSON.stringify(withoutStatus(served.body)) };
    case "html-error":
      return html(
        502,
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
      );
    case "wrong-content-type":
      return html(
        200,
        '<html><body><form action="/login">Sign in to use this network</form></body></html>',
      );
    case "redirect":
      return {
        status: 302,
        headers: { Location: "https://login.portal.invalid/", "Content-Type": HTML_CONTENT_TYPE },
        text: '<html><body><a href="https://login.portal.invalid/">Moved</a></body></html>',
      };
    case "unexpected-2xx":
      return { status: 204, headers: {}, text: "" };
  }
}

function html(status: number, text: string): WireReply {
  return { status, headers: { "Content-Type": HTML_CONTENT_TYPE }, text };
}

function withOtherId(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const task = body.disaster_recovery;
  if (!task || typeof task !== "object" || Array.isArray(task)) return body;
  return { ...body, disaster_recovery: { ...task, id: OTHER_DR_ID } };
}

function withoutStatus(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const task = body.disaster_recovery;
  if (!task || typeof task !== "object" || Array.isArray(task)) return body;
  const rest: Record<string, unknown> = { ...(task as Record<string, unknown>) };
  delete rest.status;
  return { ...body, disaster_recovery: rest };
}

function hugeBody(body: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ ...body, padding: "x".repeat(HUGE_BODY_BYTES) });
}
