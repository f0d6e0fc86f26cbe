import { IncomingHttpHeaders, request as httpRequest } from "node:http";
import { AccessKeyCredentials, signRequest } from "../../lib/api/signer";
import type { DrStatus } from "../../lib/api/status-model";
import {
  EmulatorOptions,
  RunningEmulator,
  Seed,
  SeedTask,
  startEmulator,
} from "../../lib/emulator";

/**
 * Starts an emulator before each test of the enclosing block and stops it after; returns a getter
 * for the current one.
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeEach(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });
  return () => {
    if (!emulator) throw new Error("useEmulator: no emulator outside a test");
    return emulator;
  };
}

/** The primary cluster of {@link twoClusterSeed}'s DR pair. */
export const PRIMARY_CLUSTER = "11111111-1111-4111-8111-111111111111";
/** The standby cluster of {@link twoClusterSeed}'s DR pair. */
export const STANDBY_CLUSTER = "22222222-2222-4222-8222-222222222222";

/** An emulator account in the suites' project, with the suite's own keys, holding `tasks`. */
export function seedOf(accessKey: string, secretKey: string, tasks: SeedTask[]): Seed {
  return { projectId: "89cd04f168b84af6be287f71730fdb4b", accessKey, secretKey, tasks };
}

/** The primary cluster {@link pairsSeed} gives DR `id`: `aaaaaaaa-0000-4000-8000-` and its last 12 digits. */
export const primaryOf = (id: string): string => `aaaaaaaa-0000-4000-8000-${id.slice(-12)}`;
/** The standby cluster {@link pairsSeed} gives DR `id`: `bbbbbbbb-0000-4000-8000-` and its last 12 digits. */
export const standbyOf = (id: string): string => `bbbbbbbb-0000-4000-8000-${id.slice(-12)}`;

/** An account holding one DR pair per `[id, status]`, its clusters {@link primaryOf} and {@link standbyOf} the id. */
export function pairsSeed(
  accessKey: string,
  secretKey: string,
  pairs: ReadonlyArray<readonly [id: string, status: DrStatus]>,
): Seed {
  const tasks = pairs.map(([id, status]) => ({
    id,
    status,
    primaryClusterId: primaryOf(id),
    standbyClusterId: standbyOf(id),
  }));
  return seedOf(accessKey, secretKey, tasks);
}

/**
 * An account with one DR pair `drId` in `status`: primary {@link PRIMARY_CLUSTER} ("dws-prod"),
 * standby {@link STANDBY_CLUSTER} ("dws-dr"). Each suite passes its own secret key, so a leak
 * names the suite it came from.
 */
export function twoClusterSeed(drId: string, status: DrStatus, secretKey: string): Seed {
  return seedOf("AKEXAMPLEAKEXAMPLE00", secretKey, [
    {
      id: drId,
      status,
      primaryClusterId: PRIMARY_CLUSTER,
      primaryClusterName: "dws-prod",
      standbyClusterId: STANDBY_CLUSTER,
      standbyClusterName: "dws-dr",
    },
  ]);
}

/** Runs `test` against a fresh emulator started with `options`, and stops it whatever happens. */
export async function withEmulator<T>(
  options: EmulatorOptions,
  test: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator(options);
  try {
    return await test(emulator);
  } finally {
    await emulator.stop();
  }
}

/** A plain HTTP request to send. */
export interface RawRequest {
  readonly method: string;
  /** Path and query, e.g. `/v2/{project}/disaster-recoveries?id=...`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What came back; `body` is the parsed JSON (empty when the text is not JSON). */
export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** The body as received. */
  readonly text: string;
}

/** Sends a request as is, on a fresh connection; rejects on a socket error (e.g. a dropped reply). */
export function sendRaw(endpoint: string, raw: RawRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(raw.path, endpoint),
      { method: raw.method, headers: raw.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: parseJson(text),
            text,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(raw.body);
  });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** How {@link sendSigned} deviates from a correct request, to test refusals. */
export interface SigningOptions {
  /** Headers to sign besides host and X-Sdk-Date; `content-type` and `X-Project-Id` by default. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Credentials to sign with; the emulator's by default. */
  readonly credentials?: AccessKeyCredentials;
  /** Signing time; now by default. */
  readonly now?: Date;
  /** Edits the signed header map before sending (tampering, unsigned extras). */
  readonly alter?: (headers: Record<string, string>) => Record<string, string>;
  readonly body?: string;
}

/** Signs a request like the SDK does (signing.md §1.1) and sends it to the emulator. */
export function sendSigned(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: SigningOptions = {},
): Promise<TestResponse> {
  const headers = signRequest(
    {
      method,
      url: new URL(path, emulator.endpoint).href,
      headers: options.headers ?? {
        "content-type": "application/json",
        "X-Project-Id": emulator.projectId,
      },
      body: options.body,
    },
    options.credentials ?? { accessKey: emulator.accessKey, secretKey: emulator.secretKey },
    options.now,
  );
  return sendRaw(emulator.endpoint, {
    method,
    path,
    headers: options.alter ? options.alter(headers) : headers,
    body: options.body,
  });
}

/** The paths of the emulated DR API for `emulator`'s project. */
export function drPaths(emulator: RunningEmulator) {
  const p = emulator.projectId;
  return {
    list: `/v2/${p}/disaster-recoveries`,
    detail: (id: string) => `/v2/${p}/disaster-recovery/${id}`,
    action: (id: string, action: string) => `/v2/${p}/disaster-recovery/${id}/${action}`,
    progress: (id: string) => `/v1/${p}/disaster-recovery/${id}/show-progress`,
  };
}

/**
 * Polls `probe` until it returns true, failing after `timeoutMs`: for waiting on state the test
 * can observe instead of sleeping a fixed time.
 */
export async function waitFor(
  probe: () => boolean | Promise<boolean>,
  description: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
