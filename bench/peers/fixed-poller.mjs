// A fixed-cadence peer for the completion bench: `node fixed-poller.mjs <delay-ms> <interval-ms>`
// does what a waiter with a fixed cadence does (the huaweicloud Terraform provider's is a 10 s
// delay and a 10 s interval): read the status, send the start, then read every <interval-ms>
// after a first wait of <delay-ms> until the DR is running. Same client, same env as the runtime.
import { DwsDrClient } from "../../dist/lib/api/client.js";
import { credentialsFromEnv } from "../../dist/lib/api/credentials.js";
import { setTimeout as sleep } from "node:timers/promises";

const [delayMs, intervalMs] = process.argv.slice(2).map(Number);
const env = process.env;
const id = env.DWS_DR_DISASTER_RECOVERY_ID;
const client = new DwsDrClient({
  endpoint: env.DWS_DR_ENDPOINT,
  projectId: env.DWS_DR_PROJECT_ID,
  credentials: credentialsFromEnv(env),
});

await client.getDetail(id);
await client.sendAction("start", id);
await sleep(delayMs);
while ((await client.getDetail(id)).status !== "running") await sleep(intervalMs);
