import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository's README, as a user reads it. */
export const README = join(__dirname, "../../README.md");

/**
 * The first ```ts block after the heading `heading` in README.md: the code the README tells a
 * new user to write, so the package test deploys exactly what the README says.
 */
export function readmeBlockAfter(heading: string): string {
  const text = readFileSync(README, "utf8");
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`README.md has no ts block after "${heading}"`);
  return block[1];
}

/** Replaces `from` in `code` by `to`, failing when the README no longer contains `from`. */
export function replaceOnce(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`the README snippet no longer contains ${from}`);
  return code.replace(from, to);
}
