import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { AppConfigInput } from './config.js';
import { openDatabase, type DatabaseKind } from './db/connect.js';
import { seedIfEmpty } from './db/seed.js';
import { Lifecycle } from './http/health.js';
import { createLogger } from './http/logging.js';

export interface StartServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  host?: string;
  /** PostgreSQL connection string; PGlite is used when absent. */
  databaseUrl?: string | null;
  /** PGlite data directory (default `.data/pglite`); `null` = in memory. */
  dataDir?: string | null;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Serve `demos/`, `dist/` and `packages/` of this folder read-only. */
  staticDir?: string | null;
  now?: () => Date;
  logger?: Logger;
  config?: AppConfigInput;
  /**
   * On close: how long to keep answering (with `/readyz` at 503) before the port closes, for
   * load balancers that take instances out by their readiness probe. Default 0: nginx takes a
   * refused connection as its signal and retries elsewhere.
   */
  drainDelayMs?: number;
  /** On close: how long in-flight requests may take before their connections are cut. Default 10 s. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseKind;
  /** Graceful stop: refuse new connections, finish the requests in flight, close the database. */
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  const now = options.now ?? (() => new Date());
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, poolSize: options.poolSize });
  const lifecycle = new Lifecycle();
  let server: ServerType;
  try {
    const seed = await seedIfEmpty(database.db, now());
    logger.info({ database: database.kind, seeded: seed.seeded, seedVersion: seed.version }, 'database ready');
    const app = createApp({
      db: database.db,
      now,
      logger,
      config: options.config,
      staticDir: options.staticDir,
      poolStats: database.poolStats,
      lifecycle,
    });
    const host = options.host ?? '127.0.0.1';
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    database: database.kind,
    close: () =>
      (closing ??= (async () => {
        lifecycle.draining = true;
        if (options.drainDelayMs) await new Promise((r) => setTimeout(r, options.drainDelayMs));
        await new Promise<void>((resolve) => {
          const cut = setTimeout(() => {
            logger.warn('requests still running at the shutdown timeout: closing their connections');
            http.closeAllConnections?.();
          }, options.shutdownTimeoutMs ?? 10_000);
          cut.unref();
          // No new connections from here; the callback runs once the last open one has closed.
          server.close(() => {
            clearTimeout(cut);
            resolve();
          });
          // Idle keep-alive sockets carry no request; busy ones close after their answer
          // (draining answers say `Connection: close`).
          http.closeIdleConnections?.();
        });
        await database.close();
      })()),
  };
}
