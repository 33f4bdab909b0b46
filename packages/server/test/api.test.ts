import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { endpoints, ErrorEnvelope } from '@dvc-widgets/contract';
import type { AgencyRecord } from '../src/domain/index.js';
import { NOW, agencies, call, databases, makeApp, newKey, seeded, type TestApp } from './harness.js';
import pino from 'pino';
import { createApp, type OpenedDatabase } from '../src/index.js';

const valid = (schema: z.ZodMiniType, value: unknown) => {
  const r = z.safeParse(schema, value);
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
};
const isEnvelope = (body: unknown, code: string) => {
  valid(ErrorEnvelope, body);
  assert.equal((body as { error: { code: string } }).error.code, code);
};

for (const tdb of databases()) {
  describe(`API on ${tdb.name}`, () => {
    let opened: OpenedDatabase;
    let app: TestApp;
    let agency: AgencyRecord;
    let procedureCode: string;

    before(async () => {
      opened = await seeded(tdb);
      app = makeApp(opened.db);
      const all = await agencies(opened.db);
      agency = all.find((a) => a.level === 'commune') ?? all[0]!;
      const link = await opened.db
        .selectFrom('agency_procedures')
        .select('procedure_code')
        .where('agency_code', '=', agency.code)
        .orderBy('procedure_code')
        .executeTakeFirstOrThrow();
      procedureCode = link.procedure_code;
    });
    after(() => opened.close());

    describe('agencies', () => {
      it('returns an agency without its internal fields, with an ETag and 304 on revalidation', async () => {
        const r = await call(app, 'GET', `/v1/agencies/${agency.code}`);
        assert.equal(r.status, 200);
        valid(endpoints.getAgency.response, r.body);
        assert.equal(r.body.code, agency.code);
        assert.equal('procedureCodes' in r.body, false);
        assert.equal('corsOrigins' in r.body, false);
        const etag = r.headers.get('etag');
        assert.match(etag ?? '', /^"[\w-]+"$/);
        const again = await call(app, 'GET', `/v1/agencies/${agency.code}`, { headers: { 'if-none-match': etag! } });
        assert.equal(again.status, 304);
        assert.equal(again.text, '');
      });
      it('404 for an unknown agency, 400 for a malformed code', async () => {
        isEnvelope((await call(app, 'GET', '/v1/agencies/999.99.99.H99')).body, 'not_found');
        const bad = await call(app, 'GET', '/v1/agencies/not-a-code');
        assert.equal(bad.status, 400);
        isEnvelope(bad.body, 'invalid_request');
        assert.equal(bad.body.error.details.issues[0].location, 'path');
      });
    });

    describe('procedures', () => {
      it('searches accent-insensitively with facets and paging', async () => {
        const r = await call(app, 'GET', '/v1/procedures?q=khai%20sinh&pageSize=5');
        assert.equal(r.status, 200);
        valid(endpoints.searchProcedures.response, r.body);
        assert.ok(r.body.total > 0);
        assert.ok(r.body.items.length <= 5);
        assert.ok(r.body.items.some((p: { name: string }) => /khai sinh/i.test(p.name)));
        const facetTotal = r.body.facets.field.reduce((s: number, f: { count: number }) => s + f.count, 0);
        assert.equal(facetTotal, r.body.total);
        const folded = await call(app, 'GET', `/v1/procedures?q=${encodeURIComponent('KHAI SINH')}&pageSize=5`);
        assert.equal(folded.body.total, r.body.total);
        // The widget's engine: abbreviations and missing accents, best match first.
        const abbreviated = await call(app, 'GET', `/v1/procedures?q=${encodeURIComponent('dk khai sinh')}&pageSize=3`);
        assert.match(abbreviated.body.items[0].name, /Đăng ký khai sinh/i);
        const byCode = await call(app, 'GET', '/v1/procedures?q=1.001193&pageSize=1');
        assert.equal(byCode.body.items[0]?.code, '1.001193');
      });
      it('filters by agency, field, level and channel; the last page is short', async () => {
        const all = await call(app, 'GET', `/v1/procedures?agency=${agency.code}&pageSize=100`);
        assert.equal(all.status, 200);
        const field = all.body.facets.field[0].value as string;
        const byField = await call(app, 'GET', `/v1/procedures?agency=${agency.code}&field=${encodeURIComponent(field)}&pageSize=100`);
        assert.equal(byField.body.total, all.body.facets.field[0].count);
        assert.ok(byField.body.items.every((p: { field: string }) => p.field === field));
        const online = await call(app, 'GET', `/v1/procedures?agency=${agency.code}&channel=online&level=commune`);
        assert.ok(online.body.items.every((p: { channels: string[]; levels: string[] }) => p.channels.includes('online') && p.levels.includes('commune')));
        const pages = Math.ceil(all.body.total / 7);
        const last = await call(app, 'GET', `/v1/procedures?agency=${agency.code}&pageSize=7&page=${pages}`);
        assert.equal(last.body.items.length, all.body.total - 7 * (pages - 1));
        const beyond = await call(app, 'GET', `/v1/procedures?agency=${agency.code}&pageSize=7&page=${pages + 1}`);
        assert.deepEqual(beyond.body.items, []);
      });
      it('rejects bad query values and unknown agencies', async () => {
        assert.equal((await call(app, 'GET', '/v1/procedures?pageSize=1000')).status, 400);
        assert.equal((await call(app, 'GET', '/v1/procedures?level=galaxy')).status, 400);
        isEnvelope((await call(app, 'GET', '/v1/procedures?agency=999.99.99.H99')).body, 'not_found');
      });
      it('lists fields with counts', async () => {
        const r = await call(app, 'GET', `/v1/fields?agency=${agency.code}`);
        valid(endpoints.listFields.response, r.body);
        assert.ok(r.body.items.length > 0);
        assert.ok(r.headers.get('etag'));
        assert.equal((await call(app, 'GET', '/v1/fields?agency=999.99.99.H99')).status, 404);
      });
      it('serves the compact index with a strong ETag, cache headers and 304', async () => {
        const r = await call(app, 'GET', `/v1/procedure-index?agency=${agency.code}`);
        assert.equal(r.status, 200);
        valid(endpoints.getProcedureIndex.response, r.body);
        assert.equal(r.headers.get('cache-control'), 'public, max-age=300, stale-while-revalidate=86400');
        const etag = r.headers.get('etag')!;
        assert.doesNotMatch(etag, /^W\//);
        const item = r.body.items[0];
        assert.equal(typeof r.body.fields[item.f], 'string');
        const again = await call(app, 'GET', `/v1/procedure-index?agency=${agency.code}`, { headers: { 'if-none-match': `"other", ${etag}` } });
        assert.equal(again.status, 304);
        assert.equal(again.headers.get('etag'), etag);
        const whole = await call(app, 'GET', '/v1/procedure-index');
        assert.equal(whole.body.agency, null);
        assert.ok(whole.body.items.length >= r.body.items.length);
        assert.notEqual(whole.headers.get('etag'), etag);
      });
      it('compresses the index for clients that accept gzip, and still answers 304 to its weak ETag', async () => {
        const res = await app.request(`/v1/procedure-index?agency=${agency.code}`, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-encoding'), 'gzip');
        assert.match(res.headers.get('vary') ?? '', /accept-encoding/i);
        const packed = new Uint8Array(await res.arrayBuffer());
        const text = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
        valid(endpoints.getProcedureIndex.response, JSON.parse(text));
        assert.ok(packed.byteLength * 4 < new TextEncoder().encode(text).byteLength, 'at least 4× smaller');
        const etag = res.headers.get('etag')!;
        assert.match(etag, /^W\//);
        const again = await call(app, 'GET', `/v1/procedure-index?agency=${agency.code}`, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304);
      });
      it('returns a procedure detail or 404', async () => {
        const r = await call(app, 'GET', `/v1/procedures/${procedureCode}`);
        assert.equal(r.status, 200);
        valid(endpoints.getProcedure.response, r.body);
        assert.equal(r.body.code, procedureCode);
        isEnvelope((await call(app, 'GET', '/v1/procedures/9.999999')).body, 'not_found');
        assert.equal((await call(app, 'GET', '/v1/procedures/abc')).status, 400);
      });
    });

    describe('dossiers', () => {
      it('returns the public view with a masked applicant and due dates computed against now', async () => {
        const row = await opened.db.selectFrom('dossiers').select(['code', 'record']).where('status', '=', 'processing').executeTakeFirstOrThrow();
        const rec = (typeof row.record === 'string' ? JSON.parse(row.record) : row.record) as { applicantName: string; applicantPhone: string };
        const r = await call(app, 'GET', `/v1/dossiers/${row.code}`);
        assert.equal(r.status, 200);
        valid(endpoints.getDossier.response, r.body);
        assert.equal(r.body.code, row.code);
        assert.notEqual(r.body.applicant, rec.applicantName);
        assert.equal(r.text.includes(rec.applicantPhone), false, 'the phone number never leaves the server');
        assert.equal(r.text.includes(rec.applicantName), false);
        assert.equal(r.headers.get('cache-control'), 'no-store');
        assert.equal(new Date(r.body.asOf).getTime(), NOW.getTime());
      });
      it('marks a dossier overdue when the clock passes its due date', async () => {
        const row = await opened.db.selectFrom('dossiers').select('code').where('status', '=', 'processing').executeTakeFirstOrThrow();
        const before = await call(app, 'GET', `/v1/dossiers/${row.code}`);
        assert.ok(before.body.dueAt, 'a processing dossier has a due date');
        const later = makeApp(opened.db, undefined, () => new Date(Date.parse(before.body.dueAt) + 30 * 86_400_000));
        const r = await call(later, 'GET', `/v1/dossiers/${row.code}`);
        assert.equal(r.body.overdue, true);
        assert.ok(r.body.overdueWorkingDays > 0);
      });
      it('404 for an unknown code, 400 for a malformed one', async () => {
        isEnvelope((await call(app, 'GET', '/v1/dossiers/000.00.01.H29-260310-9999')).body, 'not_found');
        assert.equal((await call(app, 'GET', '/v1/dossiers/nope')).status, 400);
      });
    });

    describe('surveys', () => {
      let surveyId: string;
      let survey: { criteria: { id: string; required: boolean }[] };
      before(async () => {
        const row = await opened.db.selectFrom('surveys').select(['id', 'definition']).executeTakeFirstOrThrow();
        surveyId = row.id;
        survey = (typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition) as typeof survey;
      });
      const answersFor = (ids: string[]) => ids.map((criterion) => ({ criterion, rating: 'satisfied' }));
      const unrated = async (status: 'returned' | 'processing') => {
        const rows = await opened.db
          .selectFrom('dossiers')
          .leftJoin('survey_responses', 'survey_responses.dossier_code', 'dossiers.code')
          .select('dossiers.code')
          .where('dossiers.status', '=', status)
          .where('survey_responses.reference', 'is', null)
          .orderBy('dossiers.code')
          .execute();
        return rows.map((r) => r.code);
      };

      it('returns the definition (ETag) or 404', async () => {
        const r = await call(app, 'GET', `/v1/surveys/${surveyId}`);
        valid(endpoints.getSurvey.response, r.body);
        assert.ok(r.headers.get('etag'));
        isEnvelope((await call(app, 'GET', '/v1/surveys/no-such-survey')).body, 'not_found');
      });
      it('reports eligibility for each case', async () => {
        const [returned] = await unrated('returned');
        const [processing] = await unrated('processing');
        const ok = await call(app, 'GET', `/v1/surveys/${surveyId}/eligibility/${returned}`);
        valid(endpoints.checkSurveyEligibility.response, ok.body);
        assert.deepEqual([ok.body.eligible, ok.body.reason], [true, 'ok']);
        const notReturned = await call(app, 'GET', `/v1/surveys/${surveyId}/eligibility/${processing}`);
        assert.equal(notReturned.body.reason, 'not_returned');
        const unknown = await call(app, 'GET', `/v1/surveys/${surveyId}/eligibility/000.00.01.H29-260310-9999`);
        assert.deepEqual([unknown.status, unknown.body.reason], [200, 'not_found']);
        assert.equal((await call(app, 'GET', `/v1/surveys/nope/eligibility/${returned}`)).status, 404);
      });
      it('accepts one response per returned dossier: 201, then 409; the results count it', async () => {
        const [code] = (await unrated('returned')).slice(1);
        const before = await call(app, 'GET', `/v1/surveys/${surveyId}/results`);
        valid(endpoints.getSurveyResults.response, before.body);
        const body = { dossierCode: code, answers: answersFor(survey.criteria.map((c) => c.id)), comment: ' Cán bộ nhiệt tình ' };
        const r = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, { body });
        assert.equal(r.status, 201, r.text);
        valid(endpoints.submitSurveyResponse.response, r.body);
        assert.equal(r.body.dossierCode, code);
        const second = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, { body });
        assert.equal(second.status, 409);
        isEnvelope(second.body, 'conflict');
        const eligibility = await call(app, 'GET', `/v1/surveys/${surveyId}/eligibility/${code}`);
        assert.equal(eligibility.body.reason, 'already_rated');
        const afterwards = await call(app, 'GET', `/v1/surveys/${surveyId}/results`);
        assert.equal(afterwards.body.responses, before.body.responses + 1);
        const first = survey.criteria[0]!.id;
        const countOf = (b: any) => b.criteria.find((c: { criterion: string }) => c.criterion === first).counts.satisfied;
        assert.equal(countOf(afterwards.body), countOf(before.body) + 1);
        const dossier = await call(app, 'GET', `/v1/dossiers/${code}`);
        assert.deepEqual(dossier.body.rating, { eligible: false, rated: true });
      });
      it('refuses a dossier that is not returned (422) and answers missing a required criterion (422)', async () => {
        const [processing] = await unrated('processing');
        const all = answersFor(survey.criteria.map((c) => c.id));
        const r = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, { body: { dossierCode: processing, answers: all } });
        assert.equal(r.status, 422);
        assert.equal(r.body.error.details.reason, 'not_returned');
        const required = survey.criteria.filter((c) => c.required);
        assert.ok(required.length > 0, 'the survey has required criteria');
        const [returned] = (await unrated('returned')).slice(2);
        const partial = answersFor(survey.criteria.filter((c) => c.id !== required[0]!.id).map((c) => c.id));
        const missing = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, { body: { dossierCode: returned, answers: partial } });
        assert.equal(missing.status, 422);
        assert.deepEqual(missing.body.error.details.missing, [required[0]!.id]);
        const unknown = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, {
          body: { dossierCode: returned, answers: [...all, { criterion: 'made_up', rating: 'satisfied' }] },
        });
        assert.equal(unknown.status, 422);
        assert.deepEqual(unknown.body.error.details.unknown, ['made_up']);
        const nobody = await call(app, 'POST', `/v1/surveys/${surveyId}/responses`, { body: { dossierCode: '000.00.01.H29-260310-9999', answers: all } });
        assert.equal(nobody.status, 404);
      });
      it('aggregates results per agency over a period, and validates the period', async () => {
        const r = await call(app, 'GET', `/v1/surveys/${surveyId}/results?agency=${agency.code}&from=2025-01-01&to=2026-03-10`);
        assert.equal(r.status, 200);
        valid(endpoints.getSurveyResults.response, r.body);
        assert.equal(r.body.agency, agency.code);
        const defaults = await call(app, 'GET', `/v1/surveys/${surveyId}/results`);
        assert.deepEqual([defaults.body.from, defaults.body.to], ['2025-03-11', '2026-03-10']);
        const empty = await call(app, 'GET', `/v1/surveys/${surveyId}/results?from=2000-01-01&to=2000-01-31`);
        assert.equal(empty.body.responses, 0);
        assert.equal(empty.body.overall.satisfiedShare, null);
        assert.equal((await call(app, 'GET', `/v1/surveys/${surveyId}/results?from=2026-03-10&to=2026-01-01`)).status, 400);
        assert.equal((await call(app, 'GET', `/v1/surveys/${surveyId}/results?agency=999.99.99.H99`)).status, 404);
      });
    });

    describe('HTTP behaviour', () => {
      it('answers unknown routes and wrong methods with the envelope', async () => {
        const r = await call(app, 'GET', '/v1/nothing-here');
        assert.equal(r.status, 404);
        isEnvelope(r.body, 'not_found');
        assert.equal((await call(app, 'DELETE', `/v1/agencies/${agency.code}`)).status, 404);
      });
      it('requires a valid Idempotency-Key and a JSON body on POST', async () => {
        const body = { phone: '0912345678' };
        const missing = await call(app, 'POST', '/v1/appointments/LH-ABCDEF/cancel', { body, headers: { 'idempotency-key': '' } });
        assert.equal(missing.status, 400);
        assert.equal(missing.body.error.details.issues[0].path[0], 'Idempotency-Key');
        const short = await call(app, 'POST', '/v1/appointments/LH-ABCDEF/cancel', { body, headers: { 'idempotency-key': 'short' } });
        assert.equal(short.status, 400);
        const notJson = await call(app, 'POST', '/v1/appointments/LH-ABCDEF/cancel', { rawBody: 'phone=1', headers: { 'content-type': 'text/plain' } });
        assert.equal(notJson.status, 400);
        const broken = await call(app, 'POST', '/v1/appointments/LH-ABCDEF/cancel', { rawBody: '{"phone":', headers: { 'content-type': 'application/json' } });
        assert.equal(broken.status, 400);
        isEnvelope(broken.body, 'invalid_request');
      });
      it('limits the body size with a 413 envelope', async () => {
        const r = await call(app, 'POST', '/v1/appointments', {
          rawBody: JSON.stringify({ note: 'x'.repeat(20_000) }),
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        });
        assert.equal(r.status, 413);
        isEnvelope(r.body, 'payload_too_large');
      });
      it('sets security headers on the API', async () => {
        const r = await call(app, 'GET', `/v1/agencies/${agency.code}`);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
        assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
        assert.ok(r.headers.get('x-request-id'));
      });
      it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
        const ok = await call(app, 'GET', '/v1/fields', { headers: { 'x-request-id': 'abc-123' } });
        assert.equal(ok.headers.get('x-request-id'), 'abc-123');
        const bad = await call(app, 'GET', '/v1/fields', { headers: { 'x-request-id': 'a b<c>' } });
        assert.notEqual(bad.headers.get('x-request-id'), 'a b<c>');
      });
      it('serves the OpenAPI document and a self-contained reference page', async () => {
        const doc = await call(app, 'GET', '/v1/openapi.json');
        assert.equal(doc.status, 200);
        assert.equal(doc.body.openapi, '3.1.0');
        assert.equal(Object.keys(doc.body.paths).length, new Set(Object.values(endpoints).map((e) => e.path)).size);
        const page = await call(app, 'GET', '/v1/docs');
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
        for (const name of Object.keys(endpoints)) assert.ok(page.text.includes(`id="${name}"`), name);
        assert.ok(page.text.includes('Idempotency-Key'));
        assert.doesNotMatch(page.text, /<script/i);
        assert.doesNotMatch(page.text, /https?:\/\/(?!127\.0\.0\.1|dichvucong)/, 'no external resources');
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.match(csp, /style-src 'sha256-/);
        assert.match(csp, /default-src 'none'/);
      });
    });

    describe('contract enforcement on answers', () => {
      it('turns an off-contract answer into a 500 envelope without details, and logs why', async () => {
        const lines: Record<string, unknown>[] = [];
        const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
        const watched = createApp({ db: opened.db, now: () => NOW, logger, config: { rateLimit: { windowMs: 60_000, lookups: 0, codeLookups: 0, writes: 0 } } });
        const broken = { ...agency, phone: 12345 };
        await opened.db.updateTable('agencies').set({ record: JSON.stringify(broken) }).where('code', '=', agency.code).execute();
        try {
          const r = await call(watched, 'GET', `/v1/agencies/${agency.code}`);
          assert.equal(r.status, 500);
          assert.deepEqual(r.body, { error: { code: 'internal', message: 'Internal server error' } });
          assert.doesNotMatch(r.text, /phone|12345|stack/i);
          const logged = lines.find((l) => l.msg === 'response failed contract validation');
          assert.ok(logged, 'the failure is logged');
          assert.equal(logged.endpoint, 'getAgency');
          assert.match(JSON.stringify(logged.issues), /phone/);
          assert.ok(lines.some((l) => l.path === `/v1/agencies/${agency.code}` && l.status === 500));
        } finally {
          await opened.db.updateTable('agencies').set({ record: JSON.stringify(agency) }).where('code', '=', agency.code).execute();
        }
      });
    });

    describe('CORS', () => {
      it('lets any origin read when no allow-list is configured, but not write', async () => {
        const get = await call(app, 'GET', '/v1/fields', { headers: { origin: 'https://xa-a.gov.vn' } });
        assert.equal(get.headers.get('access-control-allow-origin'), 'https://xa-a.gov.vn');
        assert.match(get.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
        assert.match(get.headers.get('access-control-expose-headers') ?? '', /ETag/);
        const preflight = await call(app, 'OPTIONS', '/v1/appointments', {
          headers: { origin: 'https://xa-a.gov.vn', 'access-control-request-method': 'POST' },
        });
        assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      });
      it('with an allow-list, only listed origins (env and agency) are allowed, writes included', async () => {
        const listed = makeApp(opened.db, { corsOrigins: ['https://portal.example.vn'], rateLimit: { windowMs: 60_000, lookups: 0, codeLookups: 0, writes: 0 } });
        const preflight = await call(listed, 'OPTIONS', '/v1/appointments', {
          headers: { origin: 'https://portal.example.vn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://portal.example.vn');
        assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
        const other = await call(listed, 'GET', '/v1/fields', { headers: { origin: 'https://evil.example' } });
        assert.equal(other.headers.get('access-control-allow-origin'), null);
        const record = { ...agency, corsOrigins: ['https://xa.example.vn'] };
        await opened.db.updateTable('agencies').set({ record: JSON.stringify(record) }).where('code', '=', agency.code).execute();
        try {
          const fresh = makeApp(opened.db);
          const byAgency = await call(fresh, 'GET', '/v1/fields', { headers: { origin: 'https://xa.example.vn' } });
          assert.equal(byAgency.headers.get('access-control-allow-origin'), 'https://xa.example.vn');
          const notListed = await call(fresh, 'GET', '/v1/fields', { headers: { origin: 'https://other.example.vn' } });
          assert.equal(notListed.headers.get('access-control-allow-origin'), null);
        } finally {
          await opened.db.updateTable('agencies').set({ record: JSON.stringify(agency) }).where('code', '=', agency.code).execute();
        }
      });
    });
  });
}
