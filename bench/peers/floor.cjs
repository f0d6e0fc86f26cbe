// The floor of the cold-start bench: the least a Node program can do for one signed status GET,
// by hand with node:http and node:crypto (SDK-HMAC-SHA256 as in lib/api/signer.ts, no retries,
// no options, no error handling worth the name). Reads the same DWS_DR_* / HUAWEICLOUD_SDK_* env.
const http = require("node:http");
const { URL } = require("node:url");
const { createHash, createHmac } = require("node:crypto");

const env = process.env;
const url = new URL(
  `/v2/${env.DWS_DR_PROJECT_ID}/disaster-recovery/${env.DWS_DR_DISASTER_RECOVERY_ID}`,
  env.DWS_DR_ENDPOINT,
);
const date = new Date()
  .toISOString()
  .replace(/[-:]/g, "")
  .replace(/\.\d{3}/, "");
const headers = { "content-type": "application/json", host: url.host, "x-sdk-date": date };
const names = Object.keys(headers).sort();
const canonical = [
  "GET",
  `${url.pathname}/`,
  "",
  names.map((n) => `${n}:${headers[n]}\n`).join(""),
  names.join(";"),
  createHash("sha256").update("").digest("hex"),
].join("\n");
const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash("sha256").update(canonical).digest("hex")}`;
const signature = createHmac("sha256", env.HUAWEICLOUD_SDK_SK).update(toSign).digest("hex");
headers.authorization = `SDK-HMAC-SHA256 Access=${env.HUAWEICLOUD_SDK_AK}, SignedHeaders=${names.join(";")}, Signature=${signature}`;

http.get(url, { headers }, (res) => {
  let body = "";
  res.on("data", (chunk) => (body += chunk));
  res.on("end", () => {
    if (res.statusCode !== 200) throw new Error(`floor: HTTP ${res.statusCode} ${body}`);
    process.stdout.write(`${JSON.parse(body).disaster_recovery.status}\n`);
  });
});
