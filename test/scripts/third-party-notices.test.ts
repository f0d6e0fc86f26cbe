import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Metafile } from "esbuild";
import { RUNTIME_BUNDLE } from "../support/cli";

// The runtime bundles third-party code (the proxy agent and what it loads), whose MIT licences require
// their notices in every copy (issue 22). The package ships them beside the bundle and inside it.
const REPO_ROOT = join(__dirname, "../..");
const NOTICES = join(REPO_ROOT, "dist/runtime/THIRD-PARTY-NOTICES");

let metafile: Metafile;
let work: string;
beforeAll(() => {
  // given what the build puts into the bundle, as esbuild itself reports it
  work = mkdtempSync(join(tmpdir(), "dws-dr-notices-"));
  const script =
    'import { buildRuntime } from "./scripts/runtime-bundle.mjs";' +
    "const { metafile } = await buildRuntime({ outfile: process.argv[1] });" +
    "process.stdout.write(JSON.stringify(metafile));";
  const out = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", script, join(work, "dws-dr.cjs")],
    { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  metafile = JSON.parse(out) as Metafile;
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every package (node_modules/<name> or node_modules/@scope/name) with a file in the bundle. */
function bundledPackages(): { dir: string; name: string; version: string }[] {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
    if (match) dirs.add(match[1]);
  }
  return [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, dir, "package.json"), "utf8"));
    return { dir, name: manifest.name as string, version: manifest.version as string };
  });
}

test("THIRD-PARTY-NOTICES names every package bundled into the runtime, with its licence text", () => {
  // when
  const notices = readFileSync(NOTICES, "utf8");
  const packages = bundledPackages();

  // then
  expect(packages.map((p) => p.name)).toEqual(
    expect.arrayContaining(["https-proxy-agent", "proxy-from-env"]),
  );
  for (const { name, version } of packages) {
    expect(notices).toContain(`${name}@${version} (`);
  }
  expect(notices.match(/Permission is hereby granted/g)?.length).toBe(packages.length);
  // the proxy agent's own licence, copied whole
  const licence = readFileSync(join(REPO_ROOT, "node_modules/https-proxy-agent/LICENSE"), "utf8");
  expect(notices).toContain(licence.trim());
});

test("the notices also travel inside the bundle, so the stack's copy of it carries them", () => {
  const bundle = readFileSync(RUNTIME_BUNDLE, "utf8");
  const notices = readFileSync(NOTICES, "utf8");

  expect(bundle).toContain(notices.replace(/\*\//g, "* /"));
  // and the notices were written from the same inputs the bundle was just built from
  expect(readFileSync(join(work, "THIRD-PARTY-NOTICES"), "utf8")).toBe(notices);
});

test("a bundled package without any licence text fails the build instead of shipping silently", () => {
  // given a package with neither a licence file nor a licence section in its README
  const root = join(work, "fake-root");
  mkdirSync(join(root, "node_modules/no-licence"), { recursive: true });
  writeFileSync(
    join(root, "node_modules/no-licence/package.json"),
    JSON.stringify({ name: "no-licence", version: "1.0.0", license: "MIT" }),
  );
  writeFileSync(join(root, "node_modules/no-licence/README.md"), "# no-licence\n\nUsage only.\n");
  const script =
    'import { thirdPartyNotices } from "./scripts/third-party-notices.mjs";' +
    'thirdPartyNotices(process.argv[1], { inputs: { "node_modules/no-licence/index.js": {} } });';

  // when / then
  expect(() =>
    execFileSync(process.execPath, ["--input-type=module", "-e", script, root], {
      cwd: REPO_ROOT,
      stdio: "pipe",
    }),
  ).toThrow(/node_modules\/no-licence has no licence file/);
});
