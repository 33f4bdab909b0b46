import { http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_API } from '../api.js';
import { dossiersByCode } from '../../fixtures/dossiers.js';

/** MSW handlers for the dossiers endpoints, answering with contract-valid fixtures (test/fixtures/dossiers.ts). */
export const dossierHandlers: HttpHandler[] = [
  http.get(`${MOCK_API}/v1/dossiers/:code`, ({ params }) => {
    const code = decodeURIComponent(String(params['code']));
    const found = dossiersByCode[code];
    if (found) return HttpResponse.json(found);
    return HttpResponse.json(
      { error: { code: 'not_found', message: `No dossier with code ${code}` } },
      { status: 404 },
    );
  }),
];
