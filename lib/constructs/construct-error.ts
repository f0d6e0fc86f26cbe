/**
 * A refused construct prop. Thrown from the constructor (a jsii client needs the exception at
 * construction), but printed like cdktf's own validation errors: the message and the construct
 * path, with no stack trace into this library, which would only bury the message. So its stack
 * is its message and one line naming the construct path (without any `at` line, Node prints an
 * uncaught error as `[ValidationError: ...]`, in brackets).
 */
export class ValidationError extends Error {
  constructor(constructPath: string, message: string) {
    super(message);
    this.name = "ValidationError";
    this.stack = `${this.name}: ${message}\n    at ${constructPath} (construct path)`;
  }
}

/** Runs `validate`, prefixing the message of anything it throws with the construct path. */
export function withConstructPath<T>(constructPath: string, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The validator's message is kept whole; its error is not the cause, which Node would print
    // with the validator's own stack trace.
    throw new ValidationError(constructPath, `${constructPath}: ${message}`);
  }
}

/** An error about a construct's props, worded like the API layer's errors. */
export function constructError(constructPath: string, summary: string, hint: string): Error {
  return new ValidationError(constructPath, `${constructPath}: ${summary}. ${hint}`);
}
