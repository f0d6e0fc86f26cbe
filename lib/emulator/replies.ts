import { DrAction } from "../api/status-model";

/** A response the emulator will send: status, JSON body and any extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An API-gateway (APIGW/APIG) or DWS error reply: `{error_code, error_msg}`. */
export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { error_code: code, error_msg: message } };
}

/** 404 for any method + path the emulator does not serve (the gateway's wording). */
export const API_NOT_FOUND = errorReply(
  404,
  "APIGW.0101",
  "The API does not exist or has not been published in the environment",
);

/** 400 DWS.10101: how the DR endpoints say a task does not exist (reference §4.1, TF provider). */
export function taskNotFound(id: string): Reply {
  // The real message is not documented. [emulator choice]
  return errorReply(400, "DWS.10101", `The disaster recovery task ${id} does not exist.`);
}

/**
 * 403 DWS.7023 with both field families, like the real body quoted in reference §4.1
 * (no DR-specific code is documented, so this is the cluster-state code). [emulator choice]
 */
export function actionNotAllowed(action: DrAction, status: string): Reply {
  const message = `Disaster recovery status ${status} is not allowed to operation ${action}.`;
  return {
    status: 403,
    body: {
      error_code: "DWS.7023",
      error_msg: message,
      errCode: "DWS.7023",
      externalMessage: message,
    },
  };
}

/**
 * 409 DWS.0011: an action sent while another operation's transition is still running. The code
 * and message are the DWS error-code page's (reference/dws-dr-api.md §4.1).
 */
export const OPERATION_IN_PROGRESS = errorReply(
  409,
  "DWS.0011",
  "Another operation is being performed on the instance or the instance is faulty. Try again later.",
);

/** The body an injected fault sends when the test gave none: what that status looks like live. */
export function defaultFaultReply(status: number): Reply {
  switch (status) {
    case 429:
      // reference §4.2: the gateway's throttling code.
      return errorReply(
        429,
        "APIG.0308",
        "The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 second",
      );
    case 502:
      return errorReply(502, "APIGW.0201", "Backend unavailable.");
    case 503:
      return errorReply(503, "DWS.0005", "Service unavailable");
    case 504:
      return errorReply(504, "APIGW.0201", "Backend timeout.");
    default:
      return errorReply(status, "DWS.9999", `Injected fault: HTTP ${status}`);
  }
}

/**
 * A request body over the gateway's limit: an API-gateway style 413 (the real gateway's limit and
 * code are not documented for DWS; the emulator's limit only keeps a stray client from filling
 * its memory).
 */
export const BODY_TOO_LARGE = errorReply(
  413,
  "APIGW.0413",
  "Request entity too large: the request body exceeds the limit.",
);
