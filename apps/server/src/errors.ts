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

export const unavailable = () => new AppError('service_unavailable', 503, 'The service is briefly unavailable. Please try again in a few seconds.');

// PostgreSQL: admin shutdown / crash shutdown / cannot connect now, and the connection exception class (08xxx).
const pgUnavailableCodes = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const unavailableMessage = /the database system is (?:shutting down|starting up|in recovery mode)|terminating connection due to administrator command|Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|EPIPE|Connection is closed|Stream isn't writeable|Reached the max retries per request|database is locked|SQLITE_BUSY/i;

/**
 * Whether an error means a backing service (database, Redis) is out of reach for a moment:
 * the request gets a 503 and the client may retry; the process itself carries on.
 */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof e.code === 'string' && pgUnavailableCodes.has(e.code)) return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return typeof e.message === 'string' && unavailableMessage.test(e.message);
}
