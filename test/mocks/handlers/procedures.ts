import type { HttpHandler } from 'msw';

/** MSW handlers for the procedures endpoints, answering with contract-valid fixtures (test/fixtures/procedures.ts). */
export const procedureHandlers: HttpHandler[] = [];
