/**
 * @dvc-widgets/server — the reference implementation of the dvc-widgets API.
 * `createApp` builds the Hono app over a Kysely database; `startServer` opens the database
 * (PGlite or PostgreSQL), migrates, seeds once and listens.
 */
export { createApp, type App, type CreateAppOptions } from './app.js';
export { startServer, type RunningServer, type StartServerOptions } from './server.js';
export { startFromEnv } from './cli.js';
export { configFromEnv, DEFAULT_CONFIG, type AppConfig, type AppConfigInput } from './config.js';
export { createLogger, safeError } from './http/logging.js';
export { Lifecycle } from './http/health.js';
export { openDatabase, migrate, type OpenedDatabase, type OpenDatabaseOptions, type DatabaseKind } from './db/connect.js';
export { seedIfEmpty, SEED_VERSION } from './db/seed.js';
export type { Database } from './db/schema.js';
