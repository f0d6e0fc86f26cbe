import { DrAction } from "../api/status-model";

/** Which requests a fault applies to; every given field must match, none given matches all. */
export interface FaultMatch {
  /** HTTP method, any case. */
  readonly method?: string;
  /** Only requests for this DR action. */
  readonly action?: DrAction;
  /** Only requests whose target (path and query) contains this text. */
  readonly pathIncludes?: string;
}

/** A failure to inject into the next matching (authenticated) requests. */
export interface Fault {
  /** Which requests it applies to. */
  readonly match: FaultMatch;
  /**
   * How many matching requests it applies to (`Infinity` for all).
   * @default 1
   */
  readonly times?: number;
  /**
   * Let this many matching requests through untouched first (e.g. 1 to spare a run's first
   * status read and hit its polls).
   * @default 0
   */
  readonly skip?: number;
  /**
   * Apply to every n-th matching request only (e.g. 3: the 3rd, 6th, ...), letting the others
   * through untouched: a service that throttles a share of the traffic.
   * @default 1
   */
  readonly everyNth?: number;
  /**
   * Reply with this status instead of handling the request (the request is not applied).
   * @default - the request is handled normally
   */
  readonly status?: number;
  /**
   * Body sent with `status`.
   * @default - what the service sends for that status, e.g. 503 DWS.0005, 429 APIG.0308
   */
  readonly body?: Readonly<Record<string, unknown>>;
  /**
   * `Retry-After` header sent with `status`.
   * @default - none
   */
  readonly retryAfter?: string;
  /**
   * Delay the response by this long; an action is applied at once, only the reply is late.
   * @default 0
   */
  readonly latencyMs?: number;
  /**
   * Close the connection with no response: `before` applying the request, or `after` applying
   * it (an accepted action whose response is lost: the ambiguous outcome).
   * @default - a response is sent
   */
  readonly drop?: "before" | "after";
  /**
   * Reply with something other than the API's JSON (see {@link OddReply}).
   * @default - the API's reply
   */
  readonly odd?: OddReply;
  /**
   * After this request, stop accepting connections (new ones are refused, as by a host with
   * nothing listening) until `resumeListening()`. The reply carries `Connection: close`.
   * @default false
   */
  readonly stopListening?: boolean;
}

/**
 * Replies that are not the API's JSON, as proxies, gateways and broken services send them. The
 * first group applies the request and then garbles the answer (the service acted; the client
 * cannot tell); the second never reaches the service.
 * - `other-id`: applied; 200 naming another DR id.
 * - `not-json`: applied; 200 with a truncated JSON body.
 * - `empty`: applied; 200 with no body.
 * - `huge`: applied; 200 with a JSON body of 8 MiB.
 * - `no-status`: applied; a detail without `status` (reads only).
 * - `html-error`: not applied; 502 with a proxy's HTML error page.
 * - `wrong-content-type`: not applied; 200 `text/html` (a captive portal's login page).
 * - `redirect`: not applied; 302 to a login page.
 * - `unexpected-2xx`: not applied; 204 with no body (a proxy that swallowed the request).
 */
export const ODD_REPLIES = [
  "other-id",
  "not-json",
  "empty",
  "huge",
  "no-status",
  "html-error",
  "wrong-content-type",
  "redirect",
  "unexpected-2xx",
] as const;

/** One of {@link ODD_REPLIES}. */
export type OddReply = (typeof ODD_REPLIES)[number];

/** Whether the service applies a request whose reply is `odd` (see {@link OddReply}). */
export function oddReplyApplies(odd: OddReply): boolean {
  return ["other-id", "not-json", "empty", "huge", "no-status"].includes(odd);
}

/** What a request looks like to fault matching. */
export interface FaultTarget {
  readonly method: string;
  readonly target: string;
  readonly action?: DrAction;
}

/** The injected faults not yet used up, matched in the order they were injected. */
export class FaultBook {
  private readonly armed: { fault: Fault; remaining: number; toSkip: number; seen: number }[] = [];

  /** Arms a fault; throws on a fault that cannot be carried out. */
  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times >= 1)) throw new Error(`emulator fault: times must be >= 1 (got ${times})`);
    const replies = [fault.status, fault.drop, fault.odd].filter((v) => v !== undefined);
    if (replies.length > 1) {
      throw new Error("emulator fault: give at most one of status, drop and odd");
    }
    if (fault.odd !== undefined && !(ODD_REPLIES as readonly string[]).includes(fault.odd)) {
      throw new Error(`emulator fault: odd "${fault.odd}" is not one of ${ODD_REPLIES.join(", ")}`);
    }
    if (fault.status !== undefined && !(fault.status >= 100 && fault.status <= 599)) {
      throw new Error(`emulator fault: status ${fault.status} is not an HTTP status`);
    }
    const skip = fault.skip ?? 0;
    if (!(skip >= 0)) throw new Error(`emulator fault: skip must be >= 0 (got ${skip})`);
    const every = fault.everyNth ?? 1;
    if (!Number.isInteger(every) || every < 1) {
      throw new Error(`emulator fault: everyNth must be a whole number >= 1 (got ${every})`);
    }
    this.armed.push({ fault, remaining: times, toSkip: skip, seen: 0 });
  }

  /** Uses up one application of the first fault matching `request`, if any. */
  take(request: FaultTarget): Fault | undefined {
    const index = this.armed.findIndex(({ fault }) => matches(fault.match, request));
    if (index < 0) return undefined;
    const entry = this.armed[index];
    if (entry.toSkip > 0) {
      entry.toSkip -= 1;
      return undefined;
    }
    entry.seen += 1;
    if (entry.seen % (entry.fault.everyNth ?? 1) !== 0) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed.splice(index, 1);
    return entry.fault;
  }
}

function matches(match: FaultMatch, request: FaultTarget): boolean {
  return (
    (match.method === undefined || match.method.toUpperCase() === request.method) &&
    (match.action === undefined || match.action === request.action) &&
    (match.pathIncludes === undefined || request.target.includes(match.pathIncludes))
  );
}
