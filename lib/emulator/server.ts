import { AddressInfo } from "node:net";
import { createServer, Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { DrAction } from "../api/status-model";
import { ActionJournal, JournalEntry } from "./action-journal";
import { EmulatorState, TaskSnapshot } from "./emulator-state";
import { Fault, FaultBook } from "./faults";
import { createRequestHandler } from "./request-handler";
import type { RequestLogEntry } from "./request-log";
import { defaultSeed, Seed, validateSeed } from "./seed";
import { StaleReads } from "./stale-reads";

/** How to start an emulator. */
export interface EmulatorOptions {
  /**
   * Interface to listen on.
   * @default "127.0.0.1"
   */
  readonly host?: string;
  /**
   * Port to listen on; 0 picks a free one.
   * @default 0
   */
  readonly port?: number;
  /**
   * The account and DR tasks to serve.
   * @default - the default seed (`defaultSeed()` of lib/emulator): the demo project, a fresh random AK/SK and four tasks
   */
  readonly seed?: Seed;
  /**
   * How long (ms) an action's in-progress status (`starting`, `stopping`, ...) lasts.
   * @default 1500
   */
  readonly transitionMs?: number;
  /**
   * Per-action overrides of `transitionMs`.
   * @default - every action uses `transitionMs`
   */
  readonly transitionMsByAction?: Readonly<Partial<Record<DrAction, number>>>;
  /**
   * The emulator's clock (epoch ms), for X-Sdk-Date checks and the times it reports.
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * For this long (ms) after an accepted action, detail reads show the DR as it was before the
   * action, as the real service does for a moment.
   * @default 0
   */
  readonly staleReadsMs?: number;
  /**
   * Serve https with this PEM key and certificate instead of plain http.
   * @default - plain http
   */
  readonly tls?: EmulatorTls;
}

/** The key pair an https emulator serves with. */
export interface EmulatorTls {
  /** The private key, PEM. */
  readonly key: string;
  /** The certificate, PEM (self-signed is fine: clients trust it through NODE_EXTRA_CA_CERTS). */
  readonly cert: string;
}

/** The JSON line `dws-dr emulator` prints when ready (DESIGN.md). */
export interface ReadyLine {
  readonly endpoint: string;
  readonly projectId: string;
  readonly disasterRecoveryIds: readonly string[];
  readonly accessKey: string;
  readonly secretKey: string;
}

/** A running emulator: its account, its request log, and handles to steer it from tests. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** The project id every path must carry (the seed's). */
  readonly projectId: string;
  /** The only access key it accepts (the seed's). */
  readonly accessKey: string;
  /** The secret key of `accessKey` (the seed's). */
  readonly secretKey: string;
  /** The seeded DR ids, in seed order. */
  readonly disasterRecoveryIds: readonly string[];
  /** Every request received so far, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** The ready line's object. */
  readyLine(): ReadyLine;
  /**
   * Every action request that reached the DR state machine, oldest first, with the DR's status
   * and primary cluster when it arrived and whether it was applied.
   */
  readonly journal: readonly JournalEntry[];
  /** The logged requests for `action` (on DR `id`, when given). */
  actionRequests(action: DrAction, id?: string): RequestLogEntry[];
  /** A DR task's current state, or undefined when the id is unknown. */
  getTask(id: string): TaskSnapshot | undefined;
  /** Forces a task's status (any string), cancelling its running transition. */
  setStatus(id: string, status: string): void;
  /** Makes the next accepted `action` on `id` end in `failedStatus` (e.g. `start_failed`). */
  failNextAction(id: string, action: DrAction, failedStatus: string): void;
  /** Arms a fault for the next matching authenticated request(s). */
  injectFault(fault: Fault): void;
  /** Changes `staleReadsMs` for actions accepted from now on (0 turns stale reads off). */
  setStaleReadsMs(ms: number): void;
  /** True while detail reads of `id` still show it as before its last action (`staleReadsMs`). */
  servesStaleDetail(id: string): boolean;
  /** Stops accepting connections: new ones are refused until {@link resumeListening}. */
  stopListening(): Promise<void>;
  /** Accepts connections again, on the same port. */
  resumeListening(): Promise<void>;
  /** Stops listening, cancels timers and drops open connections. */
  stop(): Promise<void>;
}

const DEFAULT_TRANSITION_MS = 1500;

/** Starts a local DWS DR API server on node:http; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ? validateSeed(options.seed, "seed") : defaultSeed();
  const clock = options.clock ?? Date.now;
  const transitionMs = options.transitionMs ?? DEFAULT_TRANSITION_MS;
  const state = new EmulatorState(
    seed,
    (action) => options.transitionMsByAction?.[action] ?? transitionMs,
    clock,
  );
  const faults = new FaultBook();
  const log: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let listening: Promise<void> = Promise.resolve();
  const staleReads = new StaleReads(options.staleReadsMs ?? 0);
  const journal = new ActionJournal();

  const handler = createRequestHandler({
    seed,
    state,
    faults,
    clock,
    record: (entry) => log.push(entry),
    later: (run, delayMs) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, delayMs);
      timers.add(timer);
    },
    staleReads,
    stopListening: () => void stopListening(),
    journal,
  });
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createServer(handler);
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 0, host);

  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? "https" : "http";
  const endpoint = `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // close() stops accepting at once; the callback waits for open connections, so do not wait.
  const stopListening = () => {
    listening = listening.then(() => {
      if (server.listening) server.close();
    });
    return listening;
  };
  const resumeListening = () => {
    listening = listening.then(() => (server.listening ? undefined : listen(server, port, host)));
    return listening;
  };
  const disasterRecoveryIds = seed.tasks.map((task) => task.id);
  let stopping: Promise<void> | undefined;

  return {
    endpoint,
    projectId: seed.projectId,
    accessKey: seed.accessKey,
    secretKey: seed.secretKey,
    disasterRecoveryIds,
    get requests() {
      return [...log];
    },
    get journal() {
      return journal.list();
    },
    readyLine: () => ({
      endpoint,
      projectId: seed.projectId,
      disasterRecoveryIds,
      accessKey: seed.accessKey,
      secretKey: seed.secretKey,
    }),
    actionRequests: (action, id) =>
      log.filter((e) => e.action === action && (id === undefined || e.disasterRecoveryId === id)),
    getTask: (id) => state.get(id),
    setStatus: (id, status) => state.setStatus(id, status),
    failNextAction: (id, action, failedStatus) => state.failNextAction(id, action, failedStatus),
    injectFault: (fault) => faults.inject(fault),
    setStaleReadsMs: (ms) => staleReads.setWindow(ms),
    servesStaleDetail: (id) => staleReads.isStale(id, clock()),
    stopListening,
    resumeListening,
    stop: () => {
      stopping ??= listening.then(
        () =>
          new Promise<void>((resolve) => {
            state.dispose();
            for (const timer of timers) clearTimeout(timer);
            timers.clear();
            if (server.listening) server.close(() => resolve());
            else resolve();
            // close() alone waits for keep-alive connections to go idle and time out.
            server.closeAllConnections();
          }),
      );
      return stopping;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
