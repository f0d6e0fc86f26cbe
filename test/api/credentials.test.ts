import { credentialsFromEnv, secretValues } from "../../lib/api/credentials";
import { DwsDrError } from "../../lib/api/errors";

function failure(env: Record<string, string>): DwsDrError {
  try {
    credentialsFromEnv(env);
  } catch (error) {
    return error as DwsDrError;
  }
  throw new Error("expected credentialsFromEnv to throw");
}

describe("credentialsFromEnv", () => {
  it("reads the SDK's variable names first", () => {
    const credentials = credentialsFromEnv({
      HUAWEICLOUD_SDK_AK: "sdk-ak",
      HUAWEICLOUD_SDK_SK: "sdk-sk",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "sdk-token",
      HW_ACCESS_KEY: "tf-ak",
      HW_SECRET_KEY: "tf-sk",
    });
    expect(credentials).toEqual({
      kind: "aksk",
      accessKey: "sdk-ak",
      secretKey: "sdk-sk",
      securityToken: "sdk-token",
    });
  });

  it("falls back to the Terraform provider's names", () => {
    expect(credentialsFromEnv({ HW_ACCESS_KEY: "tf-ak", HW_SECRET_KEY: "tf-sk" })).toEqual({
      kind: "aksk",
      accessKey: "tf-ak",
      secretKey: "tf-sk",
      securityToken: undefined,
    });
  });

  it("uses an IAM token when no key pair is set", () => {
    expect(credentialsFromEnv({ HW_AUTH_TOKEN: "iam-token" })).toEqual({
      kind: "token",
      token: "iam-token",
    });
  });

  it("treats empty variables as unset", () => {
    expect(
      credentialsFromEnv({ HUAWEICLOUD_SDK_AK: "", HUAWEICLOUD_SDK_SK: " ", HW_AUTH_TOKEN: "t" }),
    ).toEqual({ kind: "token", token: "t" });
  });

  it("refuses a half-set pair, naming the missing variable", () => {
    const error = failure({ HUAWEICLOUD_SDK_AK: "ak" });
    expect(error.category).toBe("bad-input");
    expect(error.message).toMatch(/HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/);
  });

  it("does not pair keys across naming families", () => {
    expect(failure({ HUAWEICLOUD_SDK_AK: "ak", HW_SECRET_KEY: "sk" }).message).toMatch(
      /HUAWEICLOUD_SDK_SK is not/,
    );
  });

  it("names every way to provide credentials when there are none", () => {
    const error = failure({});
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/HUAWEICLOUD_SDK_AK.*HW_ACCESS_KEY.*HW_AUTH_TOKEN/s);
  });

  it("lists every credential value for redaction, the access key included", () => {
    const credentials = credentialsFromEnv({
      HW_ACCESS_KEY: "ak",
      HW_SECRET_KEY: "sk",
      HW_SECURITY_TOKEN: "st",
    });
    expect(secretValues(credentials)).toEqual(["ak", "sk", "st"]);
  });
});
