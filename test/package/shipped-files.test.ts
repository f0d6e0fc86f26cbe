import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { runProcess } from "../support/process";

// What the tarball holds (issue 22): the compiled modules the package's entry points can reach,
// their types, the runtime bundle and the notices of what it bundles; not the compiled CLI,
// runner or HTTP client, which only the bundle uses (a reader auditing the package would read
// code that never runs).
const REPO_ROOT = join(__dirname, "../..");
// Every JavaScript entry point package.json exports: the root, its subpaths and the cdktn flavour.
const ENTRY_POINTS = Object.values(
  (
    JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      exports: Record<string, string | { default?: string }>;
    }
  ).exports,
)
  .map((target) => (typeof target === "string" ? undefined : target.default))
  .filter((file): file is string => file?.endsWith(".js") === true)
  .map((file) => normalize(file));
const RELATIVE_IMPORT = /(?:require\(|from |import\()(["'])(\.[^"']*)\1/g;

let shipped: Set<string>;
beforeAll(async () => {
  // --ignore-scripts: the build already ran (prepack would run it again).
  const run = await runProcess("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO_ROOT,
    env: process.env,
  });
  expect(run.code).toBe(0);
  const [pack] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
  shipped = new Set(pack.files.map((file) => file.path));
}, 60_000);

/** The files `entry` reaches through its relative imports (with extension `ext`). */
function reachable(entries: string[], ext: ".js" | ".d.ts"): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(REPO_ROOT, file), "utf8");
    for (const [, , specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const base = normalize(join(dirname(file), specifier)).replace(/\.js$/, "");
      const target = [`${base}${ext}`, join(base, `index${ext}`)].find((candidate) =>
        existsSync(join(REPO_ROOT, candidate)),
      );
      if (target === undefined) throw new Error(`${file}: cannot resolve "${specifier}"`);
      visit(target);
    }
  };
  entries.forEach(visit);
  return seen;
}

test("every compiled module shipped is reachable from the package's entry points", () => {
  const used = reachable(ENTRY_POINTS, ".js");
  const compiled = [...shipped].filter((file) => /^dist\/(lib|cdktn)\/.*\.js$/.test(file));

  expect(compiled.filter((file) => !used.has(file))).toEqual([]);
  expect(shipped).not.toContain("dist/lib/api/client.js");
  expect([...shipped].filter((file) => /^dist\/lib\/(cli|runner)\//.test(file))).toEqual([]);
});

test("every module the entry points reach, and every type they name, is shipped", () => {
  const types = ENTRY_POINTS.map((entry) => entry.replace(/\.js$/, ".d.ts"));
  const needed = [...reachable(ENTRY_POINTS, ".js"), ...reachable(types, ".d.ts")];

  expect(needed.filter((file) => !shipped.has(file))).toEqual([]);
});

test("the runtime bundle ships with the licence notices of what it bundles", () => {
  expect(shipped).toContain("dist/runtime/dws-dr.cjs");
  expect(shipped).toContain("dist/runtime/THIRD-PARTY-NOTICES");
});
