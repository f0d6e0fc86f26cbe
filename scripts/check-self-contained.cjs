// `npm run check:self-contained` (part of `npm run lint`): fails when a file of the repository
// reads a path outside it. A user's clone has nothing beside it (not the team's reference folder
// next to the checkout), so code, tests, scripts and config must find all they need inside it.
//
// A line is flagged when a relative path it spells (a string literal starting with "..", or
// consecutive literals joined with commas, as in join(__dirname, "..", "x")) resolves outside the
// repository from the file's folder, or when it names the team's shared folder beside the checkout
// at all. Files under lib/ and examples/ also run compiled from dist/<same folder>, so a path that
// stays inside from either place passes. A line that must reach outside on purpose says why in a
// comment containing "self-contained:".
const { execFileSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { dirname, extname, join, relative, resolve, sep } = require("node:path");

const SCANNED_FOLDERS = ["lib/", "test/", "examples/", "scripts/", "bench/", ".ci/"];
const SCANNED_EXTENSIONS = new Set([".ts", ".js", ".cjs", ".mjs", ".json", ".sh", ""]);
const ALLOW_MARKER = "self-contained:";
const STRING_LITERAL = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
// Spelled in pieces so that this file does not name the folder itself.
const SHARED_FOLDER = new RegExp(
  String.raw`(^|[^\w.-])\.\.\/(\.\.\/)*` + "shared" + String.raw`(\/|\b)`,
);

/** The files the check reads: tracked or new (not ignored), in the scanned folders or root config. */
function candidateFiles(root) {
  const list = (args) =>
    execFileSync("git", ["ls-files", ...args], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
  const files = new Set([...list([]), ...list(["--others", "--exclude-standard"])]);
  return [...files].filter((file) => {
    if (file.startsWith("test/fixtures/")) return false; // data, not code
    const inRoot = !file.includes("/");
    const scanned = inRoot || SCANNED_FOLDERS.some((folder) => file.startsWith(folder));
    return scanned && SCANNED_EXTENSIONS.has(extname(file)) && file !== "package-lock.json";
  });
}

/** Relative paths spelled on one line: each literal, and runs of comma-separated literals. */
function spelledPaths(line) {
  const literals = [...line.matchAll(STRING_LITERAL)].map((m) => ({
    text: m[2],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const paths = [];
  for (let i = 0; i < literals.length; i++) {
    let joined = literals[i].text;
    paths.push(joined);
    for (let j = i + 1; j < literals.length; j++) {
      if (!/^\s*,\s*$/.test(line.slice(literals[j - 1].end, literals[j].start))) break;
      joined = `${joined}/${literals[j].text}`;
      paths.push(joined);
    }
  }
  return paths.filter((p) => p === ".." || p.startsWith("../") || p.startsWith("./../"));
}

function escapes(root, file, path) {
  const inside = (folder) => {
    const target = resolve(folder, path);
    return target === root || target.startsWith(root + sep);
  };
  const folder = dirname(join(root, file));
  const compiled = /^(lib|examples)\//.test(file) ? join(root, "dist", dirname(file)) : undefined;
  return !inside(folder) && !(compiled && inside(compiled));
}

/**
 * Finds the lines of `files` (paths relative to `root`) that read outside `root`.
 * @returns {{file: string, line: number, text: string, reason: string}[]}
 */
function findOutsideReads(root, files = candidateFiles(root)) {
  const findings = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), "utf8").split("\n");
    lines.forEach((text, index) => {
      if (text.includes(ALLOW_MARKER) || (lines[index - 1] ?? "").includes(ALLOW_MARKER)) return;
      const escaping = spelledPaths(text).find((p) => escapes(root, file, p));
      const reason = SHARED_FOLDER.test(text)
        ? "names the team's shared folder beside the checkout, which no user's clone has"
        : escaping && `"${escaping}" resolves outside the repository`;
      if (reason) findings.push({ file, line: index + 1, text: text.trim(), reason });
    });
  }
  return findings;
}

module.exports = { findOutsideReads, candidateFiles };

if (require.main === module) {
  // The repository to check: this one, or the folder given (the check's own tests use that).
  const root = resolve(process.argv[2] ?? join(__dirname, ".."));
  const findings = findOutsideReads(root);
  for (const f of findings) {
    console.error(`${f.file}:${f.line}: ${f.reason}\n    ${f.text}`);
  }
  if (findings.length > 0) {
    console.error(
      `\n${findings.length} line(s) read outside the repository. Copy what they need into it ` +
        `(e.g. test/fixtures/), or say why in a "${ALLOW_MARKER}" comment.`,
    );
    process.exit(1);
  }
  console.log(`self-contained: ${relative(process.cwd(), root) || "."} reads nothing outside it`);
}
