import { posix } from "node:path";

/** A relative link of a markdown file, as a reader of the installed package would follow it. */
export interface RelativeLink {
  /** The markdown file holding the link, relative to the package root. */
  readonly from: string;
  /** The link target as written, e.g. `docs/constructs.md#the-runbook`. */
  readonly target: string;
  /** The file or folder it points to, relative to the package root, without its `#anchor`. */
  readonly path: string;
  /** The `#anchor`, if any, without the `#`. */
  readonly anchor?: string;
}

// `[text](target)` and `[text](target "title")`; images too. Code blocks are skipped below.
const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Every relative link of `text` (the markdown file `from`), same-page anchors included; no URLs. */
export function relativeLinks(from: string, text: string): RelativeLink[] {
  const links: RelativeLink[] = [];
  let inCode = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    if (inCode) continue;
    for (const match of line.replace(/`[^`]*`/g, "").matchAll(INLINE_LINK)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [bare, anchor] = decodeURI(target).split("#");
      const path = bare ? posix.normalize(posix.join(posix.dirname(from), bare)) : from;
      links.push({ from, target, path, anchor });
    }
  }
  return links;
}

/**
 * The links of `links` that resolve to nothing in `files` (the package's file list): a file
 * link needs that file, a folder link (`docs/api/`) needs a README.md in the folder, which is
 * what a reader (and npm's and GitHub's pages) shows for it. An `#anchor` into a markdown file
 * needs a heading with that slug; `readText` gives a file's text.
 */
export function brokenLinks(
  links: readonly RelativeLink[],
  files: readonly string[],
  readText: (path: string) => string,
): RelativeLink[] {
  const present = new Set(files);
  return links.filter((link) => {
    const path = link.path.replace(/\/$/, "");
    const file = present.has(path) ? path : `${path}/README.md`;
    if (!present.has(file)) return true;
    if (link.anchor === undefined || !file.endsWith(".md")) return false;
    return !headingSlugs(readText(file)).has(link.anchor);
  });
}

/** The anchors GitHub (and npm) give the headings of a markdown text. */
export function headingSlugs(text: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let inCode = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    const heading = !inCode && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}
