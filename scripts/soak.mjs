// `npm run soak -- --seed <n> --runs <m>`: bundles the soak (test/soak/cli.ts, TypeScript) with
// esbuild into dist/test/soak/ and runs it. Packages stay external (loaded from node_modules);
// the bundle sits three folders below the package root, as lib's runtime-asset lookup expects.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(ROOT, "dist/test/soak/soak.cjs");
await build({
  entryPoints: [join(ROOT, "test/soak/cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, SOAK_ROOT: ROOT },
});
process.exit(run.status ?? 1);
