/**
 * Test harness: the same suites run against every available database — in-memory PGlite always,
 * and PostgreSQL when TEST_DATABASE_URL is set (each file gets its own throwaway schema there).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { Kysely } from 'kysely';
import { createApp, openDatabase, seedIfEmpty, type AppConfigInput, type Database, type OpenedDatabase } from '../src/index.js';
import type { AgencyRecord } from '../src/domain/index.js';

/** A fixed clock: Tuesday 10 March 2026, 08:00 in Hà Nội. */
export const NOW = new Date('2026-03-10T08:00:00+07:00');

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenedDatabase>;
}

export function databases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openDatabase({ dataDir: null }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const u = new URL(url);
        u.searchParams.set('options', `-c search_path=${schema}`);
        const opened = await openDatabase({ databaseUrl: u.toString(), poolSize: 20 });
        return {
          ...opened,
          async close() {
            await opened.close();
            const cleanup = new pg.Client({ connectionString: url });
            await cleanup.connect();
            await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
            await cleanup.end();
          },
        };
      },
    });
  }
  return list;
}

/** Test config: no rate limits unless a test asks for them; client IP from X-Forwarded-For. */
export const TEST_CONFIG: AppConfigInput = {
  rateLimit: { windowMs: 60_000, lookups: 0, codeLookups: 0, writes: 0 },
  trustProxy: true,
};

export const silent = pino({ level: 'silent' });

export async function seeded(tdb: TestDatabase): Promise<OpenedDatabase> {
  const opened = await tdb.open();
  await seedIfEmpty(opened.db, NOW);
  return opened;
}

export function makeApp(db: Kysely<Database>, config: AppConfigInput = TEST_CONFIG, now: () => Date = () => NOW) {
  return createApp({ db, now, config, logger: silent });
}

export type TestApp = ReturnType<typeof makeApp>;

export interface Call {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

let keyCounter = 0;
export const newKey = () => `test-key-${Date.now().toString(36)}-${++keyCounter}-${randomBytes(4).toString('hex')}`;

/** One request through the app in-process; POSTs get a fresh Idempotency-Key unless given. */
export async function call(
  app: TestApp,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (method === 'POST' && !('idempotency-key' in headers)) headers['idempotency-key'] = newKey();
  for (const k of Object.keys(headers)) if (headers[k] === '') delete headers[k];
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function agencies(db: Kysely<Database>): Promise<AgencyRecord[]> {
  const rows = await db.selectFrom('agencies').select('record').orderBy('code').execute();
  return rows.map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as AgencyRecord);
}

/** Overwrites an agency's booking policy in the database (tests of capacity and limits). */
export async function setBooking(db: Kysely<Database>, code: string, patch: Partial<AgencyRecord['booking']>) {
  const agency = (await agencies(db)).find((a) => a.code === code)!;
  const record = { ...agency, booking: { ...agency.booking, ...patch } };
  await db.updateTable('agencies').set({ record: JSON.stringify(record) }).where('code', '=', code).execute();
}

/** Distinct valid mobile numbers: 09x + 7 digits. */
export const phone = (n: number) => `09${String(n % 10)}${String(1_000_000 + n).slice(-7)}`;
