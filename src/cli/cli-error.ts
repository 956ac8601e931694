/** An error to print as `llbx: message` with an exit code, without a stack trace. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function isCliError(e: unknown): e is CliError {
  return e instanceof Error && e.name === "CliError";
}
