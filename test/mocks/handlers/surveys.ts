import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SurveyReceipt } from '@dvc-widgets/contract';
import { MOCK_API } from '../api.js';
import { addDays, now, vnToday } from '@dvc-widgets/core';
import {
  eligibilityFor,
  receiptFor,
  resultsFor,
  surveyDefinitions,
} from '../../fixtures/surveys.js';

const notFound = (message: string) =>
  HttpResponse.json({ error: { code: 'not_found', message } }, { status: 404 });

/**
 * What the mock remembers between requests, like the real server: one rating per dossier, and a
 * repeated Idempotency-Key replays the first receipt instead of counting twice.
 */
const submitted = new Map<string, { key: string; receipt: SurveyReceipt }>();
let counter = 0;

/** Forget every rating the mock has taken (call in `afterEach` of tests that submit). */
export function resetSurveyMocks(): void {
  submitted.clear();
  counter = 0;
}

/** How many ratings the mock has stored (each dossier counts once). */
export function surveyMockResponseCount(): number {
  return submitted.size;
}

/** MSW handlers for the surveys endpoints, answering with contract-valid fixtures (test/fixtures/surveys.ts). */
export const surveyHandlers: HttpHandler[] = [
  http.get(`${MOCK_API}/v1/surveys/:surveyId`, ({ params }) => {
    const survey = surveyDefinitions.find((s) => s.id === params.surveyId);
    return survey ? HttpResponse.json(survey) : notFound('Survey not found');
  }),

  http.get(`${MOCK_API}/v1/surveys/:surveyId/eligibility/:dossierCode`, ({ params }) => {
    if (!surveyDefinitions.some((s) => s.id === params.surveyId)) return notFound('Survey not found');
    const code = String(params.dossierCode);
    return HttpResponse.json(eligibilityFor(code, submitted.has(code)));
  }),

  http.post(`${MOCK_API}/v1/surveys/:surveyId/responses`, async ({ params, request }) => {
    const surveyId = String(params.surveyId);
    if (!surveyDefinitions.some((s) => s.id === surveyId)) return notFound('Survey not found');
    const key = request.headers.get('Idempotency-Key');
    if (!key) {
      return HttpResponse.json(
        { error: { code: 'invalid_request', message: 'Idempotency-Key header is required' } },
        { status: 400 },
      );
    }
    const body = (await request.json()) as { dossierCode?: string };
    const code = String(body.dossierCode ?? '');
    const previous = submitted.get(code);
    if (previous && previous.key === key) return HttpResponse.json(previous.receipt, { status: 201 });
    const eligibility = eligibilityFor(code, Boolean(previous));
    if (eligibility.reason === 'already_rated') {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'This dossier has already been rated', details: { reason: 'already_rated' } } },
        { status: 409 },
      );
    }
    if (!eligibility.eligible) {
      return HttpResponse.json(
        { error: { code: 'unprocessable', message: 'This dossier cannot be rated yet', details: { reason: eligibility.reason } } },
        { status: 422 },
      );
    }
    counter += 1;
    const receipt = receiptFor(code, surveyId, counter);
    submitted.set(code, { key, receipt });
    return HttpResponse.json(receipt, { status: 201 });
  }),

  http.get(`${MOCK_API}/v1/surveys/:surveyId/results`, ({ params, request }) => {
    const surveyId = String(params.surveyId);
    if (!surveyDefinitions.some((s) => s.id === surveyId)) return notFound('Survey not found');
    const url = new URL(request.url);
    // Vietnam calendar days (core's vn-date), like the server: not the UTC date, which is a day
    // behind before 07:00 in Hà Nội.
    const to = url.searchParams.get('to') ?? vnToday(now());
    const from = url.searchParams.get('from') ?? addDays(to, -29);
    return HttpResponse.json(resultsFor(from, to, { agency: url.searchParams.get('agency'), surveyId }));
  }),
];
