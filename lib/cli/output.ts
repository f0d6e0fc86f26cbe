/** Where the CLI writes: progress to stderr, results to stdout. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Wraps `io` so that no secret value can reach either stream, whatever a message carries: the last
 * line of defence behind never putting secrets into messages in the first place.
 */
export function redactingIo(io: CliIo, secrets: readonly string[]): CliIo {
  const live = secrets.filter((s) => s.length >= 4);
  if (live.length === 0) return io;
  const redact = (text: string) =>
    live.reduce((out, secret) => out.split(secret).join("<redacted>"), text);
  return { stdout: (t) => io.stdout(redact(t)), stderr: (t) => io.stderr(redact(t)) };
}

/** Writes one progress line to stderr, prefixed so it stands out in a Terraform log. */
export function progressLine(io: CliIo): (line: string) => void {
  return (line) => io.stderr(`[dws-dr] ${line}\n`);
}
