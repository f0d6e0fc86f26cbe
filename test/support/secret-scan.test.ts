import { expectNoSecrets } from "./secret-scan";

describe("expectNoSecrets", () => {
  const secrets = [{ label: "secret key", value: "SK-very-secret" }];

  it("fails naming the artefact and the secret's label, not its value", () => {
    const leak = () =>
      expectNoSecrets([{ name: "apply log", text: "auth with SK-very-secret" }], secrets);
    expect(leak).toThrow("secret values leaked: secret key in apply log");
    expect(leak).not.toThrow(/SK-very-secret/);
  });

  it("passes when no artefact holds a secret value", () => {
    expect(() => expectNoSecrets([{ name: "state", text: "{}" }], secrets)).not.toThrow();
  });

  it("refuses to scan for nothing, which would always pass", () => {
    expect(() => expectNoSecrets([], [{ label: "token", value: "" }])).toThrow(/no secret values/);
  });
});
