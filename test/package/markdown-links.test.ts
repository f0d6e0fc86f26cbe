import { brokenLinks, headingSlugs, relativeLinks } from "./markdown-links";

// The link check of the packed README (packed-package.test.ts) is only as good as these rules.
describe("relative links of a markdown file", () => {
  const readme = [
    "# Title",
    "",
    "## The `dws-dr` CLI",
    "See [the guide](docs/guide.md#the-runbook), [the API](docs/api/), [CLI](#the-dws-dr-cli),",
    "[upstream](https://example.com/x.md) and [gone](docs/missing.md).",
    "```md",
    "[not a link](inside-a-code-block.md)",
    "```",
  ].join("\n");
  const files = ["README.md", "docs/guide.md", "docs/api/README.md"];
  const texts: Record<string, string> = {
    "README.md": readme,
    "docs/guide.md": "# Guide\n\n## The runbook\n",
  };

  test("are found outside code blocks, URLs left out", () => {
    expect(relativeLinks("README.md", readme).map((link) => link.target)).toEqual([
      "docs/guide.md#the-runbook",
      "docs/api/",
      "#the-dws-dr-cli",
      "docs/missing.md",
    ]);
  });

  test("a link to a file the package lacks is reported, a folder with a README.md is not", () => {
    const broken = brokenLinks(relativeLinks("README.md", readme), files, (f) => texts[f]);

    expect(broken.map((link) => link.target)).toEqual(["docs/missing.md"]);
  });

  test("an anchor no heading has is reported", () => {
    const links = relativeLinks("README.md", "[x](docs/guide.md#the-run-book) [y](#nowhere)");

    expect(brokenLinks(links, files, (f) => texts[f]).map((link) => link.target)).toEqual([
      "docs/guide.md#the-run-book",
      "#nowhere",
    ]);
  });

  test("headings get GitHub's anchors, repeated ones numbered", () => {
    expect([
      ...headingSlugs("## Credentials and least-privilege IAM policies\n## A\n## A\n"),
    ]).toEqual(["credentials-and-least-privilege-iam-policies", "a", "a-1"]);
  });
});
