import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { ActionJournal } from "./action-journal";
import { checkProjectScope, verifyRequest } from "./auth";
import { EmulatorState, TaskSnapshot } from "./emulator-state";
import { Fault, FaultBook, oddReplyApplies } from "./faults";
import {
  actionNotAllowed,
  API_NOT_FOUND,
  BODY_TOO_LARGE,
  defaultFaultReply,
  errorReply,
  OPERATION_IN_PROGRESS,
  Reply,
  taskNotFound,
} from "./replies";
import { matchRoute, Route } from "./routes";
import { Seed } from "./seed";
import { StaleReads } from "./stale-reads";
import { detailView, listItemView, progressView } from "./task-views";
import type { RequestLogEntry } from "./request-log";
import { jsonWireReply, oddWireReply, WireReply } from "./wire-reply";

/** What the request handler works with. */
export interface HandlerContext {
  readonly seed: Seed;
  readonly state: EmulatorState;
  readonly faults: FaultBook;
  readonly clock: () => number;
  /** Records a request when it is handled (before a delayed reply goes out). */
  readonly record: (entry: RequestLogEntry) => void;
  /** Runs `run` after `delayMs`, on a timer the server cancels when it stops. */
  readonly later: (run: () => void, delayMs: number) => void;
  /** Detail reads served from before the last action, for a while after it. */
  readonly staleReads: StaleReads;
  /** Stops accepting connections (a fault's `stopListening`). */
  readonly stopListening: () => void;
  /** Where action requests that reach the DR state machine are journaled. */
  readonly journal?: ActionJournal;
}

/**
 * The largest request body the emulator reads (64 KiB): DR action bodies are empty or tiny, and
 * an unbounded body would let any local client fill the emulator's memory.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** The node:http request listener: read the body, authenticate, inject faults, serve. */
export function createRequestHandler(
  context: HandlerContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) {
        // Read to the end (and dropped), so the client gets the answer rather than a reset.
        context.record({
          method: request.method ?? "GET",
          path: request.url ?? "/",
          responseStatus: 413,
          at: context.clock(),
          authenticated: false,
        });
        return send(response, jsonWireReply(BODY_TOO_LARGE));
      }
      try {
        handle(context, request, response, Buffer.concat(chunks).toString("utf8"));
      } catch (error) {
        // A bug here must not take the whole emulator (and a demo) down with it.
        if (!response.headersSent) {
          send(
            response,
            jsonWireReply(
              errorReply(500, "DWS.9999", `Emulator error: ${(error as Error).message}`),
            ),
          );
        }
      }
    });
  };
}

function handle(
  context: HandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
): void {
  const at = context.clock();
  const method = request.method ?? "GET";
  const target = request.url ?? "/";
  const route = matchRoute(method, target);
  const action = route.kind === "action" ? route.action : undefined;
  const disasterRecoveryId = "id" in route ? route.id : undefined;

  const history = () =>
    disasterRecoveryId === undefined
      ? 0
      : (context.state.get(disasterRecoveryId)?.statusHistory.length ?? 0);
  const historyBefore = history();
  // Recorded when the request is handled (a late reply is still a request received and applied).
  const record = (authenticated: boolean, reply: WireReply | undefined, applied?: boolean) =>
    context.record({
      method,
      path: target,
      action,
      disasterRecoveryId,
      responseStatus: reply?.status,
      at,
      authenticated,
      ...(action === undefined ? {} : { applied: applied ?? false }),
    });
  const deliver = (reply: WireReply | undefined): void => {
    if (reply) send(response, reply);
    else request.socket.destroy();
  };

  const auth = verifyRequest({ method, target, headers: request.headers, body }, context.seed, at);
  if (!auth.ok) {
    const reply = jsonWireReply(auth.reply);
    record(false, reply);
    return deliver(reply);
  }

  // Faults come after auth, so a fault-injected request is still a verified one.
  const fault = context.faults.take({ method, target, action });
  let reply = handleFaulted(context, route, request.headers, fault, { method, path: target });
  if (fault?.stopListening && reply) {
    // The client must not reuse this connection: its next request has to find nobody listening.
    reply = { ...reply, headers: { ...reply.headers, Connection: "close" } };
  }
  const sent = fault?.drop ? undefined : reply;
  record(true, sent, action !== undefined && history() > historyBefore);
  const finish = () => {
    deliver(sent);
    if (fault?.stopListening) context.stopListening();
  };
  if (fault?.latencyMs) context.later(finish, fault.latencyMs);
  else finish();
}

// Applies the request unless the fault replaces it; undefined means nothing is to be sent.
function handleFaulted(
  context: HandlerContext,
  route: Route,
  headers: IncomingHttpHeaders,
  fault: Fault | undefined,
  request: { method: string; path: string },
): WireReply | undefined {
  if (fault?.drop === "before") return undefined;
  if (fault?.status !== undefined) {
    const reply = fault.body
      ? { status: fault.status, body: fault.body }
      : defaultFaultReply(fault.status);
    return jsonWireReply(
      fault.retryAfter === undefined
        ? reply
        : { ...reply, headers: { "Retry-After": fault.retryAfter } },
    );
  }
  if (fault?.odd !== undefined) {
    // What the API would have answered; only computed (and so applied) when the service acts.
    const served = oddReplyApplies(fault.odd)
      ? serve(context, route, headers, request)
      : API_NOT_FOUND;
    return oddWireReply(fault.odd, served);
  }
  return jsonWireReply(serve(context, route, headers, request));
}

function serve(
  context: HandlerContext,
  route: Route,
  headers: IncomingHttpHeaders,
  request: { method: string; path: string },
): Reply {
  if (route.kind === "unknown") return API_NOT_FOUND;
  const forbidden = checkProjectScope(headers, route.projectId, context.seed);
  if (forbidden) return forbidden;

  const { state } = context;
  switch (route.kind) {
    case "list": {
      const items = state
        .list()
        .filter((task) => matchesQuery(task, route.query))
        .map((task) => listItemView(task, route.projectId));
      return ok({ disaster_recovery: items });
    }
    case "detail": {
      const task = state.get(route.id);
      if (!task) return taskNotFound(route.id);
      const stale = context.staleReads.viewAt(route.id, context.clock());
      return ok({ disaster_recovery: stale ?? detailView(task) });
    }
    case "progress": {
      const task = state.get(route.id);
      return task
        ? ok({ disaster_recovery_progress: progressView(task, context.clock()) })
        : taskNotFound(route.id);
    }
    case "action": {
      const before = state.get(route.id);
      const outcome = state.apply(route.id, route.action);
      context.journal?.record(context.clock(), request, route.id, route.action, outcome, before);
      if (outcome.kind === "not-found") return taskNotFound(route.id);
      if (outcome.kind === "busy") return OPERATION_IN_PROGRESS;
      if (outcome.kind === "refused") return actionNotAllowed(route.action, outcome.status);
      if (before) context.staleReads.actionAccepted(route.id, detailView(before), context.clock());
      return ok({ disaster_recovery: { id: route.id } });
    }
  }
}

// The list's documented filters (reference §3.2); each one given must match.
function matchesQuery(task: TaskSnapshot, query: URLSearchParams): boolean {
  const filters: [string, string][] = [
    ["id", task.id],
    ["primary_cluster_id", task.primaryCluster.id],
    ["standby_cluster_id", task.standbyCluster.id],
  ];
  return filters.every(([name, value]) => !query.has(name) || query.get(name) === value);
}

function ok(body: Record<string, unknown>): Reply {
  return { status: 200, body };
}

function send(response: ServerResponse, reply: WireReply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.text);
}
