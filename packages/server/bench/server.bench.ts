/**
 * `npm run bench:server`: requests per second and p99 latency of the reference server's hot
 * endpoints, next to a bare Hono JSON endpoint measured in the same run on the same machine
 * (the bare figure is the ceiling the framework and Node allow here).
 *
 * Loopback only, bounded: BENCH_SECONDS (default 5) per target, BENCH_CONNECTIONS (default 10).
 * PGlite in memory by default; BENCH_DATABASE_URL runs it on PostgreSQL instead.
 * The lookup rate limit is disabled for the run (it would answer 429 after 30 requests).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import pino from 'pino';
import { createApp, openDatabase, seedIfEmpty } from '../src/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

const close = (server: ServerType) => new Promise<void>((resolve) => server.close(() => resolve()));

async function measure(name: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    target: name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : { dataDir: null });
const now = () => new Date();
await seedIfEmpty(database.db, now());
const app = createApp({
  db: database.db,
  now,
  logger: pino({ level: 'silent' }),
  config: { rateLimit: { windowMs: 60_000, lookups: 0, writes: 0 } },
});
const bare = new Hono();
bare.get('/json', (c) => c.json({ hello: 'world' }));

const api = await listen(app.fetch);
const baseline = await listen(bare.fetch);
try {
  const agency = (await database.db.selectFrom('agencies').select('code').where('code', 'like', '000.00.00.%').executeTakeFirst())
    ?? (await database.db.selectFrom('agencies').select('code').executeTakeFirstOrThrow());
  const dossier = await database.db.selectFrom('dossiers').select('code').where('status', '=', 'processing').executeTakeFirstOrThrow();
  const index = await fetch(`${api.url}/v1/procedure-index?agency=${agency.code}`);
  const etag = index.headers.get('etag') ?? '';
  // Warm-up: the catalog view and search index are built on first use.
  await fetch(`${api.url}/v1/procedures?q=khai%20sinh`);

  const rows = [];
  rows.push(await measure('bare Hono JSON (baseline)', `${baseline.url}/json`));
  rows.push(await measure('procedure search ?q=dang ky khai sinh', `${api.url}/v1/procedures?q=dang%20ky%20khai%20sinh&agency=${agency.code}`));
  rows.push(await measure('procedure search, no q, field filter', `${api.url}/v1/procedures?agency=${agency.code}&field=H%E1%BB%99%20t%E1%BB%8Bch`));
  rows.push(await measure('dossier lookup', `${api.url}/v1/dossiers/${dossier.code}`));
  rows.push(await measure('slots (14 days)', `${api.url}/v1/agencies/${agency.code}/slots`));
  rows.push(await measure('procedure index, If-None-Match → 304', `${api.url}/v1/procedure-index?agency=${agency.code}`, { 'if-none-match': etag }));
  console.log(`\n${database.kind}, ${connections} connections, ${seconds} s per target, Node ${process.version}`);
  console.table(rows);
} finally {
  await close(api.server);
  await close(baseline.server);
  await database.close();
}
