import type {
  Rating,
  RatingCounts,
  SurveyDefinition,
  SurveyEligibility,
  SurveyReceipt,
  SurveyResponseRequest,
  SurveyResults,
} from '@dvc-widgets/contract';
import { toIsoVn } from '../domain/index.js';
import { HttpError, notFound } from '../http/errors.js';
import { randomCode } from './codes.js';
import { addDays, addMonths, daysBetween, vnDate, vnDayStart } from '@dvc-widgets/vn/vn-date';
import type { DossierService } from './dossiers.js';
import { fromJson, type Store } from './store.js';

const emptyCounts = (): RatingCounts => ({ very_satisfied: 0, satisfied: 0, dissatisfied: 0 });
const share = (c: RatingCounts): number | null => {
  const total = c.very_satisfied + c.satisfied + c.dissatisfied;
  return total ? (c.very_satisfied + c.satisfied) / total : null;
};

export class SurveyService {
  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
  ) {}

  async definition(id: string): Promise<SurveyDefinition> {
    const row = await this.store.db.selectFrom('surveys').select('definition').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Survey', { surveyId: id });
    return fromJson<SurveyDefinition>(row.definition);
  }

  async eligibility(surveyId: string, dossierCode: string): Promise<SurveyEligibility> {
    await this.definition(surveyId);
    const rec = await this.dossiers.record(dossierCode);
    if (!rec) return { dossierCode, eligible: false, reason: 'not_found', procedureName: null, agencyName: null };
    const [agency, procedureName, rated] = await Promise.all([
      this.store.findAgency(rec.agencyCode),
      this.store.procedureName(rec.procedureCode),
      this.dossiers.isRated(dossierCode),
    ]);
    const reason = rec.status !== 'returned' ? 'not_returned' : rated ? 'already_rated' : 'ok';
    return { dossierCode, eligible: reason === 'ok', reason, procedureName, agencyName: agency?.name ?? null };
  }

  async submit(surveyId: string, body: SurveyResponseRequest): Promise<SurveyReceipt> {
    const survey = await this.definition(surveyId);
    const rec = await this.dossiers.record(body.dossierCode);
    if (!rec) throw notFound('Dossier', { dossierCode: body.dossierCode });
    if (rec.status !== 'returned') {
      throw new HttpError('unprocessable', 'Only a dossier whose result has been returned can be rated', {
        reason: 'not_returned',
        status: rec.status,
      });
    }
    const known = new Set(survey.criteria.map((c) => c.id));
    const given = body.answers.map((a) => a.criterion);
    const unknown = given.filter((c) => !known.has(c));
    const duplicate = given.filter((c, i) => given.indexOf(c) !== i);
    const missing = survey.criteria.filter((c) => c.required && !given.includes(c.id)).map((c) => c.id);
    const badRating = body.answers.filter((a) => !survey.scale.includes(a.rating)).map((a) => a.criterion);
    const comment = body.comment?.trim() || null;
    const tooLong = comment !== null && comment.length > survey.commentMaxLength;
    if (unknown.length || duplicate.length || missing.length || badRating.length || tooLong) {
      throw new HttpError('unprocessable', 'The answers do not fit the survey', {
        reason: 'answers',
        ...(missing.length ? { missing } : {}),
        ...(unknown.length ? { unknown } : {}),
        ...(duplicate.length ? { duplicate: [...new Set(duplicate)] } : {}),
        ...(badRating.length ? { outOfScale: badRating } : {}),
        ...(tooLong ? { commentMaxLength: survey.commentMaxLength } : {}),
      });
    }
    const now = this.store.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const reference = randomCode('KS-', 8);
      // The unique index on dossier_code decides races: of two concurrent ratings exactly one
      // inserts; ON CONFLICT keeps the loser's transaction healthy on both databases.
      const inserted = await this.store.db
        .insertInto('survey_responses')
        .values({
          reference,
          survey_id: survey.id,
          dossier_code: rec.code,
          agency_code: rec.agencyCode,
          submitted_at: now.toISOString(),
          answers: JSON.stringify(body.answers),
          comment,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('reference')
        .executeTakeFirst();
      if (inserted) return { reference, surveyId: survey.id, dossierCode: rec.code, submittedAt: toIsoVn(now) };
      if (await this.dossiers.isRated(rec.code)) {
        throw new HttpError('conflict', 'This dossier has already been rated', { reason: 'already_rated' });
      }
      // Otherwise the random reference collided: draw another.
    }
    throw new HttpError('unavailable', 'Could not allocate a reference, please retry');
  }

  async results(surveyId: string, query: { agency?: string; from?: string; to?: string }): Promise<SurveyResults> {
    const survey = await this.definition(surveyId);
    if (query.agency) await this.store.recentAgency(query.agency);
    const to = query.to ?? vnDate(this.store.now());
    const from = query.from ?? addDays(addMonths(to, -12), 1);
    if (from > to) throw new HttpError('invalid_request', '`from` must not be after `to`', { from, to });
    if (daysBetween(from, to) > 366 * 5) {
      throw new HttpError('invalid_request', 'The period is limited to five years', { from, to });
    }
    let q = this.store.db
      .selectFrom('survey_responses')
      .select('answers')
      .where('survey_id', '=', survey.id)
      .where('submitted_at', '>=', vnDayStart(from))
      .where('submitted_at', '<', vnDayStart(addDays(to, 1)));
    if (query.agency) q = q.where('agency_code', '=', query.agency);
    const rows = await q.execute();

    const per = new Map(survey.criteria.map((c) => [c.id, emptyCounts()]));
    const overall = emptyCounts();
    for (const row of rows) {
      for (const a of fromJson<{ criterion: string; rating: Rating }[]>(row.answers)) {
        const counts = per.get(a.criterion);
        if (!counts || !(a.rating in counts)) continue;
        counts[a.rating] += 1;
        overall[a.rating] += 1;
      }
    }
    return {
      surveyId: survey.id,
      agency: query.agency ?? null,
      from,
      to,
      responses: rows.length,
      criteria: survey.criteria.map((c) => {
        const counts = per.get(c.id)!;
        return { criterion: c.id, label: c.label, counts, satisfiedShare: share(counts) };
      }),
      overall: { counts: overall, satisfiedShare: share(overall) },
    };
  }
}
