import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { RunningEmulator, startEmulator } from "../../lib/emulator";
import { PINNED, toolPaths } from "../../scripts/tool-paths.cjs";
import {
  CDKTF_APP_COMPILER_OPTIONS,
  REPO_ROOT,
  compile,
  tempDir,
  writeFiles,
} from "../package/packed-app";
import { readmeBlockAfter, replaceOnce } from "../package/readme-snippets";
import { runProcess } from "../support/process";
import { accountSecrets, expectNoSecrets, fileArtefacts } from "../support/secret-scan";
import { TERRAFORM } from "../support/terraform";

// Issue 16: the README's CDK Terrain app deployed by the cdktn CLI itself (`cdktn deploy`, not
// `node main.js` + terraform), on the Node it needs (cdktn-cli 0.24: >= 22.19), both pinned and
// set up by scripts/setup-tools.mjs. The app links the repository's build (the packed tarball's
// install is the package suite's job), so this costs one deploy, not an npm install.
const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";
const tools = toolPaths();

let emulator: RunningEmulator;
let app: ReturnType<typeof tempDir>;

beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
  app = tempDir("dws-dr-cdktn-cli-");
});

afterAll(async () => {
  await emulator?.stop();
  app?.remove();
});

it(`cdktn-cli ${PINNED.cdktnCli} deploys the README's CDK Terrain app on Node ${PINNED.node[24]}`, async () => {
  // given: the README's cdktn code pointed at the emulator, in an app that has the package
  const main = replaceOnce(
    readmeBlockAfter("## CDK Terrain"),
    'region: "cn-north-4"',
    `endpoint: ${JSON.stringify(emulator.endpoint)}`,
  );
  writeFiles(app.path, {
    "package.json": JSON.stringify({ name: "cdktn-cli-app", private: true }),
    "cdktf.json": JSON.stringify({
      language: "typescript",
      app: "node main.js",
      sendCrashReports: false,
    }),
    "main.ts": main,
    "tsconfig.json": JSON.stringify({
      compilerOptions: CDKTF_APP_COMPILER_OPTIONS,
      include: ["main.ts"],
    }),
  });
  linkPackages(app.path);
  await compile(app.path, "tsconfig.json");
  emulator.setStatus(DR_ID, "unstart");

  // when: `cdktn deploy`, with the pinned Node first on PATH (cdktn runs the app with `node`,
  // and so does Terraform's local-exec for the runtime)
  const outputs = join(app.path, "outputs.json");
  const run = await runProcess(
    tools.node[24],
    [tools.cdktnCli, "deploy", "dr", "--auto-approve", "--outputs-file", outputs],
    {
      cwd: app.path,
      env: {
        PATH: `${dirname(tools.node[24])}:${process.env.PATH ?? ""}`,
        HOME: app.path, // cdktn keeps its own settings under HOME: not the user's
        CI: "1",
        FORCE_COLOR: "0",
        CHECKPOINT_DISABLE: "1",
        DISABLE_VERSION_CHECK: "1",
        TERRAFORM_BINARY_NAME: TERRAFORM.path,
        HUAWEICLOUD_SDK_AK: emulator.accessKey,
        HUAWEICLOUD_SDK_SK: emulator.secretKey,
      },
    },
  );

  // then: one start, the DR running, its id in the stack's outputs
  expect({ code: run.code, tail: run.output.slice(-3000) }).toMatchObject({ code: 0 });
  expect(
    emulator.actionRequests("start", DR_ID).filter((r) => r.responseStatus === 200),
  ).toHaveLength(1);
  expect(emulator.getTask(DR_ID)?.status).toBe("running");
  // (cdktn nests a construct's output under its id: { "start-dr": { "Output": "<id>" } })
  expect(JSON.parse(readFileSync(outputs, "utf8")).dr).toEqual({ "start-dr": { Output: DR_ID } });
  expectNoSecrets(
    [...fileArtefacts(join(app.path, "cdktf.out")), { name: "cdktn deploy", text: run.output }],
    accountSecrets(emulator),
  );
});

// node_modules of the app: cdktn and constructs from the repository's install, the package as
// the repository itself (its package.json exports ./cdktn from dist/cdktn).
function linkPackages(dir: string): void {
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  symlinkSync(join(REPO_ROOT, "node_modules/cdktn"), join(modules, "cdktn"));
  symlinkSync(join(REPO_ROOT, "node_modules/constructs"), join(modules, "constructs"));
  symlinkSync(REPO_ROOT, join(modules, "cdktf-dws-disaster-recovery"));
}
