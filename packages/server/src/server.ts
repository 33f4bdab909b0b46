import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseKind } from './db/connect.js';
import { seedIfEmpty } from './db/seed.js';

export interface StartServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  host?: string;
  /** PostgreSQL connection string; PGlite is used when absent. */
  databaseUrl?: string | null;
  /** PGlite data directory (default `.data/pglite`); `null` = in memory. */
  dataDir?: string | null;
  /** Serve `demos/`, `dist/` and `packages/` of this folder read-only. */
  staticDir?: string | null;
  now?: () => Date;
  logger?: Logger;
  config?: Partial<AppConfig>;
}

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseKind;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const now = options.now ?? (() => new Date());
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let server: ServerType;
  try {
    const seed = await seedIfEmpty(database.db, now());
    logger.info({ database: database.kind, seeded: seed.seeded, seedVersion: seed.version }, 'database ready');
    const app = createApp({ db: database.db, now, logger, config: options.config, staticDir: options.staticDir });
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
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    database: database.kind,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets would hold close() open; they carry no request now.
          (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await database.close();
      })()),
  };
}
