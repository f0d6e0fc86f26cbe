import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./jsii-packages";

/** The first fenced block of `language` after the README heading `heading`. */
function readmeBlock(heading: string, language: string): string {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(text.slice(at));
  if (!block) throw new Error(`README.md has no ${language} block after "${heading}"`);
  return block[1];
}

// The README's apps are the files the language tests run, word for word.
test.each([
  ["## Use it from Python", "python", "examples/python/main.py"],
  ["## Use it from Go", "go", "examples/go/main.go"],
])("%s: the %s block is the file %s", (heading, language, file) => {
  expect(readmeBlock(heading, language)).toBe(readFileSync(join(ROOT, file), "utf8"));
});
