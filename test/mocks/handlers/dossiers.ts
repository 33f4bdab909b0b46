import type { HttpHandler } from 'msw';

/** MSW handlers for the dossiers endpoints, answering with contract-valid fixtures (test/fixtures/dossiers.ts). */
export const dossierHandlers: HttpHandler[] = [];
