import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorCode } from '@dvc-widgets/contract';
import type { AppEnv } from './context.js';
import { HttpError, STATUS_OF, envelope } from './errors.js';
import { safeError } from './logging.js';

/** Every non-2xx answer in the contract's one error envelope, never cached. */
export function errorResponse(c: Context, error: HttpError): Response {
  for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
  c.header('Cache-Control', 'no-store');
  const reason = error.details?.reason;
  if (typeof reason === 'string') c.set('reason', reason);
  return c.json(envelope(error.code, error.message, error.details), error.status as 400);
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new HttpError('not_found', 'No such resource', { path: c.req.path }));

/**
 * The one place a thrown error becomes an answer. Our own `HttpError`s carry their status;
 * Hono's `HTTPException`s below 500 keep theirs; anything else is a 500 whose details go to
 * the log only (through `safeError`: never a stack trace or driver message to the client, and
 * never the driver's copy of the row to the log).
 */
export const errorHandler: ErrorHandler<AppEnv> = (error, c) => {
  const log = c.get('log');
  if (error instanceof HttpError) {
    if (error.status >= 500) log?.error({ err: safeError(error) }, error.message);
    return errorResponse(c, error);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = (Object.entries(STATUS_OF).find(([, s]) => s === error.status)?.[0] ?? 'invalid_request') as ErrorCode;
    return errorResponse(c, new HttpError(code, error.message || 'Invalid request'));
  }
  log?.error({ err: safeError(error) }, 'unhandled error');
  return errorResponse(c, new HttpError('internal', 'Internal server error'));
};
