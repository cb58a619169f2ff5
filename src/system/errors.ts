/** The message of anything thrown, for error text shown to users. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
