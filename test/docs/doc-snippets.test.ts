import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ROOT,
  allSnippets,
  extractBlocks,
  extractSnippets,
  sectionOf,
  shellCommands,
  typeCheckSnippets,
} from "./doc-snippets";

describe("the TypeScript snippets of README.md and docs/*.md", () => {
  test("each compiles as a complete program against the package's API", () => {
    // given
    const snippets = allSnippets();

    // when
    const problems = typeCheckSnippets(snippets);

    // then
    expect(problems).toEqual([]);
  });

  test("README.md's snippets are all found (its first app, composing steps, CDK Terrain)", () => {
    const readme = extractSnippets("README.md", readFileSync(join(ROOT, "README.md"), "utf8"));

    expect(readme.length).toBeGreaterThanOrEqual(3);
    expect(readme.some((s) => s.code.includes('from "cdktf-dws-disaster-recovery/cdktn"'))).toBe(
      true,
    );
  });

  test("a snippet that uses a name it neither imports nor defines fails, pointing into the doc", () => {
    // given: the README's old mistake
    const doc = [
      "# Example",
      "",
      "```ts",
      'import { DisasterRecoveryStart } from "cdktf-dws-disaster-recovery";',
      "",
      'new DisasterRecoveryStart(stack, "start-dr", {',
      '  projectId: "89cd04f168b84af6be287f71730fdb4b",',
      '  disasterRecoveryId: "e59d6b86-9072-46eb-a996-13f8b44994c1",',
      '  region: "cn-north-4",',
      "});",
      "```",
    ].join("\n");

    // when
    const problems = typeCheckSnippets(extractSnippets("EXAMPLE.md", doc));

    // then
    expect(problems).toEqual(["EXAMPLE.md:6: Cannot find name 'stack'."]);
  });

  test("a snippet with a wrong prop type fails", () => {
    const doc = [
      "```ts",
      'import { Testing } from "cdktf";',
      'import { DisasterRecoveryStart } from "cdktf-dws-disaster-recovery";',
      "",
      "Testing.synthScope((scope) => {",
      '  new DisasterRecoveryStart(scope, "s", { projectId: "p", disasterRecoveryId: "d", timeout: 30 });',
      "});",
      "```",
    ].join("\n");

    expect(typeCheckSnippets(extractSnippets("EXAMPLE.md", doc))).toEqual([
      expect.stringMatching(/^EXAMPLE\.md:6: Type 'number' is not assignable to type 'string'/),
    ]);
  });
});

describe("the README's shell walk-throughs", () => {
  test("a section ends at the next heading of its level, not at a sub-heading or a # in code", () => {
    const text = ["## A", "x", "### A.1", "```sh", "# a comment", "```", "## B", "y"].join("\n");

    expect(sectionOf(text, "## A")).toBe(
      ["## A", "x", "### A.1", "```sh", "# a comment", "```"].join("\n"),
    );
  });

  test("a shell block's commands: continuations joined, comments and blank lines dropped", () => {
    expect(
      shellCommands("# start it\nnpx dws-dr emulator \\\n  --port 8787\n\nnpm test\n"),
    ).toEqual(["npx dws-dr emulator --port 8787", "npm test"]);
  });

  test("blocks are found by language", () => {
    const doc = "```sh\nls\n```\n```ts\nlet x = 1;\n```\n```text\nout\n```\n";

    expect(extractBlocks("D.md", doc, ["sh", "text"]).map((b) => [b.language, b.code])).toEqual([
      ["sh", "ls\n"],
      ["text", "out\n"],
    ]);
  });
});
