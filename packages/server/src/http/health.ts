import type { Hono, MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { pendingMigrations } from '../db/connect.js';
import type { AppEnv } from './context.js';

/** Shared between the HTTP server and the app: set `draining` when shutdown begins. */
export class Lifecycle {
  draining = false;
}

const DB_CHECK_TIMEOUT_MS = 2000;

async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * While shutting down, every answer says `Connection: close`, so the proxy stops reusing its
 * keep-alive connections to this instance and sends new requests to the others.
 */
export function drainConnections(lifecycle: Lifecycle): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (lifecycle.draining) c.header('Connection', 'close');
  };
}

/**
 * `/healthz`: the process is up and its event loop answers (no database: a liveness probe that
 * restarts instances when the database is down would only add load). `/readyz`: this instance
 * should get traffic — database reachable, this code's migrations applied, not shutting down.
 * `/v1/health` (used by portals and monitors since the first release) stays as it was.
 */
export function healthRoutes(app: Hono<AppEnv>, options: { db: Kysely<Database>; lifecycle: Lifecycle }): void {
  const { db, lifecycle } = options;
  let migrated = false;

  app.get('/healthz', (c) => {
    c.set('operation', 'healthz');
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });

  app.get('/readyz', async (c) => {
    c.set('operation', 'readyz');
    c.header('Cache-Control', 'no-store');
    const database = await databaseReachable(db);
    if (database && !migrated) migrated = (await pendingMigrations(db).catch(() => ['unknown'])).length === 0;
    const checks = {
      database: database ? 'ok' : 'unreachable',
      migrations: migrated ? 'ok' : 'pending',
      shutdown: lifecycle.draining ? 'draining' : 'no',
    };
    const ready = database && migrated && !lifecycle.draining;
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  });

  app.get('/v1/health', async (c) => {
    c.set('operation', 'health');
    await db.selectFrom('meta').select('key').limit(1).execute();
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
}
