/**
 * One error type for everything a user can cause. `code` is stable (clients and
 * translations key on it), `status` is the HTTP status, `message` is safe to show.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, details);
export const notFound = (code: string, message: string) => new AppError(code, 404, message);
export const forbidden = (code: string, message: string) => new AppError(code, 403, message);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
export const gone = (code: string, message: string) => new AppError(code, 410, message);
export const tooMany = (code: string, message: string) => new AppError(code, 429, message);

export function assert(condition: unknown, error: () => AppError): asserts condition {
  if (!condition) throw error();
}
