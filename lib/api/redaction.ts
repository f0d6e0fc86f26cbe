/**
 * Removes secrets from text by their form, not only by exact copy: an error message may echo a
 * secret URL-encoded (a query string), JSON-escaped, in another case (a gateway that lower-cases
 * what it quotes) or cut short (a token truncated in a log line). Every run of text that matches
 * at least {@link MIN_PARTIAL} consecutive characters of a secret in one of these forms, case
 * ignored, is replaced by `<redacted>` (issue 22). Parts with fewer than four distinct characters
 * do not count (padding such as "00000000" is not key material); whole forms always do.
 */

/** The shortest run of a secret's characters that counts as an occurrence of it. */
export const MIN_PARTIAL = 8;

// A part like "00000000" (a test key's padding) matches too much ordinary text to count.
const MIN_DISTINCT = 4;

/** What a redacted run of text is replaced by. */
export const REDACTED = "<redacted>";

/** The forms a secret is looked for in: as is, URL-encoded (both ways) and JSON-escaped. */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    // application/x-www-form-urlencoded: spaces as "+", and "*" etc. escaped more eagerly.
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ]);
  return [...forms];
}

/**
 * A redactor for `secrets`: a function that replaces every run of its input sharing at least
 * {@link MIN_PARTIAL} consecutive characters (case ignored) with any form of any secret, and
 * every whole form (case ignored) however short. Secrets shorter than 4 characters are ignored.
 */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const grams = new Set<string>();
  // Whole forms are matched as such, however plain; parts only when they look like key material.
  const shortOnes: string[] = [];
  for (const secret of secrets.filter((s) => s.length >= 4)) {
    for (const form of secretForms(secret)) {
      const lower = form.toLowerCase();
      shortOnes.push(lower);
      for (let i = 0; i + MIN_PARTIAL <= lower.length; i++) {
        const gram = lower.slice(i, i + MIN_PARTIAL);
        if (new Set(gram).size >= MIN_DISTINCT) grams.add(gram);
      }
    }
  }
  if (grams.size === 0 && shortOnes.length === 0) return (text) => text;
  return (text) => {
    const lower = text.toLowerCase();
    // Lower-casing keeps lengths for everything but a few non-ASCII letters; where it does not,
    // positions would shift, so the whole text is dropped rather than risking a partial leak.
    if (lower.length !== text.length) return containsAny(lower, grams, shortOnes) ? REDACTED : text;
    const covered = new Uint8Array(text.length);
    for (let i = 0; i + MIN_PARTIAL <= lower.length; i++) {
      if (grams.has(lower.slice(i, i + MIN_PARTIAL))) covered.fill(1, i, i + MIN_PARTIAL);
    }
    for (const short of shortOnes) {
      for (let at = lower.indexOf(short); at >= 0; at = lower.indexOf(short, at + 1)) {
        covered.fill(1, at, at + short.length);
      }
    }
    let out = "";
    for (let i = 0; i < text.length;) {
      if (!covered[i]) {
        out += text[i++];
        continue;
      }
      while (i < text.length && covered[i]) i++;
      out += REDACTED;
    }
    return out;
  };
}

function containsAny(lower: string, grams: Set<string>, shortOnes: string[]): boolean {
  for (let i = 0; i + MIN_PARTIAL <= lower.length; i++) {
    if (grams.has(lower.slice(i, i + MIN_PARTIAL))) return true;
  }
  return shortOnes.some((short) => lower.includes(short));
}
