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
 * derived from this table, so they cannot drift apart. What only the documentation needs
 * (summary, tags, error codes) is in `endpointDocs` (endpoint-docs.ts), so the browser bundles
 * that import this table do not carry it.
 */
export interface EndpointDef {
  method: HttpMethod;
  /** OpenAPI-style path template, e.g. `/v1/procedures/{code}`. */
  path: string;
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
}

const def = <const E extends EndpointDef>(e: E) => e;

export const endpoints = {
  getAgency: def({
    method: 'GET',
    path: '/v1/agencies/{agencyCode}',
    params: z.object({ agencyCode: AgencyCode }),
    response: Agency,
    status: 200,
    cacheable: true,
  }),
  listFields: def({
    method: 'GET',
    path: '/v1/fields',
    query: z.object({ agency: z.optional(AgencyCode) }),
    response: FieldList,
    status: 200,
    cacheable: true,
  }),
  searchProcedures: def({
    method: 'GET',
    path: '/v1/procedures',
    query: ProcedureSearchQuery,
    response: ProcedureSearchResult,
    status: 200,
  }),
  getProcedureIndex: def({
    method: 'GET',
    path: '/v1/procedure-index',
    query: z.object({ agency: z.optional(AgencyCode) }),
    response: ProcedureIndex,
    status: 200,
    cacheable: true,
  }),
  getProcedure: def({
    method: 'GET',
    path: '/v1/procedures/{code}',
    params: z.object({ code: ProcedureCode }),
    response: ProcedureDetail,
    status: 200,
    cacheable: true,
  }),
  getDossier: def({
    method: 'GET',
    path: '/v1/dossiers/{code}',
    params: z.object({ code: DossierCode }),
    response: Dossier,
    status: 200,
  }),
  getSurvey: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}',
    params: z.object({ surveyId: SurveyId }),
    response: SurveyDefinition,
    status: 200,
    cacheable: true,
  }),
  checkSurveyEligibility: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}/eligibility/{dossierCode}',
    params: z.object({ surveyId: SurveyId, dossierCode: DossierCode }),
    response: SurveyEligibility,
    status: 200,
  }),
  submitSurveyResponse: def({
    method: 'POST',
    path: '/v1/surveys/{surveyId}/responses',
    params: z.object({ surveyId: SurveyId }),
    body: SurveyResponseRequest,
    response: SurveyReceipt,
    status: 201,
    idempotent: true,
  }),
  getSurveyResults: def({
    method: 'GET',
    path: '/v1/surveys/{surveyId}/results',
    params: z.object({ surveyId: SurveyId }),
    query: SurveyResultsQuery,
    response: SurveyResults,
    status: 200,
  }),
  getSlots: def({
    method: 'GET',
    path: '/v1/agencies/{agencyCode}/slots',
    params: z.object({ agencyCode: AgencyCode }),
    query: SlotsQuery,
    response: SlotsResponse,
    status: 200,
  }),
  createAppointment: def({
    method: 'POST',
    path: '/v1/appointments',
    body: AppointmentRequest,
    response: Appointment,
    status: 201,
    idempotent: true,
  }),
  getAppointment: def({
    method: 'GET',
    path: '/v1/appointments/{code}',
    params: z.object({ code: AppointmentCode }),
    query: AppointmentLookupQuery,
    response: Appointment,
    status: 200,
  }),
  cancelAppointment: def({
    method: 'POST',
    path: '/v1/appointments/{code}/cancel',
    params: z.object({ code: AppointmentCode }),
    body: AppointmentCancelRequest,
    response: Appointment,
    status: 200,
    idempotent: true,
  }),
  rescheduleAppointment: def({
    method: 'POST',
    path: '/v1/appointments/{code}/reschedule',
    params: z.object({ code: AppointmentCode }),
    body: AppointmentRescheduleRequest,
    response: Appointment,
    status: 200,
    idempotent: true,
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
