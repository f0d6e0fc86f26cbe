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
  const emulator = await startEmulator({
    host: typeof host === "string" ? host : "127.0.0.1",
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
