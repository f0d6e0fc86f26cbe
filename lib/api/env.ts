/** Environment variables as the runtime reads them (`process.env`, or a test's map). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variable's trimmed value; undefined when unset or blank (blank means unset here). */
export function envValue(env: Env, name: string): string | undefined {
  const trimmed = env[name]?.trim();
  return trimmed ? trimmed : undefined;
}
