/**
 * Named error classes. Everything the API client, the data task and the outbox reject with is
 * one of these, so a widget can switch on `instanceof` (or on `name`, which is set explicitly
 * because minifiers rename classes and `constructor.name` would then read `e` or `t`).
 */

export interface DvcErrorOptions {
  cause?: unknown;
}

/** Base class of every error core throws. */
export class DvcError extends Error {
  constructor(message: string, options?: DvcErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DvcError';
  }
}

/** The server answered with a non-2xx status. `code` comes from the error envelope. */
export class ApiError extends DvcError {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: DvcErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * 429 (or 503 with a long `Retry-After`): the server asks us to wait. `retryAfter` is in seconds
 * when the server said how long, so the UI can show a countdown instead of a retry button.
 */
export class RateLimitedError extends ApiError {
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    retryAfter: number | undefined,
    details?: Record<string, unknown>,
    options?: DvcErrorOptions,
  ) {
    super(status, code, message, details, options);
    this.name = 'RateLimitedError';
    this.retryAfter = retryAfter;
  }
}

/** The request never reached the server (DNS, TLS, CORS, connection reset…). */
export class NetworkError extends DvcError {
  constructor(message = 'Network request failed', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The browser says it is offline. A subclass of NetworkError: every offline case is a network case. */
export class OfflineError extends NetworkError {
  constructor(message = 'The device is offline', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'OfflineError';
  }
}

/** No answer within the time limit. */
export class TimeoutError extends DvcError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: DvcErrorOptions) {
    super(`No answer within ${timeoutMs} ms`, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** One issue found while validating an answer (a plain copy of zod's issue, path as strings). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** A 2xx answer that is not what the contract promises (bad JSON, wrong shape, wrong type). */
export class ValidationError extends DvcError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = [], options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * The caller (or the element going away, or a newer request) cancelled the work. Not a failure:
 * the data task never shows it as an error state.
 */
export class AbortedError extends DvcError {
  constructor(message = 'The request was cancelled', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'AbortedError';
  }
}

/** True for our AbortedError and for the platform's `AbortError` DOMException. */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof AbortedError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}

/**
 * Maps anything thrown to one of the named classes. Unknown errors are wrapped (message kept,
 * original in `cause`) so callers never have to handle strings, DOMExceptions or bare Errors.
 */
export function toDvcError(error: unknown): DvcError {
  if (error instanceof DvcError) return error;
  if (isAbortError(error)) return new AbortedError(undefined, { cause: error });
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError') {
    return new TimeoutError(0, { cause: error });
  }
  if (error instanceof TypeError) {
    return isOffline() ? new OfflineError(undefined, { cause: error }) : new NetworkError(error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DvcError(message || 'Unexpected error', { cause: error });
}

/** `navigator.onLine === false` is reliable (true is not), so only that answer is trusted. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * The key in the `core` locale namespace that describes an error to a citizen, with its
 * interpolation values. Widgets render `t(key, values)` through their LocalizeController
 * (`localize.errorMessage(error)` does exactly that).
 */
export function errorMessageKey(error: unknown): { key: string; values?: Record<string, unknown> } {
  const e = toDvcError(error);
  if (e instanceof RateLimitedError) {
    return e.retryAfter !== undefined
      ? { key: 'error.rateLimitedSeconds', values: { count: Math.ceil(e.retryAfter), seconds: Math.ceil(e.retryAfter) } }
      : { key: 'error.rateLimited' };
  }
  if (e instanceof OfflineError) return { key: 'error.offline' };
  if (e instanceof NetworkError) return { key: 'error.network' };
  if (e instanceof TimeoutError) return { key: 'error.timeout' };
  if (e instanceof ValidationError) return { key: 'error.invalidResponse' };
  if (e instanceof AbortedError) return { key: 'error.aborted' };
  if (e instanceof ApiError) {
    if (e.status === 404) return { key: 'error.notFound' };
    if (e.status === 409) return { key: 'error.conflict' };
    if (e.status === 400 || e.status === 422) return { key: 'error.invalidRequest' };
    if (e.status === 503) return { key: 'error.unavailable' };
    if (e.status >= 500) return { key: 'error.server' };
    return { key: 'error.request' };
  }
  return { key: 'error.unexpected' };
}
