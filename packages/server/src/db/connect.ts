import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { PoolStats } from '../http/metrics.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string | null;
  /** PGlite data directory; `null` keeps the database in memory (tests). */
  dataDir?: string | null;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Connections of the PostgreSQL pool (PGlite has one connection and no pool: undefined). */
  poolStats?: () => PoolStats;
  close(): Promise<void>;
}

/**
 * One Kysely instance over either embedded PGlite or a PostgreSQL pool. Every query in the
 * server is written once against `Kysely<Database>` and runs unchanged on both.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  let db: Kysely<Database>;
  let kind: DatabaseKind;
  let poolStats: (() => PoolStats) | undefined;
  if (options.databaseUrl) {
    kind = 'postgres';
    // Each driver is loaded only when used: an instance on PostgreSQL never loads PGlite's
    // WebAssembly build, and the embedded default never loads `pg` (faster start, less memory).
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection (a database restart) must not crash the process.
    pool.on('error', () => {});
    poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'pglite';
    const dataDir = options.dataDir === undefined ? '.data/pglite' : options.dataDir;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // Durability. PGlite's NodeFS maps the data directory onto real files (Emscripten NODEFS):
    // every write of a commit — its WAL record included — is a write() to the file before the
    // query resolves, so the commit survives the process being killed (test/pglite-crash.test.ts
    // kills one under booking load). `relaxedDurability` only stops PGlite awaiting its
    // file-system sync after each query, which for NODEFS has nothing to do (it is for the
    // browser's IndexedDB/OPFS stores, which do buffer) and costs a turn of the event loop per
    // query. PGlite runs with fsync off: an operating-system crash or power loss may lose the
    // last commits — a production deployment uses PostgreSQL (README: Deploying).
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
    const pglite = dataDir ? await PGlite.create(dataDir, { relaxedDurability: true }) : await PGlite.create({ relaxedDurability: true });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, poolStats, close: () => db.destroy() };
}

/** Any constant: the key of the session-level advisory lock held while migrating or seeding. */
const SETUP_LOCK = 716_480_211;

/**
 * Runs `work` on one connection holding a PostgreSQL advisory lock, so instances starting
 * together on one database migrate and seed one after the other: the first does the work, the
 * others find it done. (PGlite has one connection; the lock is free there.)
 */
export async function withSetupLock<T>(db: Kysely<Database>, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(SETUP_LOCK)})`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(SETUP_LOCK)})`.execute(conn);
    }
  });
}

/**
 * Kysely's migrator in the connection's own schema. Without a schema it looks for its
 * bookkeeping tables in *every* schema of the database, so on a database holding several
 * deployments or test runs side by side (one schema each, by `search_path`) it can find another
 * schema's tables, skip creating its own, and fail.
 */
async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  await withSetupLock(db, async (conn) => {
    const { error } = await (await migrator(conn)).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${String(error)}`);
  });
}

/** Names of this code's migrations the database has not run (empty: up to date). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrations = await (await migrator(db)).getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}
