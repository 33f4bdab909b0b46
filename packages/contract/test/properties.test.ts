import { expect } from '@open-wc/testing';
import * as fc from 'fast-check';
import * as z from 'zod/mini';
import {
  AppointmentRequest,
  DossierCode,
  ErrorEnvelope,
  ProcedureSearchQuery,
  SurveyResponseRequest,
  DOSSIER_STATUS_NUMBER,
  DossierStatus,
} from '../src/index.js';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));

describe('contract schemas (property-based)', () => {
  it('accepts every well-formed dossier code', () => {
    const code = fc
      .tuple(digits(3), digits(2), digits(2), fc.constantFrom('H', 'G', 'A'), digits(2), digits(6), digits(4))
      .map(([a, b, c, l, n, d, s]) => `${a}.${b}.${c}.${l}${n}-${d}-${s}`);
    fc.assert(fc.property(code, (c) => z.safeParse(DossierCode, c).success));
  });

  it('never throws on arbitrary input: parsing either succeeds or reports issues', () => {
    const schemas = [ErrorEnvelope, AppointmentRequest, SurveyResponseRequest, ProcedureSearchQuery];
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...schemas), (value, schema) => {
        const r = z.safeParse(schema, value);
        return r.success || r.error.issues.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('coerces paging query strings and bounds them', () => {
    expect(z.parse(ProcedureSearchQuery, { page: '2', pageSize: '20' })).to.deep.include({ page: 2, pageSize: 20 });
    expect(z.safeParse(ProcedureSearchQuery, { pageSize: '1000' }).success).to.equal(false);
    expect(z.safeParse(ProcedureSearchQuery, { page: '0' }).success).to.equal(false);
  });

  it('rejects booking requests with a landline or a short CCCD', () => {
    const base = {
      agency: '000.00.00.H29',
      procedure: '1.001193',
      start: '2026-11-23T08:00:00+07:00',
      fullName: 'Nguyễn Văn An',
      phone: '0912345678',
    };
    expect(z.safeParse(AppointmentRequest, base).success).to.equal(true);
    expect(z.safeParse(AppointmentRequest, { ...base, phone: '02812345678' }).success).to.equal(false);
    expect(z.safeParse(AppointmentRequest, { ...base, cccd: '12345' }).success).to.equal(false);
    expect(z.safeParse(AppointmentRequest, { ...base, start: '2026-11-23 08:00' }).success).to.equal(false);
  });

  it('numbers the ten national statuses 1–10 in order', () => {
    expect(DossierStatus.options.map((s) => DOSSIER_STATUS_NUMBER[s])).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
