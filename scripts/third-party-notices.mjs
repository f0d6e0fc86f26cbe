// The licence notices of every third-party package bundled into the runtime, from esbuild's
// metafile: each input under node_modules names its package, whose licence file is copied in
// full (or, for the few that publish none, the licence section that ends their README). A
// package with neither fails the build rather than shipping without its notice.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The package roots (relative to `root`, e.g. `node_modules/https-proxy-agent`) of the bundle's inputs. */
export function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const path = input.replace(/\\/g, "/");
    const at = path.lastIndexOf("node_modules/");
    if (at < 0) continue;
    const parts = path.slice(at + "node_modules/".length).split("/");
    const name = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
    dirs.add(`${path.slice(0, at)}node_modules/${name}`);
  }
  return [...dirs].sort();
}

/** The text of THIRD-PARTY-NOTICES for the bundle described by `metafile`. */
export function thirdPartyNotices(root, metafile) {
  const sections = bundledPackageDirs(metafile).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    return `${manifest.name}@${manifest.version} (${manifest.license})\n\n${licenceText(root, dir)}\n`;
  });
  const unique = [...new Set(sections)];
  return (
    "dist/runtime/dws-dr.cjs bundles the following third-party packages, each under its own " +
    "licence reproduced below.\n\n" +
    unique.join(`\n${"-".repeat(72)}\n\n`)
  );
}

function licenceText(root, dir) {
  const files = readdirSync(join(root, dir));
  const licenceFile = files.find((file) => LICENCE_FILE.test(file));
  if (licenceFile !== undefined) return readFileSync(join(root, dir, licenceFile), "utf8").trim();
  // agent-base 6 and https-proxy-agent 5 publish their MIT text only as the README's last section.
  const readme = files.find((file) => /^readme(\.md)?$/i.test(file));
  const text = readme === undefined ? "" : readFileSync(join(root, dir, readme), "utf8");
  const heading = /^(#+ *)?licen[cs]e\s*\n(-+\n)?/im.exec(text);
  if (heading === null || !/permission|licen[cs]e/i.test(text.slice(heading.index + 8))) {
    throw new Error(`third-party-notices: ${dir} has no licence file or README licence section`);
  }
  return text.slice(heading.index).trim();
}
