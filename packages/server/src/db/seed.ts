import type { Kysely } from 'kysely';
import { buildSeed, loadCatalog } from '../domain/index.js';
import { withSetupLock } from './connect.js';
import type { Database } from './schema.js';

/**
 * Bump when the seed's shape or content changes in a way existing databases should not keep.
 * A database seeded with an older version is left alone (its bookings and ratings are real data);
 * the version is recorded so an operator can see what the data was built from.
 */
export const SEED_VERSION = '1';

const BATCH = 250;

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface SeedOutcome {
  seeded: boolean;
  version: string;
}

/**
 * Seeds reference data (catalog, agencies, surveys) and demo dossiers/ratings once. The `meta`
 * row is written in the same transaction, so a crash half-way leaves an empty database that is
 * seeded again on the next start, never a half-seeded one.
 */
export async function seedIfEmpty(db: Kysely<Database>, now: Date): Promise<SeedOutcome> {
  // Under the setup lock: of several instances starting on one empty database, one seeds and the
  // others wait for it and then find the seed there (instead of failing on the meta insert).
  return withSetupLock(db, (conn) => seedUnlocked(conn, now));
}

async function seedUnlocked(db: Kysely<Database>, now: Date): Promise<SeedOutcome> {
  const existing = await db.selectFrom('meta').select('value').where('key', '=', 'seed_version').executeTakeFirst();
  if (existing) return { seeded: false, version: existing.value };

  const catalog = loadCatalog();
  const seed = buildSeed(now);
  await db.transaction().execute(async (trx) => {
    // The meta row is the seed's first write: should anything seed beside the lock (an older
    // version of this server), its insert conflicts and the whole seed rolls back.
    await trx.insertInto('meta').values({ key: 'seed_version', value: SEED_VERSION }).execute();
    await trx.insertInto('meta').values({ key: 'seeded_at', value: now.toISOString() }).execute();

    await insertBatched(catalog.procedures, (chunk) =>
      trx
        .insertInto('procedures')
        .values(
          chunk.map((p) => ({
            code: p.code,
            name: p.name,
            field: p.field,
            levels: JSON.stringify(p.levels),
            online_level: p.onlineLevel,
            channels: JSON.stringify(p.channels),
            detail: JSON.stringify(p),
          })),
        )
        .execute(),
    );

    await trx
      .insertInto('agencies')
      // The procedure list is normalised into agency_procedures (below), not kept in the record:
      // every request reads the record, and the list is thousands of codes long.
      .values(seed.agencies.map(({ procedureCodes: _codes, ...a }) => ({ code: a.code, name: a.name, record: JSON.stringify(a) })))
      .execute();
    const links = seed.agencies.flatMap((a) =>
      [...new Set(a.procedureCodes)]
        .filter((code) => catalog.byCode.has(code))
        .map((code) => ({ agency_code: a.code, procedure_code: code })),
    );
    await insertBatched(links, (chunk) => trx.insertInto('agency_procedures').values(chunk).execute());

    if (seed.surveys.length) {
      await trx
        .insertInto('surveys')
        .values(seed.surveys.map((s) => ({ id: s.id, definition: JSON.stringify(s) })))
        .execute();
    }

    await insertBatched(seed.dossiers, (chunk) =>
      trx
        .insertInto('dossiers')
        .values(
          chunk.map((d) => ({
            code: d.code,
            agency_code: d.agencyCode,
            procedure_code: d.procedureCode,
            status: d.status,
            submitted_at: d.submittedAt,
            record: JSON.stringify(d),
          })),
        )
        .execute(),
    );

    const responses = seed.surveyResponses.map((r, i) => ({ ...r, reference: `KS-SEED${String(i).padStart(5, '0')}` }));
    await insertBatched(responses, (chunk) =>
      trx
        .insertInto('survey_responses')
        .values(
          chunk.map((r) => ({
            reference: r.reference,
            survey_id: r.surveyId,
            dossier_code: r.dossierCode,
            agency_code: r.agencyCode,
            submitted_at: r.submittedAt,
            answers: JSON.stringify(r.answers),
            comment: r.comment,
          })),
        )
        .execute(),
    );
  });
  return { seeded: true, version: SEED_VERSION };
}
