import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ReadyLine, RunningEmulator, startEmulator } from "../../lib/emulator";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TerraformWorkspace, initAndApply, terraform } from "../support/terraform";
import { sendRaw, waitFor } from "../support/emulator";
import { runProcess } from "../support/process";
import {
  CDKTF_APP_COMPILER_OPTIONS,
  compile,
  installApp,
  mustRun,
  packTarball,
  tempDir,
  writeFiles,
} from "./packed-app";
import { readmeBlockAfter, replaceOnce } from "./readme-snippets";
import { brokenLinks, relativeLinks } from "./markdown-links";

// What a user gets from npm: the packed tarball, installed into a fresh cdktf app and a fresh
// CDK Terrain (cdktn) app, used the way the README says. One pack and one install per app,
// shared by every case (they are the slow part).
const PACKAGE = "cdktf-dws-disaster-recovery";
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

let work: ReturnType<typeof tempDir>;
let tarball: string;
let cdktfApp: string;
let cdktnApp: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  work = tempDir("dws-dr-package-");
  tarball = await packTarball(work.path);
  // Sequential: two npm installs at once would fight over the shared npm cache.
  cdktfApp = await installApp(work.path, "cdktf-app", tarball, [
    "cdktf@0.21.0",
    "constructs@10.7.2",
  ]);
  cdktnApp = await installApp(work.path, "cdktn-app", tarball, [
    "cdktn@0.24.0",
    "constructs@10.7.2",
  ]);
  emulator = await startEmulator({ transitionMs: 500 });
}, 240_000);

afterAll(async () => {
  await emulator?.stop();
  work?.remove();
});

/** The tarball's file list, without the `package/` prefix npm puts on every entry. */
async function tarballFiles(): Promise<string[]> {
  const { stdout } = await mustRun("tar", ["-tzf", tarball], work.path);
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ""));
}

/** The environment Terraform runs the action in: the emulator account's keys. */
function credentials(): Record<string, string> {
  return { HUAWEICLOUD_SDK_AK: emulator.accessKey, HUAWEICLOUD_SDK_SK: emulator.secretKey };
}

/** A synthesized stack of an app, as a workspace for the Terraform helpers. */
function appWorkspace(app: string, stack: string): TerraformWorkspace {
  const outdir = join(app, "cdktf.out");
  return { outdir, stackDir: join(outdir, "stacks", stack), log: [], remove: () => undefined };
}

describe("the npm tarball", () => {
  test("holds the compiled library, its types, the runtime bundle, README, LICENSE, CHANGELOG and the guides only", async () => {
    // when
    const files = await tarballFiles();

    // then
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^LICENSE$/,
      /^CHANGELOG\.md$/,
      /^docs\/(constructs|cli|reliability)\.md$/,
      /^docs\/api\/.+\.md$/,
      /^bench\/results\.md$/,
      /^\.jsii$/, // the jsii assembly: what Construct Hub and jsii-pacmak read
      /^API(\.python|\.go)?\.md$/, // the multi-language API reference the README links to
      /^dist\/runtime\/dws-dr\.cjs$/,
      /^dist\/runtime\/THIRD-PARTY-NOTICES$/,
      /^dist\/(lib|cdktn)\/.+\.(js|d\.ts|js\.map)$/,
    ];
    expect(files.filter((file) => !allowed.some((pattern) => pattern.test(file)))).toEqual([]);
    for (const required of [
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/runtime/dws-dr.cjs",
      "dist/runtime/THIRD-PARTY-NOTICES",
      "dist/lib/index.js",
      "dist/lib/index.d.ts",
      ".jsii",
      "dist/lib/api/index.js",
      "dist/lib/emulator/public.js",
      "dist/cdktn/index.js",
      "dist/cdktn/index.d.ts",
      "docs/constructs.md",
      "docs/cli.md",
      "docs/reliability.md",
      "docs/api/README.md",
      "bench/results.md",
    ]) {
      expect(files).toContain(required);
    }
    expect(files.filter((file) => /(^|\/)(test|examples|cli|runner)\//.test(file))).toEqual([]);
    expect(readFileSync(join(cdktfApp, "node_modules", PACKAGE, "LICENSE"), "utf8")).toContain(
      "Apache License\n                           Version 2.0, January 2004",
    );
  });

  test("every relative link of the packed README and of the shipped guides resolves inside the package", async () => {
    // given: what a reader of the installed package (or of its npm page) can open
    const files = await tarballFiles();
    const installed = join(cdktfApp, "node_modules", PACKAGE);
    const read = (file: string) => readFileSync(join(installed, file), "utf8");
    const markdown = files.filter((file) => file.endsWith(".md"));

    // when
    const links = markdown.flatMap((file) => relativeLinks(file, read(file)));

    // then: the README links the guides, and none of its links (or theirs) is dead
    expect(links.filter((link) => link.from === "README.md").map((link) => link.path)).toEqual(
      expect.arrayContaining([
        "docs/constructs.md",
        "docs/cli.md",
        "docs/api/",
        "docs/reliability.md",
        "bench/results.md",
      ]),
    );
    expect(brokenLinks(links, files, read)).toEqual([]);
  });

  test("names its repository, homepage, issue tracker and author for the npm page", () => {
    const manifest = JSON.parse(
      readFileSync(join(cdktfApp, "node_modules", PACKAGE, "package.json"), "utf8"),
    );

    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\/.+\/issues$/);
    expect(manifest.author.name).toBeTruthy();
  });

  test("ships source maps that carry their sources, since no .ts file is shipped", async () => {
    // given
    const maps = (await tarballFiles()).filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);

    // then
    const withoutSources = maps.filter((file) => {
      const map = JSON.parse(readFileSync(join(cdktfApp, "node_modules", PACKAGE, file), "utf8"));
      return !(
        map.sourcesContent?.length === map.sources.length && map.sourcesContent.every(Boolean)
      );
    });
    expect(withoutSources).toEqual([]);
  });
});

describe("a fresh cdktf app with the package installed", () => {
  test("deploys the README's first stack with Terraform against the emulator", async () => {
    // given: the README's code, pointed at the emulator instead of cn-north-4
    const main = replaceOnce(
      readmeBlockAfter("## Quickstart"),
      'region: "cn-north-4"',
      `endpoint: ${JSON.stringify(emulator.endpoint)}`,
    );
    writeFiles(cdktfApp, {
      "main.ts": main,
      "tsconfig.json": JSON.stringify({
        compilerOptions: CDKTF_APP_COMPILER_OPTIONS,
        include: ["main.ts"],
      }),
    });

    // when: compiled as a cdktf app is, synthesized with node, applied with Terraform
    await compile(cdktfApp, "tsconfig.json");
    await mustRun(process.execPath, ["main.js"], cdktfApp);
    const workspace = appWorkspace(cdktfApp, "dr");
    const apply = await initAndApply(workspace, credentials());
    const outputs = await terraform(workspace, ["output", "-json"], {});

    // then
    expect(apply.code).toBe(0);
    expect(emulator.actionRequests("start", DR_ID)).toHaveLength(1);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    const values = Object.values(JSON.parse(outputs.output.replace(/^[^{]*/, ""))).map(
      (output) => (output as { value: unknown }).value,
    );
    expect(values).toContain(DR_ID);
    expectNoSecrets(
      [
        ...fileArtefacts(workspace.outdir),
        { name: "terraform log", text: workspace.log.join("\n") },
      ],
      accountSecrets(emulator),
    );
  });

  test("npx dws-dr --help prints the usage", async () => {
    // when
    const run = await mustRun("npx", ["--offline", "dws-dr", "--help"], cdktfApp);

    // then
    expect(run.output).toMatch(/dws-dr <start\|pause\|switchover\|failover\|recovery>/);
  });

  test("npx dws-dr emulator prints its ready line and stops on SIGTERM", async () => {
    // given
    // In a group of its own, which the test signals as a terminal would signal its foreground
    // job: npx does not pass a SIGTERM on to the program it runs.
    const child = spawn("npx", ["--offline", "dws-dr", "emulator", "--port", "0"], {
      cwd: cdktfApp,
      detached: true,
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

    // when
    await waitFor(() => stdout.includes("\n"), "the emulator's ready line", 30_000);
    const ready = JSON.parse(stdout.split("\n")[0]) as ReadyLine;
    process.kill(-(child.pid as number), "SIGTERM");

    // then
    expect(ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.disasterRecoveryIds).toContain(DR_ID);
    await exited; // "close" comes once every process holding the pipes (the emulator too) is gone
    await expect(sendRaw(ready.endpoint, { method: "GET", path: "/" })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  test.each(consumers("cdktf", PACKAGE))("works from $consumer", async (consumer) => {
    expect(await runConsumer(cdktfApp, consumer)).toBe("terraform_data");
  });
});

describe("a strict TypeScript app with skipLibCheck false and no @types/node", () => {
  // Every declaration file the entry reaches is checked, the package's and cdktf's alike: one
  // that needs Node's types (import "node:http") fails the app's build (issue 20).
  const strictApp = (
    framework: string,
    entry: string,
  ) => `import { App, TerraformStack } from "${framework}";
import { DisasterRecoveryStart, DisasterRecoveryStartProps } from "${entry}";

const props: DisasterRecoveryStartProps = {
  projectId: "89cd04f168b84af6be287f71730fdb4b",
  disasterRecoveryId: "${DR_ID}",
  region: "cn-north-4",
};
const app = new App();
new DisasterRecoveryStart(new TerraformStack(app, "dr"), "start-dr", props);
app.synth();
`;
  const strictConfig = (module: string, moduleResolution: string, file: string) =>
    JSON.stringify({
      compilerOptions: {
        module,
        moduleResolution,
        target: "ES2022",
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: [],
      },
      files: [file],
    });

  test("is what the apps are: neither has @types/node installed", () => {
    expect(existsSync(join(cdktfApp, "node_modules", "@types", "node"))).toBe(false);
    expect(existsSync(join(cdktnApp, "node_modules", "@types", "node"))).toBe(false);
  });

  test.each([
    ["commonjs", "node10", "strict-node10.ts"],
    ["node16", "node16", "strict-node16.ts"],
    ["esnext", "bundler", "strict-bundler.mts"],
  ])(
    "type-checks against the root entry (module %s, moduleResolution %s)",
    async (module, resolution, file) => {
      // given
      const config = `tsconfig.strict-${resolution}.json`;
      writeFiles(cdktfApp, {
        [file]: strictApp("cdktf", PACKAGE),
        [config]: strictConfig(module, resolution, file),
      });

      // when / then: tsc exits 0 (compile fails the test with tsc's messages otherwise)
      await compile(cdktfApp, config);
    },
  );

  test("type-checks against the /cdktn entry", async () => {
    writeFiles(cdktnApp, {
      "strict-cdktn.ts": strictApp("cdktn", `${PACKAGE}/cdktn`),
      "tsconfig.strict.json": strictConfig("node16", "node16", "strict-cdktn.ts"),
    });

    await compile(cdktnApp, "tsconfig.strict.json");
  });
});

describe("a fresh CDK Terrain (cdktn) app with the package installed", () => {
  test("does not pull cdktf in", () => {
    expect(existsSync(join(cdktnApp, "node_modules", "cdktn"))).toBe(true);
    expect(existsSync(join(cdktnApp, "node_modules", "cdktf"))).toBe(false);
  });

  test("deploys the README's CDK Terrain stack: a start, then a step ordered after it", async () => {
    // given: the README's cdktn code, pointed at the emulator
    const main = replaceOnce(
      readmeBlockAfter("## CDK Terrain"),
      'region: "cn-north-4"',
      `endpoint: ${JSON.stringify(emulator.endpoint)}`,
    );
    writeFiles(cdktnApp, {
      "main.ts": main,
      "tsconfig.json": JSON.stringify({
        compilerOptions: CDKTF_APP_COMPILER_OPTIONS,
        include: ["main.ts"],
      }),
    });
    emulator.setStatus(DR_ID, "unstart");
    const startsBefore = emulator.actionRequests("start", DR_ID).length;

    // when
    await compile(cdktnApp, "tsconfig.json");
    await mustRun(process.execPath, ["main.js"], cdktnApp);
    const workspace = appWorkspace(cdktnApp, "dr");
    const apply = await initAndApply(workspace, credentials());
    const state = await terraform(workspace, ["show", "-json"], {});

    // then: one start, and the later step saw the DR id (so it ran after the start)
    expect(apply.code).toBe(0);
    expect(emulator.actionRequests("start", DR_ID)).toHaveLength(startsBefore + 1);
    expect(emulator.getTask(DR_ID)?.status).toBe("running");
    const resources: Array<{ type: string; values: { input?: unknown } }> = JSON.parse(
      state.output.replace(/^[^{]*/, ""),
    ).values.root_module.resources;
    const later = resources.filter(
      (r) => r.type === "terraform_data" && JSON.stringify(r.values.input).includes(DR_ID),
    );
    expect(later.length).toBeGreaterThanOrEqual(1);
    expectNoSecrets(
      [
        ...fileArtefacts(workspace.outdir),
        { name: "terraform log", text: workspace.log.join("\n") },
      ],
      accountSecrets(emulator),
    );
  });

  test.each(consumers("cdktn", `${PACKAGE}/cdktn`))("works from $consumer", async (consumer) => {
    expect(await runConsumer(cdktnApp, consumer)).toBe("terraform_data");
  });

  test('refuses resourceKind "null_resource" at synth, saying no @cdktn/provider-null exists', async () => {
    // given
    writeFiles(cdktnApp, {
      "null-resource.cjs": `
const { Testing } = require("cdktn");
const { DisasterRecoveryStart } = require("${PACKAGE}/cdktn");
Testing.synthScope((scope) => new DisasterRecoveryStart(scope, "start-dr", {
  projectId: "89cd04f168b84af6be287f71730fdb4b",
  disasterRecoveryId: "${DR_ID}",
  region: "cn-north-4",
  resourceKind: "null_resource",
}));`,
    });

    // when
    const run = await runNode(cdktnApp, "null-resource.cjs");

    // then
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'resourceKind: "null_resource" is not available on CDK Terrain (cdktn): no @cdktn/provider-null is published',
    );
  });
});

/**
 * One consumer per module system a user may compile or run with, each importing `framework`
 * and the package entry `entry`, and synthesizing a start. The TypeScript ones also prove the
 * types are real: a wrong prop type must not compile.
 */
function consumers(framework: "cdktf" | "cdktn", entry: string): Consumer[] {
  const synthAStart = (imports: string) => `${imports}
const json = Testing.synthScope((scope) => {
  new DisasterRecoveryStart(scope, "start-dr", {
    projectId: "89cd04f168b84af6be287f71730fdb4b",
    disasterRecoveryId: "${DR_ID}",
    region: "cn-north-4",
  });
});
console.log(Object.keys(JSON.parse(json).resource).join(","));
`;
  const esmImports = `import { Testing } from "${framework}";\nimport { DisasterRecoveryStart } from "${entry}";`;
  const typedImports = `import { Testing } from "${framework}";\nimport { DisasterRecoveryStart, DisasterRecoveryStartProps } from "${entry}";`;
  const typed = `${synthAStart(typedImports)}
// @ts-expect-error timeout is a duration string such as "30m"
export const wrong: DisasterRecoveryStartProps = { projectId: "p", disasterRecoveryId: "d", timeout: 30 };
`;
  return [
    {
      consumer: "CommonJS (require)",
      files: {
        "consumer.cjs": synthAStart(
          `const { Testing } = require("${framework}");\nconst { DisasterRecoveryStart } = require("${entry}");`,
        ),
      },
      run: "consumer.cjs",
    },
    {
      consumer: "ESM (import in a .mjs file)",
      files: { "consumer.mjs": synthAStart(esmImports) },
      run: "consumer.mjs",
    },
    {
      consumer: "TypeScript, moduleResolution node16 (CommonJS output)",
      files: {
        "node16-cjs.ts": typed,
        "tsconfig.node16-cjs.json": tsconfig("node16", "node16", ["node16-cjs.ts"]),
      },
      tsconfig: "tsconfig.node16-cjs.json",
      run: "node16-cjs.js",
    },
    {
      consumer: "TypeScript, moduleResolution node16 (ESM, .mts)",
      files: {
        "node16-esm.mts": typed,
        "tsconfig.node16-esm.json": tsconfig("node16", "node16", ["node16-esm.mts"]),
      },
      tsconfig: "tsconfig.node16-esm.json",
      run: "node16-esm.mjs",
    },
    {
      consumer: "TypeScript, moduleResolution bundler",
      files: {
        "bundler.mts": typed,
        "tsconfig.bundler.json": tsconfig("esnext", "bundler", ["bundler.mts"]),
      },
      tsconfig: "tsconfig.bundler.json",
      run: "bundler.mjs",
    },
  ];
}

/** Writes the consumer into `app`, compiles it if it is TypeScript, runs it; returns its stdout. */
async function runConsumer(app: string, { files, tsconfig: config, run }: Consumer) {
  writeFiles(app, files);
  if (config) await compile(app, config);
  return (await mustRun(process.execPath, [run], app)).stdout.trim();
}

/** A program using the package: its files, the tsconfig compiling it (if any), the file to run. */
interface Consumer {
  readonly consumer: string;
  readonly files: Record<string, string>;
  readonly tsconfig?: string;
  readonly run: string;
}

function tsconfig(module: string, moduleResolution: string, files: string[]): string {
  return JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution,
      target: "ES2022",
      strict: true,
      skipLibCheck: true,
      types: [],
    },
    files,
  });
}

function runNode(cwd: string, script: string) {
  return runProcess(process.execPath, [script], { cwd, env: process.env });
}
