import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { endpoints, type EndpointDef, type EndpointName, type Endpoints } from '@dvc-widgets/contract';
import type { Database } from '../db/schema.js';
import { strongEtag } from '../services/procedures.js';
import type { AppEnv } from './context.js';
import { HttpError, envelope } from './errors.js';
import { IDEMPOTENCY_KEY_RE, bodyHash, runIdempotent, type Outcome } from './idempotency.js';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
export type Parsed<N extends EndpointName> = {
  params: Endpoints[N] extends { params: infer S } ? Out<S> : undefined;
  query: Endpoints[N] extends { query: infer S } ? Out<S> : undefined;
  body: Endpoints[N] extends { body: infer S } ? Out<S> : undefined;
};
/** One function per contract operation: parsed input in, the answer's data out (errors thrown). */
export type EndpointHandlers = { [N in EndpointName]: (input: Parsed<N>) => Promise<z.output<Endpoints[N]['response']>> };

/** Lookups by a code a citizen holds: answers carry personal data (and are rate-limited per code). */
export const PERSONAL_LOOKUPS = new Set<EndpointName>(['getDossier', 'checkSurveyEligibility', 'getAppointment']);
const CACHEABLE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

export interface EndpointRoutesOptions {
  handlers: EndpointHandlers;
  /** Where idempotency keys live (the same database as the data, so a replay is exact). */
  db: Kysely<Database>;
  now: () => Date;
  /** Middleware run before an operation's input is read (its rate limits), if any. */
  before?: (name: EndpointName, endpoint: EndpointDef) => MiddlewareHandler<AppEnv> | undefined;
}

function issuesOf(location: string, error: z.core.$ZodError) {
  return error.issues.map((i) => ({ location, path: i.path.map(String), code: i.code, message: i.message }));
}

function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, location: string): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new HttpError('invalid_request', `Invalid ${location}`, { issues: issuesOf(location, result.error) });
  }
  return result.data;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored on both sides. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function idempotencyKeyOf(c: Context): string {
  const key = c.req.header('idempotency-key') ?? '';
  if (!IDEMPOTENCY_KEY_RE.test(key)) {
    throw new HttpError('invalid_request', 'An Idempotency-Key header (8–128 visible ASCII characters) is required', {
      issues: [{ location: 'header', path: ['Idempotency-Key'], code: key ? 'invalid_format' : 'required', message: key ? 'expected 8–128 visible ASCII characters' : 'required' }],
    });
  }
  return key;
}

async function jsonBodyOf(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError('invalid_request', 'The body must be JSON (Content-Type: application/json)', {
      issues: [{ location: 'header', path: ['Content-Type'], code: 'invalid_value', message: 'expected application/json' }],
    });
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError('invalid_request', 'The body is not valid JSON');
  }
}

/**
 * The contract-to-route adapter: one Hono route per row of the endpoint table. For each request
 * it parses path, query, headers and body with the contract's schemas (400 with the issues),
 * runs POSTs once per Idempotency-Key, checks the handler's answer against the response schema
 * before it leaves (a failure is logged and answered as a 500), and sets the caching headers:
 * strong ETag + 304 for cacheable answers, `no-store` for personal data and writes.
 */
export function endpointRoutes(app: Hono<AppEnv>, options: EndpointRoutesOptions): void {
  /**
   * Serialised answers and ETags of memoised handler results (the procedure index, kept search
   * answers), keyed by the result object itself, so they can never be stale: validated,
   * serialised and hashed once. Fresh objects (a dossier) leave with their request.
   */
  const prepared = new WeakMap<object, { text: string; etag?: string }>();

  for (const [name, e] of Object.entries(endpoints) as [EndpointName, EndpointDef][]) {
    const honoPath = e.path.replace(/\{(\w+)\}/g, ':$1');
    const handler = options.handlers[name] as (input: { params: unknown; query: unknown; body: unknown }) => Promise<unknown>;
    const named: MiddlewareHandler<AppEnv> = async (c, next) => {
      c.set('operation', name);
      await next();
    };
    const before = options.before?.(name, e);

    app.on(e.method, honoPath, named, ...(before ? [before] : []), async (c) => {
      const params = e.params ? parseOrThrow(e.params, c.req.param(), 'path') : undefined;
      const query = e.query ? parseOrThrow(e.query, c.req.query(), 'query') : undefined;
      const idempotencyKey = e.idempotent ? idempotencyKeyOf(c) : '';
      const rawBody = e.body ? await jsonBodyOf(c) : undefined;
      const body = e.body ? parseOrThrow(e.body, rawBody, 'body') : undefined;

      const run = async (): Promise<Outcome & { text?: string; etag?: string }> => {
        const data = await handler({ params, query, body });
        const known = typeof data === 'object' && data !== null ? prepared.get(data) : undefined;
        if (known) return { status: e.status, body: data, ...known };
        const checked = z.safeParse(e.response, data);
        if (!checked.success) {
          // Our own answer broke the contract: log the details, tell the client nothing more.
          c.get('log').error({ endpoint: name, issues: checked.error.issues }, 'response failed contract validation');
          throw new HttpError('internal', 'Internal server error');
        }
        const text = JSON.stringify(checked.data);
        const etag = e.cacheable ? strongEtag(text) : undefined;
        if (typeof data === 'object' && data !== null) prepared.set(data, { text, etag });
        return { status: e.status, body: checked.data, text, etag };
      };

      let outcome: Outcome & { replayed?: boolean; text?: string; etag?: string };
      if (e.idempotent) {
        outcome = await runIdempotent(
          options.db,
          options.now,
          { key: idempotencyKey, route: `${e.method} ${c.req.path}`, hash: bodyHash(rawBody) },
          async () => {
            try {
              return await run();
            } catch (error) {
              // Refusals are part of the answer and replay like successes; 5xx are not stored.
              if (error instanceof HttpError && error.status < 500) {
                return { status: error.status, body: envelope(error.code, error.message, error.details) };
              }
              throw error;
            }
          },
        );
        if (outcome.replayed) c.header('Idempotent-Replayed', 'true');
        const reason = (outcome.body as { error?: { details?: { reason?: unknown } } } | null)?.error?.details?.reason;
        if (typeof reason === 'string') c.set('reason', reason);
      } else {
        outcome = await run();
      }

      const text = outcome.text ?? JSON.stringify(outcome.body);
      c.header('Content-Type', 'application/json; charset=utf-8');
      if (e.cacheable && outcome.status === 200) {
        const etag = outcome.etag ?? strongEtag(text);
        c.header('ETag', etag);
        c.header('Cache-Control', CACHEABLE_CONTROL);
        if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
      } else {
        // Dossiers and bookings carry personal data: never kept by shared or browser caches.
        c.header('Cache-Control', PERSONAL_LOOKUPS.has(name) || e.method === 'POST' ? 'no-store' : 'no-cache');
      }
      return c.body(text, outcome.status as 200);
    });
  }
}
