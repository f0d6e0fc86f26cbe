import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withEmulator } from "../support/emulator";
import { cliEnv, emulatorSecrets, runChecked, seedFor } from "./support";

// A throwaway self-signed certificate for 127.0.0.1, made by openssl for this test run only.
let dir: string;
let tls: { key: string; cert: string };
let certPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dws-dr-tls-"));
  const keyPath = join(dir, "key.pem");
  certPath = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
      ...["-keyout", keyPath, "-out", certPath, "-subj", "/CN=127.0.0.1"],
      ...["-addext", "subjectAltName=IP:127.0.0.1"],
    ],
    { stdio: "ignore" },
  );
  tls = { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8") };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("https endpoints", () => {
  it("refuses a certificate it cannot verify, naming NODE_EXTRA_CA_CERTS, and sends nothing", async () => {
    await withEmulator({ seed: seedFor("start"), tls, transitionMs: 200 }, async (emulator) => {
      // given an https emulator with a self-signed certificate
      expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

      // when a start runs without trusting it
      const run = await runChecked(["start"], cliEnv(emulator, "start"), emulatorSecrets(emulator));

      // then it fails at once, says how to trust a private CA, and no request got through
      expect(run.code).toBe(7);
      expect(run.stderr).toMatch(/TLS certificate was not trusted \(.*SELF_SIGNED/);
      expect(run.stderr).toMatch(
        /point NODE_EXTRA_CA_CERTS at that CA's PEM file; retrying will not help/,
      );
      expect(run.stderr).not.toMatch(/retry 1/);
      expect(emulator.requests).toHaveLength(0);
    });
  });

  it("succeeds once NODE_EXTRA_CA_CERTS names the certificate", async () => {
    await withEmulator({ seed: seedFor("start"), tls, transitionMs: 200 }, async (emulator) => {
      const run = await runChecked(
        ["start", "--json"],
        cliEnv(emulator, "start", { NODE_EXTRA_CA_CERTS: certPath }),
        emulatorSecrets(emulator),
      );
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, status: "running" });
      expect(emulator.actionRequests("start")).toHaveLength(1);
    });
  });
});
