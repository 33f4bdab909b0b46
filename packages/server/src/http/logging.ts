import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import pino, { type Logger, type LoggerOptions } from 'pino';
import type { AppEnv } from './context.js';

const REQUEST_ID_RE = /^[\w.-]{1,64}$/;

/**
 * The fields of a thrown error that may be logged. Database drivers attach what they sent and
 * what they found: `pg` a `detail` ("Failing row contains (…, Nguyễn Văn An, 0912345678, …)"),
 * PGlite the statement's `params` and `query`. Those hold a citizen's name, phone and ID number,
 * so an error is logged by an allow-list of fields that never carry row data.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error value thrown' };
  const e = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name || e.constructor?.name, message: e.message };
  for (const key of ['code', 'status', 'constraint', 'table', 'column', 'routine', 'severity'] as const) {
    if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  }
  if (e.stack) out.stack = e.stack;
  if (e.cause !== undefined) out.cause = safeError(e.cause);
  return out;
}

const serializeError = (value: unknown) => (value instanceof Error ? safeError(value) : value);

/**
 * Personal data the API handles, wherever a log call might put it, and the driver fields named
 * above: censored by pino before a line is written (a second net under `safeError`).
 */
export const REDACT_PATHS = [
  'fullName', 'phone', 'cccd', 'note', 'comment', 'body', 'applicant',
  '*.fullName', '*.phone', '*.cccd', '*.note', '*.comment', '*.body', '*.applicant',
  'err.detail', 'err.params', 'err.query', 'err.where', 'err.internalQuery', 'err.parameters',
  'error.detail', 'error.params', 'error.query', 'error.where',
  'req.headers.authorization', 'req.headers.cookie',
];

/** The server's logger: JSON lines, personal data redacted, errors through `safeError`. */
export function createLogger(options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  const config: LoggerOptions = {
    level: 'info',
    ...options,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Errors logged as they were thrown go through safeError too (already safe objects pass).
    serializers: { err: serializeError, error: serializeError, ...options.serializers },
  };
  return destination ? pino(config, destination) : pino(config);
}

/**
 * A request id on every answer and every log line: a client-supplied `X-Request-Id` of 1–64
 * `[\w.-]` characters is kept (a portal can trace its own requests), any other is replaced.
 * Handlers log through `c.get('log')`, bound to the id. One access line per request; the query
 * string is never logged (the appointment lookup carries the citizen's phone there).
 */
export function requestLogging(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('log', log.child({ reqId: requestId }));
    await next();
    c.header('X-Request-Id', requestId);
    log.info({
      reqId: requestId,
      method: c.req.method,
      path: c.req.path,
      operation: c.get('operation'),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
