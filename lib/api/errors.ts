/**
 * What kind of failure an error is. Each category maps onto one CLI exit code (DESIGN.md).
 */
export type ErrorCategory =
  | "bad-input" // exit 2: nothing was sent
  | "auth" // exit 3: 401, or 403 for authentication/permission
  | "not-found" // exit 4: 404, or 400 DWS.10101
  | "refused" // exit 5: the action is not allowed now, or the DR ended in a failed status
  | "timeout" // exit 6: the DR did not reach the target status in time
  | "service" // exit 7: 5xx, throttling or network errors after the retries ran out
  | "interrupted"; // exit 8: SIGINT/SIGTERM stopped the run; the message says what is known

/** The `dws-dr` exit code of each error category (DESIGN.md: exit codes). */
export const EXIT_CODES: Readonly<Record<ErrorCategory, number>> = {
  "bad-input": 2,
  auth: 3,
  "not-found": 4,
  refused: 5,
  timeout: 6,
  service: 7,
  interrupted: 8,
};

/** Fields of a {@link DwsDrError}; all but category and summary are optional. */
export interface DwsDrErrorFields {
  readonly category: ErrorCategory;
  /** What failed, e.g. `POST .../start` or `disasterRecoveryId`. */
  readonly summary: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  /** What the user can do next. */
  readonly hint?: string;
}

/**
 * The one error type of this library's API, runner and CLI layers. The message is built in one
 * place from the structured fields, so every error reads the same way.
 */
export class DwsDrError extends Error {
  readonly category: ErrorCategory;
  readonly summary: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  readonly hint?: string;

  constructor(fields: DwsDrErrorFields) {
    super(formatErrorMessage(fields));
    this.name = "DwsDrError";
    this.category = fields.category;
    this.summary = fields.summary;
    this.httpStatus = fields.httpStatus;
    this.errorCode = fields.errorCode;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
    this.hint = fields.hint;
  }

  /** The CLI exit code for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.category];
  }

  /** A plain object for `--json` output. */
  toJSON(): Record<string, unknown> {
    return {
      category: this.category,
      message: this.message,
      httpStatus: this.httpStatus,
      errorCode: this.errorCode,
      errorMsg: this.errorMsg,
      requestId: this.requestId,
    };
  }
}

/** Shorthand for the most common error: a value the user gave is wrong. */
export function badInput(summary: string, hint?: string): DwsDrError {
  return new DwsDrError({ category: "bad-input", summary, hint });
}

function formatErrorMessage(fields: DwsDrErrorFields): string {
  const details: string[] = [];
  if (fields.httpStatus !== undefined) details.push(`HTTP ${fields.httpStatus}`);
  if (fields.errorCode) details.push(fields.errorCode);
  if (fields.errorMsg) details.push(`"${fields.errorMsg}"`);
  if (fields.requestId) details.push(`request id ${fields.requestId}`);
  let message = fields.summary;
  if (details.length > 0) message += ` (${details.join(", ")})`;
  if (fields.hint) message += `. ${fields.hint}`;
  return message;
}
