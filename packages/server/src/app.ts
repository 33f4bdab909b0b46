import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import * as z from 'zod/mini';
import { endpoints, type EndpointDef, type EndpointName, type Endpoints, type ErrorCode } from '@dvc-widgets/contract';
import { resolveConfig, type AppConfig } from './config.js';
import type { Database } from './db/schema.js';
import { renderDocs } from './http/docs.js';
import { HttpError, STATUS_OF, envelope } from './http/errors.js';
import { IDEMPOTENCY_KEY_RE, bodyHash, runIdempotent, type Outcome } from './http/idempotency.js';
import { SlidingWindowLimiter } from './http/rate-limit.js';
import { serveStaticTree } from './http/static.js';
import { AppointmentService } from './services/appointments.js';
import { DossierService } from './services/dossiers.js';
import { ProcedureService, strongEtag } from './services/procedures.js';
import { Store } from './services/store.js';
import { SurveyService } from './services/surveys.js';

export interface CreateAppOptions {
  db: Kysely<Database>;
  /** The server's clock; tests pass a fixed one. */
  now?: () => Date;
  config?: Partial<AppConfig>;
  /** pino logger; silent when omitted. */
  logger?: Logger;
  /** Folder whose `demos/`, `dist/` and `packages/` are served read-only; none when omitted. */
  staticDir?: string | null;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type Parsed<N extends EndpointName> = {
  params: Endpoints[N] extends { params: infer S } ? Out<S> : undefined;
  query: Endpoints[N] extends { query: infer S } ? Out<S> : undefined;
  body: Endpoints[N] extends { body: infer S } ? Out<S> : undefined;
};
type Handlers = { [N in EndpointName]: (input: Parsed<N>) => Promise<z.output<Endpoints[N]['response']>> };

/** Lookups that could be used to enumerate codes: rate-limited per client. */
const LOOKUPS = new Set<EndpointName>(['getDossier', 'checkSurveyEligibility', 'getAppointment']);
const CACHEABLE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';
const REQUEST_ID_RE = /^[\w.-]{1,64}$/;

type Env = { Variables: { requestId: string } };

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

function errorResponse(c: Context, error: HttpError): Response {
  for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
  c.header('Cache-Control', 'no-store');
  return c.json(envelope(error.code, error.message, error.details), error.status as 400);
}

export function createApp(options: CreateAppOptions) {
  const config = resolveConfig(options.config);
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? pino({ level: 'silent' });
  const store = new Store(options.db, now);
  const procedures = new ProcedureService(store);
  const dossiers = new DossierService(store);
  const surveys = new SurveyService(store, dossiers);
  const appointments = new AppointmentService(store, procedures);
  const limiters = {
    lookup: config.rateLimit.lookups > 0 ? new SlidingWindowLimiter(config.rateLimit.lookups, config.rateLimit.windowMs) : null,
    write: config.rateLimit.writes > 0 ? new SlidingWindowLimiter(config.rateLimit.writes, config.rateLimit.windowMs) : null,
  };

  const handlers: Handlers = {
    getAgency: async ({ params }) => {
      const { procedureCodes: _codes, corsOrigins: _origins, ...agency } = await store.agency(params.agencyCode);
      return agency;
    },
    listFields: ({ query }) => procedures.fields(query.agency),
    searchProcedures: ({ query }) => procedures.search(query),
    getProcedureIndex: ({ query }) => procedures.index(query.agency),
    getProcedure: ({ params }) => procedures.detail(params.code),
    getDossier: ({ params }) => dossiers.lookup(params.code),
    getSurvey: ({ params }) => surveys.definition(params.surveyId),
    checkSurveyEligibility: ({ params }) => surveys.eligibility(params.surveyId, params.dossierCode),
    submitSurveyResponse: ({ params, body }) => surveys.submit(params.surveyId, body),
    getSurveyResults: ({ params, query }) => surveys.results(params.surveyId, query),
    getSlots: ({ params, query }) => appointments.slots(params.agencyCode, query),
    createAppointment: ({ body }) => appointments.create(body),
    getAppointment: ({ params, query }) => appointments.lookup(params.code, query.phone),
    cancelAppointment: ({ params, body }) => appointments.cancel(params.code, body.phone),
    rescheduleAppointment: ({ params, body }) => appointments.reschedule(params.code, body.phone, body.start),
  };

  // CORS allow-list: CORS_ORIGINS plus every agency's corsOrigins. The agency of a request is not
  // known at preflight time (no body, not always in the URL), so the union is used. Refreshed
  // once a minute so an agency added to the database is picked up without a restart.
  let origins: { at: number; list: Promise<Set<string>> } | undefined;
  const allowedOrigins = (): Promise<Set<string>> => {
    const t = Date.now();
    if (!origins || t - origins.at > 60_000) {
      const list = store
        .allAgencies()
        .then((agencies) => new Set([...config.corsOrigins, ...agencies.flatMap((a) => a.corsOrigins ?? [])]))
        .catch((error: unknown) => {
          origins = undefined;
          throw error;
        });
      origins = { at: t, list };
    }
    return origins.list;
  };

  const clientIp = (c: Context): string => {
    if (config.trustProxy) {
      // The last hop is the one our own proxy appended; earlier ones are client-supplied.
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1]!;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  // The committed document (kept fresh by `npm run openapi -- --check` in CI): clients download
  // exactly the file reviewers read.
  const openapiText = readFileSync(createRequire(import.meta.url).resolve('@dvc-widgets/contract/openapi.json'), 'utf8');
  const openapi = JSON.parse(openapiText) as Record<string, unknown>;
  const docs = renderDocs(openapi);

  /**
   * Serialised answers and ETags of memoised handler results (the procedure index), keyed by
   * the result object itself, so they can never be stale: validated, serialised and hashed once.
   */
  const prepared = new WeakMap<object, { text: string; etag: string }>();

  const app = new Hono<Env>();

  // One JSON log line per request; the request id is echoed so a citizen's report can be traced.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    log.info({
      reqId: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  // Citizens are often on slow rural links: gzip shrinks the catalog index ~8× and the widget
  // bundles ~3×. (The strong ETag becomes weak when compressed; If-None-Match compares weakly.)
  app.use('*', compress());

  const apiHeaders = secureHeaders({
    // The API answers JSON only: nothing may run, load or frame it.
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // CORS decides who may read answers; CORP must not block the allowed cross-origin reads.
    crossOriginResourcePolicy: 'cross-origin',
    strictTransportSecurity: false,
  });
  const docsHeaders = secureHeaders({
    // The reference page is static HTML with one hashed inline style and no scripts.
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [`'${docs.styleHash}'`],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
  const staticHeaders = secureHeaders({
    // The widget bundles in dist/ are loaded by portals on other origins.
    crossOriginResourcePolicy: 'cross-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: false,
  });
  app.use('*', (c, next) => {
    const path = c.req.path;
    if (path === '/v1/docs' || path === '/v1/docs/') return docsHeaders(c, next);
    if (path.startsWith('/v1/') || path === '/v1') return apiHeaders(c, next);
    return staticHeaders(c, next);
  });

  app.use(
    '/v1/*',
    cors({
      origin: async (origin, c) => {
        const list = await allowedOrigins();
        if (list.has(origin)) return origin;
        // With no allow-list configured at all, public reads are open to any portal (the data
        // is public and no cookies are used); writes stay same-origin until origins are listed.
        const method = c.req.method === 'OPTIONS' ? c.req.header('access-control-request-method') ?? '' : c.req.method;
        if (list.size === 0 && (method === 'GET' || method === 'HEAD')) return origin;
        return null;
      },
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'If-None-Match', 'Accept-Language', 'X-Request-Id'],
      exposeHeaders: ['Retry-After', 'ETag', 'X-Request-Id'],
      maxAge: 600,
    }),
  );

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) =>
        c.json(
          envelope('payload_too_large', `The request body is larger than ${config.bodyLimitBytes} bytes`, {
            maxBytes: config.bodyLimitBytes,
          }),
          413,
        ),
    }),
  );

  for (const [name, e] of Object.entries(endpoints) as [EndpointName, EndpointDef][]) {
    const honoPath = e.path.replace(/\{(\w+)\}/g, ':$1');
    const bucket = LOOKUPS.has(name) ? limiters.lookup : e.method === 'POST' ? limiters.write : null;
    const handler = handlers[name] as (input: { params: unknown; query: unknown; body: unknown }) => Promise<unknown>;

    app.on(e.method, honoPath, async (c) => {
      if (bucket) {
        const verdict = bucket.hit(`${bucket === limiters.lookup ? 'lookup' : 'write'}|${clientIp(c)}`);
        if (!verdict.allowed) {
          throw new HttpError(
            'rate_limited',
            'Too many requests, please wait before trying again',
            { retryAfter: verdict.retryAfter },
            { 'Retry-After': String(verdict.retryAfter) },
          );
        }
      }
      const params = e.params ? parseOrThrow(e.params, c.req.param(), 'path') : undefined;
      const query = e.query ? parseOrThrow(e.query, c.req.query(), 'query') : undefined;

      let rawBody: unknown;
      let body: unknown;
      let idempotencyKey = '';
      if (e.idempotent) {
        idempotencyKey = c.req.header('idempotency-key') ?? '';
        if (!IDEMPOTENCY_KEY_RE.test(idempotencyKey)) {
          throw new HttpError('invalid_request', 'An Idempotency-Key header (8–128 visible ASCII characters) is required', {
            issues: [{ location: 'header', path: ['Idempotency-Key'], code: idempotencyKey ? 'invalid_format' : 'required', message: idempotencyKey ? 'expected 8–128 visible ASCII characters' : 'required' }],
          });
        }
      }
      if (e.body) {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          throw new HttpError('invalid_request', 'The body must be JSON (Content-Type: application/json)', {
            issues: [{ location: 'header', path: ['Content-Type'], code: 'invalid_value', message: 'expected application/json' }],
          });
        }
        const text = await c.req.text();
        try {
          rawBody = JSON.parse(text);
        } catch {
          throw new HttpError('invalid_request', 'The body is not valid JSON');
        }
        body = parseOrThrow(e.body, rawBody, 'body');
      }

      const run = async (): Promise<Outcome & { text?: string; etag?: string }> => {
        const data = await handler({ params, query, body });
        const known = typeof data === 'object' && data !== null ? prepared.get(data) : undefined;
        if (known) return { status: e.status, body: data, ...known };
        const checked = z.safeParse(e.response, data);
        if (!checked.success) {
          // Our own answer broke the contract: log the details, tell the client nothing more.
          log.error({ reqId: c.get('requestId'), endpoint: name, issues: checked.error.issues }, 'response failed contract validation');
          throw new HttpError('internal', 'Internal server error');
        }
        const text = JSON.stringify(checked.data);
        if (!e.cacheable) return { status: e.status, body: checked.data, text };
        const etag = strongEtag(text);
        if (typeof data === 'object' && data !== null) prepared.set(data, { text, etag });
        return { status: e.status, body: checked.data, text, etag };
      };

      let outcome: Outcome & { replayed?: boolean; text?: string; etag?: string };
      if (e.idempotent) {
        outcome = await runIdempotent(
          options.db,
          now,
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
        c.header('Cache-Control', LOOKUPS.has(name) || e.method === 'POST' ? 'no-store' : 'no-cache');
      }
      return c.body(text, outcome.status as 200);
    });
  }

  app.get('/v1/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(openapiText);
  });
  app.get('/v1/docs', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(docs.html);
  });
  app.get('/v1/health', async (c) => {
    await options.db.selectFrom('meta').select('key').limit(1).execute();
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });

  if (options.staticDir) {
    app.get('/', (c) => c.redirect('/demos/index.html', 302));
    const serve = serveStaticTree(options.staticDir, ['demos', 'dist', 'packages']);
    app.on(['GET', 'HEAD'], '/*', serve);
  }

  app.notFound((c) => errorResponse(c, new HttpError('not_found', 'No such resource', { path: c.req.path })));

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.status >= 500) log.error({ reqId: c.get('requestId'), err: error }, error.message);
      return errorResponse(c, error);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = (Object.entries(STATUS_OF).find(([, s]) => s === error.status)?.[0] ?? 'invalid_request') as ErrorCode;
      return errorResponse(c, new HttpError(code, error.message || 'Invalid request'));
    }
    // Never a stack trace or driver message to the client: those go to the log only.
    log.error({ reqId: c.get('requestId'), err: error }, 'unhandled error');
    return errorResponse(c, new HttpError('internal', 'Internal server error'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
