// `npm run docs`: the API reference in docs/api/, generated from the TSDoc comments of the public
// surface (lib/index.ts) by typedoc + typedoc-plugin-markdown. `--check` (run by a test) generates
// into a temporary folder and fails when docs/api/ differs, so a stale reference cannot be merged.
// Either way it fails when an exported symbol has no documentation or an optional property of an
// exported interface has no @default, naming each one.
import { mkdtempSync, readFileSync, readdirSync, rmSync, cpSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, ReflectionKind } from "typedoc";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const API_DOCS = join(ROOT, "docs/api");
const check = process.argv.includes("--check");
// `--entry <file>` documents another entry point (the check's own test uses a fixture with gaps).
const entryArg = process.argv.indexOf("--entry");
// The package root and its two subpath exports ("/api", "/emulator"), each a module of the reference.
const entries =
  entryArg > 0
    ? [join(ROOT, process.argv[entryArg + 1])]
    : ["lib/index.ts", "lib/api/index.ts", "lib/emulator/public.ts"].map((file) =>
        join(ROOT, file),
      );
const entry = entries[0];

const out = mkdtempSync(join(tmpdir(), "dws-dr-api-docs-"));
const app = await Application.bootstrapWithPlugins({
  out, // typedoc-plugin-markdown makes this a markdown output
  entryPoints: entries,
  tsconfig: join(ROOT, entryArg > 0 ? "tsconfig.json" : "tsconfig.build.json"),
  plugin: ["typedoc-plugin-markdown"],
  readme: "none",
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableSources: true, // no source links: they would change with every commit
  hideGenerator: true,
  // Types referenced but not exported (e.g. an option's nested type) are a design choice, not an
  // omission in the docs; undocumented symbols and broken links are.
  validation: { notExported: false, invalidLink: true, notDocumented: true },
  logLevel: "Warn",
});

const project = await app.convert();
if (!project) fail(`typedoc could not convert ${relative(ROOT, entry)} (see the messages above)`);
app.validate(project);
const problems = [];
if (app.logger.hasWarnings() || app.logger.hasErrors()) {
  problems.push("typedoc reported the problems above (undocumented symbols or broken links)");
}
for (const property of project.getReflectionsByKind(ReflectionKind.Property)) {
  const inInterface = property.parent?.kindOf(ReflectionKind.Interface);
  if (inInterface && property.flags.isOptional && !property.comment?.getTag("@default")) {
    problems.push(`${property.getFullName()} is optional but has no @default`);
  }
}
if (problems.length > 0) fail(problems.join("\n"));

try {
  await app.generateOutputs(project);
  if (check) {
    const stale = differences(out, API_DOCS);
    if (stale.length > 0) {
      fail(`docs/api is stale (${stale.join(", ")}): run "npm run docs" and commit docs/api/`);
    }
    console.log("docs/api is up to date");
  } else {
    rmSync(API_DOCS, { recursive: true, force: true });
    cpSync(out, API_DOCS, { recursive: true });
    console.log(`docs/api regenerated (${files(API_DOCS).length} files)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files that differ between the generated and the committed reference, or exist in one only. */
function differences(generated, committed) {
  const names = new Set([...files(generated), ...files(committed)]);
  return [...names].filter((name) => {
    const a = join(generated, name);
    const b = join(committed, name);
    return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b));
  });
}

function fail(message) {
  rmSync(out, { recursive: true, force: true });
  console.error(`docs: ${message}`);
  process.exit(1);
}
