import { REDACTED, secretRedactor } from "../../lib/api/redaction";

// Secrets shaped like the real ones: a 20-character access key, a 40-character secret key, and
// an IAM token (long, base64 with "+", "/" and "=").
const AK = "HPUAL3KX9QZ7TR2MVB5N";
const SK = "q8Zr1Xv4Lk9Tn2Bw7Hs5Jd3Fm6Gc0Ya8Pe1Uo4Ri";
const TOKEN = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw+gHs/Kq9=Zm8Tx2Wv==";

const redact = secretRedactor([AK, SK, TOKEN]);

describe("redaction by form, not only by copy", () => {
  test.each([
    ["an exact copy", `refused key ${AK} here`],
    ["a URL-encoded token", `GET /x?token=${encodeURIComponent(TOKEN)} failed`],
    ["a form-encoded token", `body: t=${new URLSearchParams({ t: TOKEN }).toString().slice(2)}`],
    ["a lower-cased access key", `unknown access key ${AK.toLowerCase()}`],
    ["an upper-cased secret key", `sk=${SK.toUpperCase()}`],
    ["a 40-character token prefix", `token ${TOKEN.slice(0, 40)}... expired`],
    ["a lower-cased part of the access key", `key "${AK.slice(3, 15).toLowerCase()}" unknown`],
    ["a part of the secret key in mixed case", `sig over ${SK.slice(10, 22).toUpperCase()}`],
    ["a JSON-escaped token", JSON.stringify({ msg: `bad ${TOKEN}` })],
  ])("%s is redacted", (_form, text) => {
    const out = redact(text);

    expect(out).toContain(REDACTED);
    for (const secret of [AK, SK, TOKEN]) {
      for (let i = 0; i + 8 <= secret.length; i++) {
        expect(out.toLowerCase()).not.toContain(secret.slice(i, i + 8).toLowerCase());
      }
    }
    expect(out).not.toContain(encodeURIComponent(TOKEN).slice(0, 12));
  });

  test("text around a secret is kept, and text without one is untouched", () => {
    expect(redact(`before ${AK} after`)).toBe(`before ${REDACTED} after`);
    const plain = "DR e59d6b86-9072-46eb-a996-13f8b44994c1 is running (project 89cd04f1)";
    expect(redact(plain)).toBe(plain);
  });

  test("a short run of a secret's characters is not mistaken for it", () => {
    expect(redact(`id ${AK.slice(0, 7)}`)).toBe(`id ${AK.slice(0, 7)}`);
  });

  test("a plain-looking secret is redacted whole but its padding does not swallow other text", () => {
    const padded = secretRedactor(["cli-test-secret-000000000000"]);

    expect(padded("echo cli-test-secret-000000000000")).toBe(`echo ${REDACTED}`);
    expect(padded("cluster 00000000-0000-4000-8000-000000000000")).toBe(
      "cluster 00000000-0000-4000-8000-000000000000",
    );
  });
});
