import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** One artefact of a test run: a file, a log or a process's output. */
export interface Artefact {
  /** Where it came from, e.g. a file path or "apply log". */
  readonly name: string;
  readonly text: string;
}

/** A secret value with a label that may be printed (the value never is). */
export interface Secret {
  readonly label: string;
  readonly value: string;
}

/**
 * Fails the test when any secret value appears in any artefact. Every end-to-end test calls this
 * on everything its run produced (synthesized JSON, state, plan and apply logs, CLI output). The
 * failure names the artefact and the secret's label, never the value.
 */
export function expectNoSecrets(artefacts: readonly Artefact[], secrets: readonly Secret[]): void {
  const live = secrets.filter((secret) => secret.value.length > 0);
  if (live.length === 0) throw new Error("expectNoSecrets: no secret values to look for");
  const leaks = artefacts.flatMap((artefact) =>
    live
      .filter((secret) => artefact.text.includes(secret.value))
      .map((secret) => `${secret.label} in ${artefact.name}`),
  );
  if (leaks.length > 0) throw new Error(`secret values leaked: ${leaks.join("; ")}`);
}

/** The emulator account's access and secret key, as secrets to scan for. */
export function accountSecrets(account: { accessKey: string; secretKey: string }): Secret[] {
  return [
    { label: "access key", value: account.accessKey },
    { label: "secret key", value: account.secretKey },
  ];
}

/** Every text file under `dir` (skipping Terraform's plugin cache), as artefacts. */
export function fileArtefacts(dir: string): Artefact[] {
  return filesUnder(dir).map((path) => ({ name: path, text: readFileSync(path, "utf8") }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === ".terraform") return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
