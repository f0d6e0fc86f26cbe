// A cdktf app for the synth and apply benches: `node synth-app.cjs <dws-dr|bare> <count> <outdir>`
// synthesizes one stack of <count> DisasterRecoveryStart actions (DR ids from DR_IDS, a JSON
// list, cycled; endpoint from DWS_DR_ENDPOINT) or of <count> bare terraform_data resources whose
// local-exec runs `true`. Nothing else differs, so the difference is what the construct adds.
const { join } = require("node:path");
const { App, DataResource, LocalBackend, TerraformStack } = require("cdktf");
const { DisasterRecoveryStart } = require("../../dist/lib");

const [kind, countText, outdir] = process.argv.slice(2);
const count = Number(countText);
// One DR per action unless told otherwise: unordered actions on one DR are a synth error.
const drIds = process.env.DR_IDS
  ? JSON.parse(process.env.DR_IDS)
  : Array.from(
      { length: count },
      (_, i) => `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`,
    );
const endpoint = process.env.DWS_DR_ENDPOINT ?? "http://127.0.0.1:9";

const app = new App({ outdir });
const stack = new TerraformStack(app, "bench");
new LocalBackend(stack, { path: join(outdir, "terraform.tfstate") });
for (let i = 0; i < count; i++) {
  if (kind === "dws-dr") {
    new DisasterRecoveryStart(stack, `start-${i}`, {
      projectId: process.env.DWS_DR_PROJECT_ID ?? "89cd04f168b84af6be287f71730fdb4b",
      disasterRecoveryId: drIds[i % drIds.length],
      endpoint,
    });
  } else {
    new DataResource(stack, `bare-${i}`, {
      input: { index: i },
      provisioners: [{ type: "local-exec", command: "true" }],
    });
  }
}
app.synth();
