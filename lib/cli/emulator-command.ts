import { isLoopbackHost } from "../api/endpoints";
import { requireDuration } from "../api/duration";
import { badInput } from "../api/errors";
import { startEmulator, loadSeedFile, defaultSeed, validateSeed } from "../emulator";
import type { RunningEmulator, Seed } from "../emulator";
import type { CliIo } from "./output";
import type { CommandLine } from "./parse-options";

/** `dws-dr emulator`: serves the emulated API until SIGINT or SIGTERM, then exits 0. */
export async function runEmulatorCommand(line: CommandLine, io: CliIo): Promise<number> {
  const { host, port, transition } = line.values;
  const portNumber = port === undefined ? 0 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    throw badInput(`port: "${port}" is not a port number`, "Use 0 (any free port) to 65535.");
  }
  const listenHost = typeof host === "string" ? host : "127.0.0.1";
  if (!isLoopbackHost(listenHost)) {
    // Its seeded keys are printed on stdout and its checks are a model's, not the service's.
    io.stderr(
      `dws-dr emulator: warning: listening on ${JSON.stringify(listenHost)}, which is not loopback: ` +
        "the emulator is for local use (demos and tests), and other machines can now reach it " +
        "and act with its demo account. Use --host 127.0.0.1 unless that is what you want.\n",
    );
  }
  const emulator = await listenOrExplain(portNumber, listenHost, () =>
    startEmulator({
      host: listenHost,
      port: portNumber,
      seed: emulatorSeed(line),
      transitionMs:
        typeof transition === "string" ? requireDuration("transition", transition) : undefined,
    }),
  );
  io.stdout(`${JSON.stringify(emulator.readyLine())}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  return 0;
}

/**
 * The account to serve: the seed file's or the default demo account, with the fixed project id
 * and keys of the flags on top (so a demo can export the same keys on every start).
 */
function emulatorSeed(line: CommandLine): Seed | undefined {
  const values = line.values;
  const text = (name: string) => (typeof values[name] === "string" ? values[name] : undefined);
  const base = text("seed") === undefined ? undefined : loadSeedFile(text("seed") as string);
  const projectId = text("project-id");
  const accessKey = text("access-key");
  const secretKey = text("secret-key");
  if ((accessKey === undefined) !== (secretKey === undefined)) {
    throw badInput(
      "--access-key and --secret-key: only one given",
      "Give both (a demo key pair of your choice), or neither for a random pair.",
    );
  }
  if (projectId === undefined && accessKey === undefined) return base;
  const seed: Seed = {
    ...(base ?? defaultSeed()),
    ...(projectId === undefined ? {} : { projectId }),
    ...(accessKey === undefined ? {} : { accessKey, secretKey: secretKey as string }),
  };
  return validateSeed(seed, "dws-dr emulator flags");
}

// A busy port is the usual first-run mistake (a previous emulator still running): say which port
// and what to do instead of Node's bare `listen EADDRINUSE`.
async function listenOrExplain(
  port: number,
  host: string,
  start: () => Promise<RunningEmulator>,
): Promise<RunningEmulator> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw badInput(
        `port ${port} on ${host} is already in use (another emulator still running?)`,
        "Stop what listens there, pick another port, or use --port 0 for any free port " +
          "(the ready line says which one it got).",
      );
    }
    if (code === "EADDRNOTAVAIL" || code === "EACCES") {
      throw badInput(
        `cannot listen on ${host}:${port} (${code})`,
        "Use --host 127.0.0.1 and --port 0, or a port above 1023.",
      );
    }
    throw error;
  }
}
