/** What to show or log of anything thrown: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (a rejection with a string or an object becomes one with that text). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
