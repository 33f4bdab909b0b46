import * as z from 'zod/mini';
import { IsoDate, IsoDateTime, LocalizedText } from './common.js';
import { AgencyCode } from './agency.js';
import { DossierCode } from './dossier.js';

/** The citizen-facing 3-level scale: Rất hài lòng / Hài lòng / Không hài lòng. */
export const Rating = z.enum(['very_satisfied', 'satisfied', 'dissatisfied']);
export type Rating = z.infer<typeof Rating>;

export const SurveyId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));

export const SurveyCriterion = z.object({
  id: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/)),
  label: LocalizedText,
  help: z.nullable(LocalizedText),
  required: z.boolean(),
});
export type SurveyCriterion = z.infer<typeof SurveyCriterion>;

export const SurveyDefinition = z.object({
  id: SurveyId,
  title: LocalizedText,
  description: z.nullable(LocalizedText),
  /** Legal basis of the criteria, e.g. Thông tư 01/2018/TT-VPCP. */
  basis: z.nullable(z.string()),
  scale: z.array(Rating),
  criteria: z.array(SurveyCriterion),
  commentMaxLength: z.number().check(z.int(), z.gte(0), z.lte(5000)),
  requiresDossier: z.boolean(),
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const SurveyEligibility = z.object({
  dossierCode: DossierCode,
  eligible: z.boolean(),
  reason: z.enum(['ok', 'not_found', 'not_returned', 'already_rated']),
  procedureName: z.nullable(z.string()),
  agencyName: z.nullable(z.string()),
});
export type SurveyEligibility = z.infer<typeof SurveyEligibility>;

export const SurveyAnswer = z.object({ criterion: z.string().check(z.maxLength(40)), rating: Rating });

export const SurveyResponseRequest = z.object({
  dossierCode: DossierCode,
  answers: z.array(SurveyAnswer).check(z.minLength(1), z.maxLength(50)),
  comment: z.optional(z.string().check(z.maxLength(5000))),
});
export type SurveyResponseRequest = z.infer<typeof SurveyResponseRequest>;

export const SurveyReceipt = z.object({
  reference: z.string(),
  surveyId: SurveyId,
  dossierCode: DossierCode,
  submittedAt: IsoDateTime,
});
export type SurveyReceipt = z.infer<typeof SurveyReceipt>;

export const RatingCounts = z.object({
  very_satisfied: z.number().check(z.int(), z.gte(0)),
  satisfied: z.number().check(z.int(), z.gte(0)),
  dissatisfied: z.number().check(z.int(), z.gte(0)),
});
export type RatingCounts = z.infer<typeof RatingCounts>;

export const SurveyResultsQuery = z.object({
  agency: z.optional(AgencyCode),
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
});

export const SurveyResults = z.object({
  surveyId: SurveyId,
  agency: z.nullable(AgencyCode),
  from: IsoDate,
  to: IsoDate,
  responses: z.number().check(z.int(), z.gte(0)),
  criteria: z.array(
    z.object({
      criterion: z.string(),
      label: LocalizedText,
      counts: RatingCounts,
      /** (very satisfied + satisfied) / answers, 0–1; null with no answers. */
      satisfiedShare: z.nullable(z.number().check(z.gte(0), z.lte(1))),
    }),
  ),
  overall: z.object({
    counts: RatingCounts,
    satisfiedShare: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  }),
});
export type SurveyResults = z.infer<typeof SurveyResults>;
