import { EXIT_CODES } from "../api/errors";
import { processIo } from "./output";
import { runCli } from "./run-cli";

// The `dws-dr` bin and the file local-exec runs (bundled into dist/runtime/dws-dr.cjs).

// A runtime whose Terraform run ended writes to a pipe nobody reads (EPIPE): that must not crash
// it before it has stopped and kept its report (lib/cli/interruption-report.ts).
process.stderr.on("error", () => undefined);
process.stdout.on("error", () => undefined);
runCli(process.argv.slice(2), process.env, processIo).then(
  (code) => {
    // An interrupted run may leave a request open; it must not keep the process alive.
    if (code === EXIT_CODES.interrupted) process.exit(code);
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dws-dr: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
