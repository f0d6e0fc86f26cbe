import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_DISASTER_RECOVERY_ID,
  DEFAULT_PROJECT_ID,
  defaultSeed,
  loadSeedFile,
  startEmulator,
} from "../../lib/emulator";

const validSeed = {
  projectId: "0123456789abcdef0123456789abcdef",
  accessKey: "AKSEEDFILE0000000000",
  secretKey: "seed-file-secret",
  tasks: [
    { id: "11111111-2222-4333-8444-555555555555", status: "running", name: "dr-a" },
    { id: "66666666-7777-4888-9999-000000000000", status: "stopped", drType: "region" },
  ],
};

function writeSeed(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "dws-dr-seed-")), "seed.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("default seed", () => {
  it("has the demo project, an unstarted DR and fresh random keys", () => {
    // when two default seeds are made
    const first = defaultSeed();
    const second = defaultSeed();

    // then both serve the demo project with a DR to start, but never share keys
    expect(first.projectId).toBe(DEFAULT_PROJECT_ID);
    expect(first.tasks).toContainEqual(
      expect.objectContaining({ id: DEFAULT_DISASTER_RECOVERY_ID, status: "unstart" }),
    );
    expect(first.tasks.map((t) => t.status)).toEqual(
      expect.arrayContaining(["running", "stopped", "start_failed"]),
    );
    expect(first.accessKey).toMatch(/^[A-Z0-9]{20}$/);
    expect(first.secretKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(second.accessKey).not.toBe(first.accessKey);
    expect(second.secretKey).not.toBe(first.secretKey);
  });
});

describe("loadSeedFile", () => {
  it("reads a valid seed file", () => {
    // given a seed file
    const path = writeSeed(validSeed);

    // when it is loaded
    const seed = loadSeedFile(path);

    // then it is the file's content
    expect(seed).toEqual(validSeed);
  });

  it.each([
    [
      "a status that is not a DR status",
      { tasks: [{ id: validSeed.tasks[0].id, status: "runing" }] },
      /tasks\[0\]\.status: "runing" is not one of .*unstart/,
    ],
    [
      "a DR id that is not a UUID",
      { tasks: [{ id: "dr-1", status: "running" }] },
      /tasks\[0\]\.id: "dr-1" is not valid \(expected a lower-case UUID\)/,
    ],
    [
      "a misspelled field",
      { tasks: [{ ...validSeed.tasks[0], primaryClusterID: "x" }] },
      /tasks\[0\]\.primaryClusterID: is not a seed field/,
    ],
    [
      "a bad project id",
      { projectId: "PROJECT" },
      /projectId: "PROJECT" is not valid \(expected 32 lower-case hex/,
    ],
    [
      "a duplicate DR id",
      { tasks: [validSeed.tasks[0], validSeed.tasks[0]] },
      /tasks\[1\]\.id: .* appears twice/,
    ],
    ["a missing secret key", { secretKey: undefined }, /secretKey: must be a non-empty string/],
  ])("names the field when the file has %s", (_name, change, message) => {
    // given a seed file with one bad field
    const path = writeSeed({ ...validSeed, ...change });

    // when it is loaded, then the error names the file and the field
    expect(() => loadSeedFile(path)).toThrow(message);
    expect(() => loadSeedFile(path)).toThrow(path);
  });

  it("says when the file is not JSON or cannot be read", () => {
    expect(() => loadSeedFile(writeSeed("{ not json"))).toThrow(/is not JSON/);
    expect(() => loadSeedFile("/nonexistent/seed.json")).toThrow(/cannot read "\/nonexistent/);
  });
});

describe("startEmulator seed check", () => {
  it("refuses a programmatic seed with a bad field before listening", async () => {
    // given a seed whose task has an unknown status
    const seed = { ...validSeed, tasks: [{ id: validSeed.tasks[0].id, status: "bogus" }] };

    // when an emulator is started with it, then the field is named
    // @ts-expect-error: the status is wrong on purpose
    await expect(startEmulator({ seed })).rejects.toThrow(/seed: tasks\[0\]\.status/);
  });
});
