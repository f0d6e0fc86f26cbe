import { badInput } from "./errors";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^(\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

/** The longest duration accepted: a week. */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/** The accepted duration form, for error messages. */
export const DURATION_FORM = 'a number with a unit, e.g. "30m", "90s", "1h30m" or "500ms"';

/**
 * Parses a duration such as `30m`, `1h30m`, `90s` or `500ms` into milliseconds.
 * Returns undefined when the text is not a duration, so callers can name the offending option.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION_PATTERN.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return Math.round(total);
}

/** Parses `text` for the option `name`, or throws a bad-input error naming it. */
export function requireDuration(name: string, text: string): number {
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(text)) {
    const amount = text.trim();
    throw badInput(
      `${name}: "${text}" has no unit`,
      `Write the unit, e.g. "${amount}s" or "${amount}m" (units: ms, s, m, h).`,
    );
  }
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw badInput(`${name}: "${text}" is not a positive duration`, `Use ${DURATION_FORM}.`);
  }
  // Node's timers overflow past ~24.8 days and fire at once: a huge poll interval would poll in
  // a tight loop. No DR action waits anywhere near a week.
  if (ms > MAX_DURATION_MS) {
    throw badInput(`${name}: "${text}" is longer than 168h (a week)`, `Use ${DURATION_FORM}.`);
  }
  return ms;
}

/** Renders milliseconds for progress lines: `850ms`, `12.3s`, `4m05s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, "0")}s`;
}

/** Renders a duration the way a user writes one: `30m`, `1h30m`, `90s` shows as `1m30s`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`];
  return parts.filter(Boolean).join("");
}
