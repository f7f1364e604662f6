/**
 * The error values that cross a boundary: `{ code, message }`. Inside core, errors are
 * typed (KmsError carries the AWS exception name); at a host boundary they become this.
 */
export interface ErrorData {
  code: string;
  message: string;
}

/** A user-facing error with a stable code (host API, import, CLI). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
  toData(): ErrorData {
    return { code: this.code, message: this.message };
  }
}

/** Input to a host call, CLI flag or file that is not what it should be. */
export class ValidationError extends AppError {
  constructor(message: string) {
    super('ValidationError', message);
  }
}

/** A state the code believes cannot happen. Seeing one is a bug in KMS Study. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`Internal error (this is a bug in KMS Study): ${message}`);
    this.name = 'InternalError';
  }
}

export function errorData(error: unknown): ErrorData {
  if (error instanceof AppError) return error.toData();
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string') return { code, message: error.message };
  if (error instanceof Error) return { code: 'InternalError', message: error.message };
  return { code: 'InternalError', message: String(error) };
}
