/**
 * Errors the generator and the linter raise on purpose. The CLI prints `message` (one paragraph that
 * names the source and the place) and exits with `exitCode`, never a stack trace.
 */
export class CapkitError extends Error {
  override readonly name: string = "CapkitError";
  /** Stable machine-readable code, e.g. `SPEC_NOT_FOUND`. */
  readonly code: string;
  /** Where the problem is: a file path or URL. */
  readonly source: string | undefined;
  /** The place inside the source: a JSON pointer, or `line:col`. */
  readonly where: string | undefined;
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    options: { source?: string; where?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
    this.where = options.where;
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isCapkitError(error: unknown): error is CapkitError {
  return error instanceof CapkitError;
}
