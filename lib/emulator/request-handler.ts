import { randomBytes } from "node:crypto";
import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { DrAction } from "../api/status-model";
import { checkProjectScope, verifyRequest } from "./auth";
import { EmulatorState, TaskSnapshot } from "./emulator-state";
import { Fault, FaultBook } from "./faults";
import {
  actionNotAllowed,
  API_NOT_FOUND,
  defaultFaultReply,
  errorReply,
  OPERATION_IN_PROGRESS,
  Reply,
  taskNotFound,
} from "./replies";
import { matchRoute, Route } from "./routes";
import { Seed } from "./seed";
import { detailView, listItemView, progressView } from "./task-views";

/** One request the emulator received, and what became of it. */
export interface RequestLogEntry {
  readonly method: string;
  /** The request target as received: path and query. */
  readonly path: string;
  /** The DR action, for action requests. */
  readonly action?: DrAction;
  /** The DR id in the path, when there is one. */
  readonly disasterRecoveryId?: string;
  /** The HTTP status sent; undefined when an injected fault dropped the connection. */
  readonly responseStatus: number | undefined;
  /** When the request arrived (epoch ms, emulator clock). */
  readonly at: number;
  /** Whether the request passed authentication. */
  readonly authenticated: boolean;
}

/** What the request handler works with. */
export interface HandlerContext {
  readonly seed: Seed;
  readonly state: EmulatorState;
  readonly faults: FaultBook;
  readonly clock: () => number;
  /** Records a request once its outcome is known. */
  readonly record: (entry: RequestLogEntry) => void;
  /** Runs `run` after `delayMs`, on a timer the server cancels when it stops. */
  readonly later: (run: () => void, delayMs: number) => void;
}

const CONTENT_TYPE = "application/json;charset=UTF-8";

/** The node:http request listener: read the body, authenticate, inject faults, serve. */
export function createRequestHandler(
  context: HandlerContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        handle(context, request, response, Buffer.concat(chunks).toString("utf8"));
      } catch (error) {
        // A bug here must not take the whole emulator (and a demo) down with it.
        if (!response.headersSent) {
          send(
            response,
            errorReply(500, "DWS.9999", `Emulator error: ${(error as Error).message}`),
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

  const finish = (authenticated: boolean, reply: Reply | undefined): void => {
    context.record({
      method,
      path: target,
      action,
      disasterRecoveryId,
      responseStatus: reply?.status,
      at,
      authenticated,
    });
    if (reply) send(response, reply);
    else request.socket.destroy();
  };

  const auth = verifyRequest({ method, target, headers: request.headers, body }, context.seed, at);
  if (!auth.ok) return finish(false, auth.reply);

  // Faults come after auth, so a fault-injected request is still a verified one.
  const fault = context.faults.take({ method, target, action });
  const reply = handleFaulted(context, route, request.headers, fault);
  const deliver = () => finish(true, fault?.drop ? undefined : reply);
  if (fault?.latencyMs) context.later(deliver, fault.latencyMs);
  else deliver();
}

// Applies the request unless the fault replaces it; undefined means nothing is to be sent.
function handleFaulted(
  context: HandlerContext,
  route: Route,
  headers: IncomingHttpHeaders,
  fault: Fault | undefined,
): Reply | undefined {
  if (fault?.drop === "before") return undefined;
  if (fault?.status !== undefined) {
    const reply = fault.body
      ? { status: fault.status, body: fault.body }
      : defaultFaultReply(fault.status);
    return fault.retryAfter === undefined
      ? reply
      : { ...reply, headers: { "Retry-After": fault.retryAfter } };
  }
  return serve(context, route, headers);
}

function serve(context: HandlerContext, route: Route, headers: IncomingHttpHeaders): Reply {
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
      return task ? ok({ disaster_recovery: detailView(task) }) : taskNotFound(route.id);
    }
    case "progress": {
      const task = state.get(route.id);
      return task
        ? ok({ disaster_recovery_progress: progressView(task, context.clock()) })
        : taskNotFound(route.id);
    }
    case "action": {
      const outcome = state.apply(route.id, route.action);
      if (outcome.kind === "not-found") return taskNotFound(route.id);
      if (outcome.kind === "busy") return OPERATION_IN_PROGRESS;
      if (outcome.kind === "refused") return actionNotAllowed(route.action, outcome.status);
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

function send(response: ServerResponse, reply: Reply): void {
  const requestId = randomBytes(16).toString("hex");
  // Gateway and DWS error bodies carry the request id too; a body a test scripted keeps its own.
  const body =
    reply.status >= 400 && !("request_id" in reply.body)
      ? { ...reply.body, request_id: requestId }
      : reply.body;
  response.writeHead(reply.status, {
    "Content-Type": CONTENT_TYPE,
    "X-Request-Id": requestId,
    ...reply.headers,
  });
  response.end(JSON.stringify(body));
}
