import type { DrAction } from "../api/status-model";

// Its own module, free of node:http, because the package root's types reach it (through
// RunningEmulator): an app compiling with skipLibCheck false and no @types/node must not see
// Node's modules (issue 20).

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
  /** For action requests: whether the service applied the action (the DR started moving). */
  readonly applied?: boolean;
}
