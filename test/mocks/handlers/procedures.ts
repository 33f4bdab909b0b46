import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ProcedureLevel, Channel, OnlineLevel } from '@dvc-widgets/contract';
import { MOCK_API } from '../api.js';
import { findAgency } from '../../fixtures/agencies.js';
import {
  fieldList,
  procedureDetail,
  procedureIndex,
  procedureIndexEtag,
  searchProcedureFixtures,
} from '../../fixtures/procedures.js';

const notFound = (message: string) =>
  HttpResponse.json({ error: { code: 'not_found', message } }, { status: 404 });

const opt = (v: string | null) => (v === null || v === '' ? undefined : v);

/** MSW handlers for the procedures endpoints, answering with contract-valid fixtures (test/fixtures/procedures.ts). */
export const procedureHandlers: HttpHandler[] = [
  http.get(`${MOCK_API}/v1/agencies/:agencyCode`, ({ params }) => {
    const agency = findAgency(decodeURIComponent(String(params['agencyCode'])));
    return agency ? HttpResponse.json(agency) : notFound('No such agency');
  }),

  http.get(`${MOCK_API}/v1/fields`, () => HttpResponse.json(fieldList)),

  // ETag revalidation, as the reference server does it: 304 when the client already has it.
  http.get(`${MOCK_API}/v1/procedure-index`, ({ request }) => {
    if (request.headers.get('if-none-match') === procedureIndexEtag) {
      return new HttpResponse(null, { status: 304, headers: { ETag: procedureIndexEtag } });
    }
    return HttpResponse.json(procedureIndex, { headers: { ETag: procedureIndexEtag, 'Cache-Control': 'no-cache' } });
  }),

  http.get(`${MOCK_API}/v1/procedures`, ({ request }) => {
    const s = new URL(request.url).searchParams;
    const page = Number(s.get('page') ?? 1);
    const pageSize = Number(s.get('pageSize') ?? 20);
    return HttpResponse.json(
      searchProcedureFixtures({
        q: opt(s.get('q')),
        field: opt(s.get('field')),
        level: opt(s.get('level')) as ProcedureLevel | undefined,
        onlineLevel: opt(s.get('onlineLevel')) as OnlineLevel | undefined,
        channel: opt(s.get('channel')) as Channel | undefined,
        page,
        pageSize,
      }),
    );
  }),

  http.get(`${MOCK_API}/v1/procedures/:code`, ({ params }) => {
    const code = decodeURIComponent(String(params['code']));
    const detail = procedureDetail(code);
    return detail ? HttpResponse.json(detail) : notFound(`No procedure with code ${code}`);
  }),
];
