import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import { resolveConfig, type AppConfig, type AppConfigInput } from './config.js';
import type { Database } from './db/schema.js';
import { endpointHandlers } from './handlers.js';
import { requestBodyLimit } from './http/body-limit.js';
import { compression } from './http/compression.js';
import type { AppEnv } from './http/context.js';
import { docsRoutes, loadDocs } from './http/docs-routes.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { Lifecycle, drainConnections, healthRoutes } from './http/health.js';
import { requestLogging } from './http/logging.js';
import { Metrics, type PoolStats } from './http/metrics.js';
import { createRateLimits } from './http/rate-limit.js';
import { endpointRoutes } from './http/routes.js';
import { securityHeaders } from './http/security-headers.js';
import { serveStaticTree } from './http/static.js';
import { AppointmentService } from './services/appointments.js';
import { DossierService } from './services/dossiers.js';
import { ProcedureService } from './services/procedures.js';
import { Store } from './services/store.js';
import { SurveyService } from './services/surveys.js';

export interface CreateAppOptions {
  db: Kysely<Database>;
  /** The server's clock; tests pass a fixed one. */
  now?: () => Date;
  config?: AppConfigInput;
  /** pino logger (`createLogger` redacts personal data); silent when omitted. */
  logger?: Logger;
  /** Folder whose `demos/`, `dist/` and `packages/` are served read-only; none when omitted. */
  staticDir?: string | null;
  /** Connections of the database pool, for `/metrics`. */
  poolStats?: () => PoolStats | undefined;
  /** Set `draining` on it when shutdown begins: `/readyz` turns 503, answers close their connection. */
  lifecycle?: Lifecycle;
}

/**
 * CORS allow-list: CORS_ORIGINS plus every agency's corsOrigins. The agency of a request is not
 * known at preflight time (no body, not always in the URL), so the union is used. Refreshed
 * once a minute so an agency added to the database is picked up without a restart.
 */
function apiCors(store: Store, config: AppConfig) {
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
  return cors({
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
  });
}

/**
 * The reference API as one Hono app: the middleware chain (src/http/*), the contract's endpoint
 * table turned into routes (http/routes.ts) over the services, then docs, probes, metrics and the
 * optional static tree.
 */
export function createApp(options: CreateAppOptions) {
  const config = resolveConfig(options.config);
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? pino({ level: 'silent' });
  const store = new Store(options.db, now);
  const procedures = new ProcedureService(store);
  const dossiers = new DossierService(store);
  const services = {
    store,
    procedures,
    dossiers,
    surveys: new SurveyService(store, dossiers),
    appointments: new AppointmentService(store, procedures),
  };
  const metrics = new Metrics(options.poolStats);
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const limits = createRateLimits({ db: options.db, config, metrics });
  const docs = loadDocs();

  const app = new Hono<AppEnv>();
  app.use('*', requestLogging(log));
  app.use('*', metrics.middleware());
  app.use('*', drainConnections(lifecycle));
  app.use('*', compression());
  app.use('*', securityHeaders(docs.styleHash));
  app.use('/v1/*', apiCors(store, config));
  app.use('/v1/*', requestBodyLimit(config.bodyLimitBytes));

  endpointRoutes(app, { handlers: endpointHandlers(services), db: options.db, now, before: limits.before });
  docsRoutes(app, docs);
  healthRoutes(app, { db: options.db, lifecycle });
  metrics.routes(app);

  if (options.staticDir) {
    app.get('/', (c) => c.redirect('/demos/index.html', 302));
    app.on(['GET', 'HEAD'], '/*', serveStaticTree(options.staticDir, ['demos', 'dist', 'packages']));
  }

  app.notFound(notFoundHandler);
  app.onError(errorHandler);
  return app;
}

export type App = ReturnType<typeof createApp>;
