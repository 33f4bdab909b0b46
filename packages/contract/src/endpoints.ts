import * as z from 'zod/mini';
import { ErrorEnvelope } from './common.js';
import { Agency, AgencyCode, FieldList } from './agency.js';
import {
  ProcedureCode,
  ProcedureDetail,
  ProcedureIndex,
  ProcedureSearchQuery,
  ProcedureSearchResult,
} from './procedure.js';
import { Dossier, DossierCode } from './dossier.js';
import {
  SurveyDefinition,
  SurveyEligibility,
  SurveyId,
  SurveyReceipt,
  SurveyResponseRequest,
  SurveyResults,
  SurveyResultsQuery,
} from './survey.js';
import {
  Appointment,
  AppointmentCancelRequest,
  AppointmentCode,
  AppointmentLookupQuery,
  AppointmentRequest,
  AppointmentRescheduleRequest,
  SlotsQuery,
  SlotsResponse,
} from './appointment.js';

export type HttpMethod = 'GET' | 'POST';

/**
 * One row per operation. The API client, the reference server and the OpenAPI document are all
 * derived from this table, so they cannot drift apart.
 */
export interface EndpointDef {
  method: HttpMethod;
  /** OpenAPI-style path template, e.g. `/v1/procedures/{code}`. */
  path: string;
  summary: string;
  tags: string[];
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  response: z.ZodMiniType;
  /** HTTP status of a successful answer. */
  status: 200 | 201;
  /** Answers carry an ETag and honour If-None-Match. */
  cacheable?: boolean;
  /** POST that requires an `Idempotency-Key` header and may therefore be retried. */
  idempotent?: boolean;
  /** Error codes this operation can answer with (besides `invalid_request`, `internal`). */
  errors: string[];
}

const def = <const E extends EndpointDef>(e: E) => e;

export const endpoints = {
  getAgency: def({
    method: 'GET',
    path: '/v1/agencies/{agencyCode}',
    summary: 'Agency by code, with hours, counters and booking policy',
    tags: ['agencies'],
    params: z.object({ agencyCode: AgencyCode }),
    response: Agency,
    status: 200,
    cacheable: true,
    errors: ['not_found'],
  }),
  listFields: def({
    method: 'GET',
    path: '/v1/fields',
    summary: 'Fields (lĩnh vực) with procedure counts, optionally for one agency',
    tags: ['procedures'],
    query: z.object({ agency: z.optional(AgencyCode) }),
    response: FieldList,
    status: 200,
    cacheable: true,
    errors: ['not_found'],
  }),
  searchProcedures: def({
    method: 'GET',
    path: '/v1/procedures',
    summary: 'Search procedures (Vietnamese-aware, accent-insensitive) with filters, facets and paging',
    tags: ['procedures'],
    query: ProcedureSearchQuery,
    response: ProcedureSearchResult,
    status: 200,
    errors: ['not_found'],
  }),
  getProcedureIndex: def({
    method: 'GET',
    path: '/v1/procedure-index',
    summary: 'Compact procedure catalog for client-side search (ETag, If-None-Match)',
    tags: ['procedures'],
    query: z.object({ agency: z.optional(AgencyCode) }),
    response: ProcedureIndex,
    status: 200,
    cacheable: true,
    errors: ['not_found'],
  }),
  getProcedure: def({
    method: 'GET',
    path: '/v1/procedures/{code}',
    summary: 'Procedure detail with every legal component',
    tags: ['procedures'],
    params: z.object({ code: ProcedureCode }),
    response: ProcedureDetail,
    status: 200,
    cacheable: true,
    errors: ['not_found'],
  }),
  getDossier: def({
    method: 'GET',
    path: '/v1/dossiers/{code}',
    summary: 'Dossier status by code (masked applicant; rate-limited per client)',
    tags: ['dossiers'],
    params: z.object({ code: DossierCode }),
    response: Dossier,
    status: 200,
    errors: ['not_found', 'rate_limited'],
  }),
  getSurvey: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}',
    summary: 'Survey definition (criteria and scale)',
    tags: ['surveys'],
    params: z.object({ surveyId: SurveyId }),
    response: SurveyDefinition,
    status: 200,
    cacheable: true,
    errors: ['not_found'],
  }),
  checkSurveyEligibility: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}/eligibility/{dossierCode}',
    summary: 'Whether a dossier can be rated (result returned, not yet rated)',
    tags: ['surveys'],
    params: z.object({ surveyId: SurveyId, dossierCode: DossierCode }),
    response: SurveyEligibility,
    status: 200,
    errors: ['not_found', 'rate_limited'],
  }),
  submitSurveyResponse: def({
    method: 'POST',
    path: '/v1/surveys/{surveyId}/responses',
    summary: 'Submit a rating for a dossier (one per dossier; Idempotency-Key required)',
    tags: ['surveys'],
    params: z.object({ surveyId: SurveyId }),
    body: SurveyResponseRequest,
    response: SurveyReceipt,
    status: 201,
    idempotent: true,
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  }),
  getSurveyResults: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}/results',
    summary: 'Aggregated satisfaction per criterion over a period',
    tags: ['surveys'],
    params: z.object({ surveyId: SurveyId }),
    query: SurveyResultsQuery,
    response: SurveyResults,
    status: 200,
    errors: ['not_found'],
  }),
  getSlots: def({
    method: 'GET',
    path: '/v1/agencies/{agencyCode}/slots',
    summary: 'Appointment slots by day: open, full, closed with reason',
    tags: ['appointments'],
    params: z.object({ agencyCode: AgencyCode }),
    query: SlotsQuery,
    response: SlotsResponse,
    status: 200,
    errors: ['not_found'],
  }),
  createAppointment: def({
    method: 'POST',
    path: '/v1/appointments',
    summary: 'Book a slot (capacity enforced; Idempotency-Key required)',
    tags: ['appointments'],
    body: AppointmentRequest,
    response: Appointment,
    status: 201,
    idempotent: true,
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  }),
  getAppointment: def({
    method: 'GET',
    path: '/v1/appointments/{code}',
    summary: 'Look up a booking by code and phone',
    tags: ['appointments'],
    params: z.object({ code: AppointmentCode }),
    query: AppointmentLookupQuery,
    response: Appointment,
    status: 200,
    errors: ['not_found', 'rate_limited'],
  }),
  cancelAppointment: def({
    method: 'POST',
    path: '/v1/appointments/{code}/cancel',
    summary: 'Cancel a booking (frees the place; Idempotency-Key required)',
    tags: ['appointments'],
    params: z.object({ code: AppointmentCode }),
    body: AppointmentCancelRequest,
    response: Appointment,
    status: 200,
    idempotent: true,
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  }),
  rescheduleAppointment: def({
    method: 'POST',
    path: '/v1/appointments/{code}/reschedule',
    summary: 'Move a booking to another slot (Idempotency-Key required)',
    tags: ['appointments'],
    params: z.object({ code: AppointmentCode }),
    body: AppointmentRescheduleRequest,
    response: Appointment,
    status: 200,
    idempotent: true,
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  }),
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

type Out<S> = S extends z.ZodMiniType ? z.output<S> : never;
type In<S> = S extends z.ZodMiniType ? z.input<S> : undefined;
export type ResponseOf<N extends EndpointName> = Out<Endpoints[N]['response']>;
export type ParamsOf<N extends EndpointName> = Endpoints[N] extends { params: infer P } ? In<P> : undefined;
export type QueryOf<N extends EndpointName> = Endpoints[N] extends { query: infer Q } ? In<Q> : undefined;
export type BodyOf<N extends EndpointName> = Endpoints[N] extends { body: infer B } ? In<B> : undefined;

/** Fills `{name}` placeholders with URI-encoded values. */
export function buildPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new TypeError(`Missing path parameter "${key}"`);
    return encodeURIComponent(value);
  });
}

export { ErrorEnvelope };
