import { Env, envValue } from "./env";
import { badInput } from "./errors";
import type { AccessKeyCredentials } from "./signer";

/** How requests are authenticated: a signed AK/SK pair, or an IAM token. */
export type Credentials =
  | ({ readonly kind: "aksk" } & AccessKeyCredentials)
  | { readonly kind: "token"; readonly token: string };

// The SDK's names first, then the Terraform provider's (reference/signing.md §4).
const AK_NAMES = ["HUAWEICLOUD_SDK_AK", "HW_ACCESS_KEY"] as const;
const SK_NAMES = ["HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"] as const;
const TOKEN_NAMES = ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN"] as const;
const AUTH_TOKEN_NAME = "HW_AUTH_TOKEN";

/**
 * Reads credentials from the environment only (never flags, never Terraform state).
 * An AK/SK pair must come from one naming family, so a stray `HW_SECRET_KEY` cannot pair with a
 * `HUAWEICLOUD_SDK_AK` of another account. Half-set pairs are refused, naming what is missing.
 */
export function credentialsFromEnv(env: Env): Credentials {
  for (let i = 0; i < AK_NAMES.length; i++) {
    const accessKey = envValue(env, AK_NAMES[i]);
    const secretKey = envValue(env, SK_NAMES[i]);
    if (accessKey && secretKey) {
      return { kind: "aksk", accessKey, secretKey, securityToken: envValue(env, TOKEN_NAMES[i]) };
    }
    if (accessKey || secretKey) {
      const [have, missing] = accessKey ? [AK_NAMES[i], SK_NAMES[i]] : [SK_NAMES[i], AK_NAMES[i]];
      throw badInput(
        `credentials: ${have} is set but ${missing} is not`,
        `Set both ${AK_NAMES[i]} and ${SK_NAMES[i]} (and ${TOKEN_NAMES[i]} for temporary keys).`,
      );
    }
  }
  const token = envValue(env, AUTH_TOKEN_NAME);
  if (token) return { kind: "token", token };
  throw badInput(
    "credentials: none found in the environment",
    `Set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HW_ACCESS_KEY and HW_SECRET_KEY), ` +
      `adding HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys, or set ${AUTH_TOKEN_NAME} to an IAM token.`,
  );
}

/**
 * True when the environment holds no credential variable at all (not even half a pair): the one
 * case in which `--dry-run` may show its request unsigned instead of failing.
 */
export function hasNoCredentials(env: Env): boolean {
  return [...AK_NAMES, ...SK_NAMES, AUTH_TOKEN_NAME].every((name) => !envValue(env, name));
}

/**
 * Every value of `credentials` that output must never show, for redaction: the access key too,
 * since it names the account (and the gateway echoes an unknown one in its error message).
 */
export function secretValues(credentials: Credentials): string[] {
  return credentials.kind === "token"
    ? [credentials.token]
    : [credentials.accessKey, credentials.secretKey, credentials.securityToken ?? ""].filter(
        (v) => v !== "",
      );
}
