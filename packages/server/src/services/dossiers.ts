import type { Dossier } from '@dvc-widgets/contract';
import { toPublicDossier, type DossierRecord } from '../domain/index.js';
import { notFound } from '../http/errors.js';
import { fromJson, type Store } from './store.js';

export class DossierService {
  constructor(private readonly store: Store) {}

  /** The stored record (personal data included): for server-side rules only. */
  async record(code: string): Promise<DossierRecord | null> {
    const row = await this.store.db.selectFrom('dossiers').select('record').where('code', '=', code).executeTakeFirst();
    return row ? fromJson<DossierRecord>(row.record) : null;
  }

  async isRated(code: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('survey_responses')
      .select('reference')
      .where('dossier_code', '=', code)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The public view: due dates and overdue state are computed against `now()` on every lookup
   * (never stored), and the applicant is masked by the domain — the record never leaves here.
   */
  async lookup(code: string): Promise<Dossier> {
    const row = await this.store.db
      .selectFrom('dossiers')
      .leftJoin('survey_responses', 'survey_responses.dossier_code', 'dossiers.code')
      .leftJoin('procedures', 'procedures.code', 'dossiers.procedure_code')
      .select(['dossiers.record', 'survey_responses.reference', 'procedures.name'])
      .where('dossiers.code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('Dossier', { code });
    const rec = fromJson<DossierRecord>(row.record);
    const agency = await this.store.recentAgency(rec.agencyCode);
    const procedureName = row.name ?? rec.procedureCode;
    const rated = row.reference !== null;
    return toPublicDossier(rec, {
      agency,
      procedureName,
      calendar: this.store.calendar(agency),
      now: this.store.now(),
      rated,
    });
  }
}
