/**
 * Command-line entry: `tsx packages/server/src/main.ts`. Configuration comes from the
 * environment (see packages/server/README.md).
 */
import pino from 'pino';
import { configFromEnv } from './config.js';
import { startServer } from './server.js';

const env = process.env;
const logger = pino({ level: env.LOG_LEVEL ?? 'info' });

const port = env.PORT ? Number(env.PORT) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.fatal({ PORT: env.PORT }, 'PORT must be an integer between 0 and 65535');
  process.exit(1);
}

try {
  const server = await startServer({
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.DATA_DIR === 'memory' ? null : env.DATA_DIR || '.data/pglite',
    staticDir: env.STATIC_DIR || null,
    logger,
    config: configFromEnv(env),
  });
  logger.info({ url: server.url, database: server.database }, 'listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}
