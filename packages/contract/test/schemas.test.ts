import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { Dossier, DOSSIER_CODE_RE, endpoints, buildPath, MOBILE_RE, ErrorEnvelope } from '../src/index.js';

describe('contract formats', () => {
  it('accepts national dossier codes and rejects near misses', () => {
    expect(DOSSIER_CODE_RE.test('000.00.01.H29-260310-0420')).to.equal(true);
    expect(DOSSIER_CODE_RE.test('000.00.01.H29-26031-0420')).to.equal(false);
    expect(DOSSIER_CODE_RE.test('000.00.01.h29-260310-0420')).to.equal(false);
  });
  it('accepts the mobile prefixes of DOMAIN.md only', () => {
    for (const ok of ['0912345678', '0321234567', '0561234567', '0701234567', '0811234567']) {
      expect(MOBILE_RE.test(ok), ok).to.equal(true);
    }
    for (const bad of ['0311234567', '0741234567', '0801234567', '091234567', '02812345678']) {
      expect(MOBILE_RE.test(bad), bad).to.equal(false);
    }
  });
  it('builds paths with encoded parameters and refuses missing ones', () => {
    expect(buildPath(endpoints.getProcedure.path, { code: '1.001193' })).to.equal('/v1/procedures/1.001193');
    expect(buildPath('/v1/x/{a}', { a: 'a/b c' })).to.equal('/v1/x/a%2Fb%20c');
    expect(() => buildPath('/v1/x/{a}', {})).to.throw(TypeError);
  });
  it('rejects a dossier without its required fields and an unknown error code', () => {
    expect(z.safeParse(Dossier, { code: '000.00.01.H29-260310-0420' }).success).to.equal(false);
    expect(z.safeParse(ErrorEnvelope, { error: { code: 'teapot', message: 'x' } }).success).to.equal(false);
    expect(z.safeParse(ErrorEnvelope, { error: { code: 'not_found', message: 'x' } }).success).to.equal(true);
  });
});
