import type { Logger } from 'pino';
import { configFromEnv } from './config.js';
import { createLogger } from './http/logging.js';
import { startServer, type RunningServer, type StartServerOptions } from './server.js';

/**
 * Starts the server from environment variables (documented in packages/server/README.md) and
 * stops it cleanly on SIGINT/SIGTERM. Used by `src/main.ts` and the root `npm start`.
 */
export async function startFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<StartServerOptions> = {},
): Promise<{ server: RunningServer; logger: Logger }> {
  const logger = overrides.logger ?? createLogger({ level: env.LOG_LEVEL ?? 'info' });
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const ms = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got "${value}"`);
    return n;
  };
  const server = await startServer({
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    // DATA_DIR=memory keeps everything in memory (nothing survives a restart).
    dataDir: env.DATA_DIR === 'memory' ? null : env.DATA_DIR || '.data/pglite',
    staticDir: env.STATIC_DIR || null,
    poolSize: ms('DB_POOL_SIZE', 10) || 10,
    drainDelayMs: ms('SHUTDOWN_DRAIN_MS', 0),
    shutdownTimeoutMs: ms('SHUTDOWN_TIMEOUT_MS', 10_000),
    config: configFromEnv(env),
    ...overrides,
    logger,
  });
  logger.info({ url: server.url, database: server.database }, 'listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Graceful: no new connections, in-flight requests finish, the pool closes; then exit.
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return { server, logger };
}
