import { DrAction, isDrAction } from "../api/status-model";

/** A request the emulator serves, decoded from its method and path (reference/dws-dr-api.md §1). */
export type Route =
  | { readonly kind: "list"; readonly projectId: string; readonly query: URLSearchParams }
  | { readonly kind: "detail"; readonly projectId: string; readonly id: string }
  | {
      readonly kind: "action";
      readonly projectId: string;
      readonly id: string;
      readonly action: DrAction;
    }
  | { readonly kind: "progress"; readonly projectId: string; readonly id: string }
  | { readonly kind: "unknown" };

const LIST = /^\/v2\/([^/]+)\/disaster-recoveries$/;
const DETAIL = /^\/v2\/([^/]+)\/disaster-recovery\/([^/]+)$/;
const ACTION = /^\/v2\/([^/]+)\/disaster-recovery\/([^/]+)\/([a-z]+)$/;
// ShowDisasterProgress is the one DR operation under /v1 (reference §1, op 13).
const PROGRESS = /^\/v1\/([^/]+)\/disaster-recovery\/([^/]+)\/show-progress$/;

/**
 * Decodes a request. Paths match exactly (no trailing slash), like the gateway's registered APIs;
 * the other DR operations (create, update, delete, ...) are not emulated and read as unknown.
 */
export function matchRoute(method: string, target: string): Route {
  const url = new URL(target, "http://emulator.invalid");
  const path = url.pathname;
  let m: RegExpExecArray | null;
  if (method === "GET" && (m = LIST.exec(path))) {
    return { kind: "list", projectId: m[1], query: url.searchParams };
  }
  if (method === "GET" && (m = DETAIL.exec(path))) {
    return { kind: "detail", projectId: m[1], id: m[2] };
  }
  if (method === "POST" && (m = ACTION.exec(path)) && isDrAction(m[3])) {
    return { kind: "action", projectId: m[1], id: m[2], action: m[3] };
  }
  if (method === "GET" && (m = PROGRESS.exec(path))) {
    return { kind: "progress", projectId: m[1], id: m[2] };
  }
  return { kind: "unknown" };
}
