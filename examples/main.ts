import { App, LocalBackend } from "cdktf";
import { FailoverStack } from "./failover-stack";

// The cdktf app of the root cdktf.json. `npm run demo` sets these variables from the emulator;
// against the real service, set them to your project, DR task and region.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: export it, or run \`npm run demo\``);
  return value;
}

const app = new App();
const stack = new FailoverStack(app, "dws-dr-demo", {
  projectId: required("DEMO_PROJECT_ID"),
  disasterRecoveryId: required("DEMO_DISASTER_RECOVERY_ID"),
  endpoint: process.env.DEMO_ENDPOINT || undefined,
  region: process.env.DEMO_ENDPOINT ? undefined : required("DEMO_REGION"),
  revision: process.env.DEMO_REVISION || undefined,
});
// The demo keeps its state in its own temporary directory rather than the current one.
if (process.env.DEMO_STATE_FILE) new LocalBackend(stack, { path: process.env.DEMO_STATE_FILE });
app.synth();
