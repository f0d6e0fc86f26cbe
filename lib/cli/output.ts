import { secretRedactor } from "../api/redaction";

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
 * Wraps `io` so that no secret value can reach either stream, whatever a message carries, in any
 * form lib/api/redaction.ts knows (URL-encoded, another case, a long part): the last line of
 * defence behind never putting secrets into messages in the first place.
 */
export function redactingIo(io: CliIo, secrets: readonly string[]): CliIo {
  const redact = secretRedactor(secrets);
  return { stdout: (t) => io.stdout(redact(t)), stderr: (t) => io.stderr(redact(t)) };
}

// Characters that steer a terminal or a log viewer rather than show: C0 controls (ESC, CR, BS,
// ...), DEL, C1 controls (a lone 0x9B is a CSI for some terminals), the Unicode line and
// paragraph separators, and the bidirectional overrides that reorder what a reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same, except the line feed that ends this tool's own lines.
const CONTROL_BUT_NEWLINE =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeControl(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` (from the service, the emulator, or a message that quotes them) made safe for one line:
 * every control character, line feed included, shown escaped (`\x1b`, `\r`, `\n`), so it can
 * neither steer a terminal nor start a line of its own (a forged `::add-mask::` or "Apply
 * complete!" line in a CI log).
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/**
 * A value from the service that a line of output starts with (a DR id): shown as is when it is
 * the plain id it should be, quoted otherwise, so service text never begins a line.
 */
export function lineStart(value: string | undefined): string {
  const text = value ?? "?";
  return /^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(text) ? text : JSON.stringify(oneLine(text));
}

/**
 * Wraps `io` so that no control character other than the line feed ending a line reaches either
 * stream, whatever a message carries. In JSON output the characters JSON.stringify leaves raw
 * (DEL, C1, U+2028/9, bidi overrides) become `\u` escapes, which keeps the JSON valid. Line feeds
 * inside service text are escaped where the text is placed ({@link oneLine}).
 */
export function cleanIo(io: CliIo): CliIo {
  const clean = (text: string) =>
    text.replace(CONTROL_BUT_NEWLINE, (char) =>
      char < "\u0020"
        ? escapeControl(char)
        : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  return { stdout: (t) => io.stdout(clean(t)), stderr: (t) => io.stderr(clean(t)) };
}

/** Writes one progress line to stderr, prefixed so it stands out in a Terraform log. */
export function progressLine(io: CliIo): (line: string) => void {
  return (line) => io.stderr(`[dws-dr] ${oneLine(line)}\n`);
}
