import { isLoopbackHost } from "../api/endpoints";
import { badInput } from "../api/errors";
import { startEmulator, loadSeedFile } from "../emulator";
import type { CliIo } from "./output";
import type { CommandLine } from "./parse-options";

/** `dws-dr emulator`: serves the emulated API until SIGINT or SIGTERM, then exits 0. */
export async function runEmulatorCommand(line: CommandLine, io: CliIo): Promise<number> {
  const { host, port, seed } = line.values;
  const portNumber = port === undefined ? 0 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    throw badInput(`port: "${port}" is not a port number`, "Use 0 (any free port) to 65535.");
  }
  const bindHost = typeof host === "string" ? host : "127.0.0.1";
  if (!isLoopbackHost(bindHost)) {
    // Its seeded keys are printed on stdout and its checks are a model's, not the service's.
    io.stderr(
      `dws-dr emulator: warning: listening on ${JSON.stringify(bindHost)}, which is not loopback: ` +
        "the emulator is for local use (demos and tests), and other machines can now reach it " +
        "and act with its demo account. Use --host 127.0.0.1 unless that is what you want.\n",
    );
  }
  const emulator = await startEmulator({
    host: bindHost,
    port: portNumber,
    seed: typeof seed === "string" ? loadSeedFile(seed) : undefined,
  });
  io.stdout(`${JSON.stringify(emulator.readyLine())}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  return 0;
}
