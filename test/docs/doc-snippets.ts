import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";

/** The repository root. */
export const ROOT = join(__dirname, "../..");

/** One ```ts block of a markdown document. */
export interface Snippet {
  /** The document, relative to the repository root. */
  readonly doc: string;
  /** The 1-based line of the block's first code line in the document. */
  readonly line: number;
  readonly code: string;
}

/** README.md and every docs/*.md (not the generated docs/api/), as the tests check them. */
export function documentedFiles(): string[] {
  const docs = join(ROOT, "docs");
  const inDocs = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith(".md"))
        .map((name) => join(docs, name))
    : [];
  return [join(ROOT, "README.md"), ...inDocs];
}

/** One fenced code block of a markdown document. */
export interface FencedBlock extends Snippet {
  /** The block's language, as written after the opening fence (`ts`, `sh`, `text`, ...). */
  readonly language: string;
}

/** Every fenced block of the markdown `text` (named `doc` in messages) in one of `languages`. */
export function extractBlocks(
  doc: string,
  text: string,
  languages: readonly string[],
): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```([\w-]*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`${doc}:${i + 1}: a code block is never closed`);
    if (languages.includes(open[1])) {
      const code = lines.slice(i + 1, end).join("\n") + "\n";
      blocks.push({ doc, line: i + 2, language: open[1], code });
    }
    i = end;
  }
  return blocks;
}

/** Every ```ts block of the markdown `text` (named `doc` in messages). */
export function extractSnippets(doc: string, text: string): Snippet[] {
  return extractBlocks(doc, text, ["ts", "typescript"]).map(({ doc, line, code }) => ({
    doc,
    line,
    code,
  }));
}

/**
 * The part of the markdown `text` under `heading` (e.g. `## Try it locally`), up to the next
 * heading of the same or a higher level; fails when there is no such heading.
 */
export function sectionOf(text: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  let inCode = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (lines[end].startsWith("```")) inCode = !inCode;
    const next = !inCode && /^(#+)\s/.exec(lines[end]);
    if (next && next[1].length <= level) break;
  }
  return lines.slice(start, end).join("\n");
}

/**
 * The commands of a shell block, as a user types them: one per line, `\` continuations joined,
 * comments and blank lines dropped.
 */
export function shellCommands(code: string): string[] {
  return code
    .replace(/\s*\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** The snippets of every documented file. */
export function allSnippets(): Snippet[] {
  return documentedFiles().flatMap((file) =>
    extractSnippets(relative(ROOT, file), readFileSync(file, "utf8")),
  );
}

// As strict as a `cdktf init` TypeScript app (unused names fail too), with the package's two
// entry points mapped to this repository: the root to the source, /cdktn to its build.
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  moduleDetection: ts.ModuleDetectionKind.Force, // each snippet is a program of its own
  esModuleInterop: true,
  skipLibCheck: true,
  types: ["node"],
  noEmit: true,
  baseUrl: ROOT,
  paths: {
    "cdktf-dws-disaster-recovery": ["lib/index.ts"],
    "cdktf-dws-disaster-recovery/cdktn": ["dist/cdktn/index.d.ts"],
  },
};

/**
 * Type-checks each snippet as a complete program; returns one message per problem, as
 * `doc:line: text`, pointing into the markdown document.
 */
export function typeCheckSnippets(snippets: readonly Snippet[]): string[] {
  if (!existsSync(join(ROOT, "dist/cdktn/index.d.ts"))) {
    throw new Error('dist/cdktn is missing: run "npm run build" before checking the docs');
  }
  // Virtual files beside the tests, so that module resolution finds the repository's packages.
  const files = new Map(
    snippets.map((snippet, index) => [
      join(ROOT, "test/docs/__snippets__", `snippet-${index}.ts`),
      snippet,
    ]),
  );
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name)?.code ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, version, ...rest) => {
    const snippet = files.get(name);
    return snippet
      ? ts.createSourceFile(name, snippet.code, version)
      : getSourceFile(name, version, ...rest);
  };
  const program = ts.createProgram([...files.keys()], COMPILER_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const snippet = diagnostic.file && files.get(diagnostic.file.fileName);
    if (!snippet || diagnostic.start === undefined) return text;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    return `${snippet.doc}:${snippet.line + line}: ${text}`;
  });
}
