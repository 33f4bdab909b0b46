/**
 * Property-based fuzzing of every endpoint: whatever the path parameters, query, headers and
 * body, the server answers below 500, and every error is the contract's envelope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { endpointDocs, endpoints, ErrorEnvelope, type EndpointDef, type EndpointName } from '@dvc-widgets/contract';
import type { OpenedDatabase } from '../src/index.js';
import { agencies, call, databases, makeApp, phone, seeded, type TestApp } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Header-safe text (the Fetch API rejects control characters in header values). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 140 });

for (const tdb of databases()) {
  describe(`fuzzing on ${tdb.name}`, () => {
    let opened: OpenedDatabase;
    let app: TestApp;
    let known: Record<string, string[]>;

    before(async () => {
      opened = await seeded(tdb);
      app = makeApp(opened.db);
      const [agency] = await agencies(opened.db);
      const dossiers = await opened.db.selectFrom('dossiers').select('code').limit(5).execute();
      const procedures = await opened.db.selectFrom('procedures').select('code').limit(5).execute();
      known = {
        agencyCode: [agency!.code, '000.00.01.H29'],
        agency: [agency!.code],
        code: [...dossiers.map((d) => d.code), ...procedures.map((p) => p.code), 'LH-7K3M9Q'],
        dossierCode: dossiers.map((d) => d.code),
        surveyId: ['mot-cua', 'x'],
        procedure: procedures.map((p) => p.code),
        phone: [phone(1), '+84912345678'],
        start: ['2026-03-11T08:00:00+07:00', '2026-03-11T01:00:00Z', '2026-02-30T08:00:00+07:00'],
        from: ['2026-03-10', '2026-13-01', '1900-01-01'],
        to: ['2026-03-20', '9999-12-31'],
        fullName: ['Nguyễn Văn An', 'A'],
        cccd: ['001090012345'],
        note: ['Mang bản chính'],
        comment: ['Tốt', ''],
        answers: [],
      };
    });
    after(() => opened.close());

    const value = (name: string) =>
      fc.oneof(
        fc.constantFrom(...(known[name]?.length ? known[name]! : ['x'])),
        fc.string({ maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.integer().map(String),
        fc.constantFrom('', '..', '%', '%00', '../../etc/passwd', 'null', '[]', '{}'),
      );

    const fieldNames = (schema: z.ZodMiniType | undefined) =>
      schema && 'shape' in schema ? Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape) : [];

    const answers = fc.array(
      fc.record({ criterion: fc.constantFrom('processing_time', 'attitude', 'x'), rating: fc.constantFrom('satisfied', 'very_satisfied', 'meh') }),
      { maxLength: 10 },
    );
    // Mostly well-formed bodies built from real codes, so the fuzzing reaches the business rules.
    const plausible = (e: EndpointDef) =>
      fc
        .record(
          Object.fromEntries(
            fieldNames(e.body).map((k) => [k, k === 'answers' ? answers : fc.constantFrom(...(known[k]?.length ? known[k]! : ['x']))]),
          ),
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v));
    const bodyFor = (e: EndpointDef) =>
      fc.oneof(
        plausible(e),
        plausible(e),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
        fc
          .record(
            Object.fromEntries(
              fieldNames(e.body).map((k) => [
                k,
                fc.oneof(
                  value(k),
                  fc.jsonValue({ maxDepth: 2 }),
                  fc.array(fc.record({ criterion: fc.string({ maxLength: 45 }), rating: fc.constantFrom('satisfied', 'very_satisfied', 'meh') }), { maxLength: 12 }),
                ),
              ]),
            ),
            { requiredKeys: [] },
          )
          .map((v) => JSON.stringify(v)),
      );

    for (const [name, e] of Object.entries(endpoints) as [string, EndpointDef][]) {
      it(`${name}: arbitrary input never produces a 5xx`, async () => {
        const paramNames = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const queryNames = [...fieldNames(e.query), 'page', 'pageSize', 'junk'];
        await fc.assert(
          fc.asyncProperty(
            fc.tuple(...paramNames.map((p) => value(p))),
            fc.dictionary(fc.constantFrom(...queryNames), fc.oneof(value('q'), fc.constantFrom('0', '-1', '1e9', '2.5', '100'))),
            e.body ? bodyFor(e) : fc.constant(undefined),
            fc.record({
              'idempotency-key': fc.oneof(headerText, fc.uuid()),
              'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
              'if-none-match': fc.oneof(headerText, fc.constant('*')),
              origin: fc.constantFrom('https://a.example', 'null', ''),
            }, { requiredKeys: [] }),
            async (params, query, rawBody, headers) => {
              let path = e.path;
              paramNames.forEach((p, i) => (path = path.replace(`{${p}}`, encodeURIComponent(params[i]!))));
              const qs = new URLSearchParams(query).toString();
              const r = await call(app, e.method, qs ? `${path}?${qs}` : path, {
                rawBody: rawBody as string | undefined,
                headers: headers as Record<string, string>,
              });
              assert.ok(r.status < 500, `${e.method} ${path}?${qs} → ${r.status} ${r.text.slice(0, 300)}`);
              if (r.status >= 400) {
                assert.ok(z.safeParse(ErrorEnvelope, r.body).success, r.text.slice(0, 300));
                // Only the error codes the endpoint table declares (plus the ones every route
                // may give; a 422 for a reused Idempotency-Key is documented on the header).
                const allowed = new Set([...endpointDocs[name as EndpointName].errors, 'invalid_request', 'internal', 'unavailable', ...(e.body ? ['payload_too_large'] : []), ...(e.idempotent ? ['unprocessable', 'conflict'] : [])]);
                assert.ok(allowed.has(r.body.error.code), `${name} answered undeclared ${r.body.error.code}`);
              }
              else if (r.status !== 304) assert.ok(z.safeParse(e.response, r.body).success, `response off-contract: ${r.text.slice(0, 300)}`);
            },
          ),
          { numRuns: RUNS },
        );
      });
    }
  });
}
