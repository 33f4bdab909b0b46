import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * Migrations live in code (not in files read at run time) so the server works the same from
 * source, from a bundle and in tests. Names sort in the order they must run; never edit a
 * migration that has shipped — add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('agencies')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('record', 'jsonb', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('procedures')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('levels', 'jsonb', (c) => c.notNull())
        .addColumn('online_level', 'text')
        .addColumn('channels', 'jsonb', (c) => c.notNull())
        .addColumn('detail', 'jsonb', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('agency_procedures')
        .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code').onDelete('cascade'))
        .addColumn('procedure_code', 'text', (c) => c.notNull().references('procedures.code').onDelete('cascade'))
        .addPrimaryKeyConstraint('agency_procedures_pk', ['agency_code', 'procedure_code'])
        .execute();

      await db.schema
        .createTable('dossiers')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('procedure_code', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('record', 'jsonb', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('definition', 'jsonb', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('survey_responses')
        .addColumn('reference', 'text', (c) => c.primaryKey())
        .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
        // One rating per dossier, enforced by the database rather than by a read-then-write check.
        .addColumn('dossier_code', 'text', (c) => c.notNull().unique())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('answers', 'jsonb', (c) => c.notNull())
        .addColumn('comment', 'text')
        .execute();
      await db.schema
        .createIndex('survey_responses_by_time')
        .on('survey_responses')
        .columns(['survey_id', 'submitted_at'])
        .execute();

      await db.schema
        .createTable('appointments')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
        .addColumn('procedure_code', 'text', (c) => c.notNull())
        .addColumn('counter_id', 'text', (c) => c.notNull())
        .addColumn('start_at', 'timestamptz', (c) => c.notNull())
        .addColumn('end_at', 'timestamptz', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('cccd', 'text')
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('appointments_by_phone_day')
        .on('appointments')
        .columns(['agency_code', 'phone', 'day'])
        .execute();

      await db.schema
        .createTable('slot_bookings')
        .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
        .addColumn('slot_start', 'timestamptz', (c) => c.notNull())
        .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('slot_bookings_pk', ['agency_code', 'slot_start'])
        // The last line of defence: even a buggy code path cannot overbook.
        .addCheckConstraint('slot_bookings_within_capacity', sql`booked >= 0 AND booked <= capacity`)
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('response', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['key', 'route'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'idempotency_keys',
        'slot_bookings',
        'appointments',
        'survey_responses',
        'surveys',
        'dossiers',
        'agency_procedures',
        'procedures',
        'agencies',
        'meta',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  '0002_rate_limits': {
    // rate-limiter-flexible's PostgreSQL store (src/http/rate-limit.ts), created here rather than
    // by the library at run time: several instances starting together would race on CREATE TABLE.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('rate_limits').ifExists().execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
