import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_VERSION } from "../../lib/api/version";
import { RUNTIME_BUNDLE } from "../support/cli";
import { runProcess } from "../support/process";

// The bundled runtime compiles itself with V8's code cache (scripts/runtime-launcher.cjs, issue
// 16): a second start reuses what the first wrote, in a folder the user controls, and a cache
// that is corrupt, stale or cannot be written changes nothing but the time a start takes.

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "dws-dr-code-cache-"));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** `dws-dr --version` with only these variables set (and PATH). */
function runVersion(env: Record<string, string>) {
  return runProcess(process.execPath, [RUNTIME_BUNDLE, "--version"], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}

test("the first start writes its code cache under ~/.cache, and a second start uses it as is", async () => {
  // when
  const first = await runVersion({ HOME: home });

  // then one cache file, for this build and this Node version, readable by its owner only
  expect(first).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  const dir = join(home, ".cache", "dws-dr", "code-cache");
  const [file] = cacheFiles(dir);
  expect(cacheFiles(dir)).toHaveLength(1);
  expect(file).toMatch(
    new RegExp(`dws-dr-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8cache$`),
  );
  expect(statSync(file).mode & 0o777).toBe(0o600);

  // when it starts again, V8 accepts the cache, so it is not written again
  const written = statSync(file).mtimeMs;
  const second = await runVersion({ HOME: home });
  expect(second).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  expect(statSync(file).mtimeMs).toBe(written);
});

test("DWS_DR_CODE_CACHE names the folder, XDG_CACHE_HOME moves the default, and off writes nothing", async () => {
  const chosen = join(home, "chosen");
  await runVersion({ HOME: home, DWS_DR_CODE_CACHE: chosen });
  expect(cacheFiles(chosen)).toHaveLength(1);

  await runVersion({ HOME: home, XDG_CACHE_HOME: join(home, "xdg") });
  expect(cacheFiles(join(home, "xdg", "dws-dr", "code-cache"))).toHaveLength(1);

  const off = await runVersion({ HOME: join(home, "off-home"), DWS_DR_CODE_CACHE: "off" });
  expect(off).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n` });
  expect(existsSync(join(home, "off-home"))).toBe(false);
});

test("a corrupt cache is rejected by V8 and replaced; the run does not notice", async () => {
  // given
  await runVersion({ HOME: home });
  const [file] = cacheFiles(join(home, ".cache", "dws-dr", "code-cache"));
  writeFileSync(file, Buffer.from("not a V8 code cache at all"));

  // when
  const run = await runVersion({ HOME: home });

  // then
  expect(run).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  expect(readFileSync(file).toString()).not.toContain("not a V8 code cache");
});

test("a cache folder that cannot be written never fails a run, nor prints anything", async () => {
  // given a "folder" that is a file, so nothing can be created in it
  const blocked = join(home, "blocked");
  writeFileSync(blocked, "a file, not a folder");

  // when
  const run = await runVersion({ HOME: home, DWS_DR_CODE_CACHE: join(blocked, "cache") });

  // then
  expect(run).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
});

test("cache files of other builds unused for a month are removed when a new one is written", async () => {
  // given an old file of another build, and a recent one
  const dir = join(home, "cache");
  mkdirSync(dir);
  const old = join(dir, "dws-dr-0000000000000000-v20.0.0-x64.v8cache");
  const recent = join(dir, "dws-dr-1111111111111111-v20.0.0-x64.v8cache");
  const unrelated = join(dir, "notes.txt");
  for (const file of [old, recent, unrelated]) writeFileSync(file, "x");
  const monthsAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
  utimesSync(old, monthsAgo, monthsAgo);
  utimesSync(unrelated, monthsAgo, monthsAgo);

  // when
  await runVersion({ HOME: home, DWS_DR_CODE_CACHE: dir });

  // then
  expect(existsSync(old)).toBe(false);
  expect(existsSync(recent)).toBe(true);
  expect(existsSync(unrelated)).toBe(true);
  expect(cacheFiles(dir)).toHaveLength(3);
});

test("a cache folder others may write to is neither read nor written: the run compiles afresh", async () => {
  // given a folder anyone may write to, holding a file under the name the runtime would read
  // (not a cache V8 accepts: had the run read it, it would have replaced it)
  const shared = join(home, "shared");
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  await runVersion({ HOME: home, DWS_DR_CODE_CACHE: join(home, "own") });
  const [own] = cacheFiles(join(home, "own"));
  const planted = join(shared, own.split("/").pop()!);
  writeFileSync(planted, "planted by someone else");
  const before = statSync(planted).mtimeMs;

  // when
  const run = await runVersion({ HOME: home, DWS_DR_CODE_CACHE: shared });

  // then
  expect(run).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  expect(cacheFiles(shared)).toEqual([planted]);
  expect(statSync(planted).mtimeMs).toBe(before);
  expect(readFileSync(planted, "utf8")).toBe("planted by someone else");
});

test("a cache file others may write to is not trusted: it is replaced by one of this user's", async () => {
  // given
  await runVersion({ HOME: home });
  const [file] = cacheFiles(join(home, ".cache", "dws-dr", "code-cache"));
  chmodSync(file, 0o666);

  // when
  const run = await runVersion({ HOME: home });

  // then
  expect(run).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
