/** Runs `validate`, prefixing the message of anything it throws with the construct path. */
export function withConstructPath<T>(constructPath: string, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${constructPath}: ${message}`, { cause: error });
  }
}

/** An error about a construct's props, worded like the API layer's errors. */
export function constructError(constructPath: string, summary: string, hint: string): Error {
  return new Error(`${constructPath}: ${summary}. ${hint}`);
}
