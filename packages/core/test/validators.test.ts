import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  CCCD_PROVINCE_CODES,
  isCccd,
  isDossierCode,
  isMobile,
  isProcedureCode,
  normalizeDossierCode,
  normalizePhone,
} from '../src/validators.js';

const noise = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 60 }));

describe('validators: dossier code', () => {
  it('cleans a pasted code', () => {
    const expected = '000.00.01.H29-260310-0420';
    expect(normalizeDossierCode(' 000.00.01.h29-260310-0420 ')).to.equal(expected);
    expect(normalizeDossierCode('000.00.01.H29 – 260310 — 0420')).to.equal(expected);
    expect(normalizeDossierCode('０００.００.０１.Ｈ２９－２６０３１０－０４２０')).to.equal(expected);
    expect(normalizeDossierCode('000.00.01.H29\u200b-260310\u00a0-0420\ufeff')).to.equal(expected);
    expect(isDossierCode(normalizeDossierCode('000.00.01.h29 - 260310 - 0420'))).to.equal(true);
  });

  it('checks the format exactly', () => {
    expect(isDossierCode('000.00.01.H29-260310-0420')).to.equal(true);
    expect(isDossierCode('000.00.01.h29-260310-0420')).to.equal(false);
    expect(isDossierCode('000.00.01.H29-260310-042')).to.equal(false);
    expect(isDossierCode('')).to.equal(false);
  });

  it('stays idempotent on inputs where one pass is not enough', () => {
    // Found by the property below: upper-casing ῗ leaves non-NFKC text; dropping the space that
    // NFKC puts before a spacing tonos lets the mark compose on a second pass.
    for (const s of ['ῗ', '\u{1d79e}\u0384']) {
      const n = normalizeDossierCode(s);
      expect(normalizeDossierCode(n)).to.equal(n);
    }
  });

  it('is idempotent and never throws on noise (property)', () => {
    fc.assert(
      fc.property(noise, (s) => {
        const n = normalizeDossierCode(s);
        expect(normalizeDossierCode(n)).to.equal(n);
        expect(/\s/.test(n)).to.equal(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('validators: phone', () => {
  it('normalises the usual ways of writing a mobile number', () => {
    for (const raw of ['0912345678', '0912 345 678', '0912.345.678', '0912-345-678', '+84 912 345 678', '84912345678', '0084912345678', '(+84) 912345678', '+84 (0) 912 345 678', '０９１２３４５６７８']) {
      expect(normalizePhone(raw), raw).to.equal('0912345678');
    }
  });

  it('rejects non-mobiles', () => {
    for (const raw of ['', '091234567', '09123456789', '0212345678', '0123456789', 'abc', '+1 912 345 678', '0312345678']) {
      expect(normalizePhone(raw), raw).to.equal(null);
    }
    expect(normalizePhone('0321234567')).to.equal('0321234567');
  });

  it('isMobile checks the national form exactly', () => {
    expect(isMobile('0987654321')).to.equal(true);
    expect(isMobile('+84987654321')).to.equal(false);
  });

  it('normalise∘normalise = normalise and noise never throws (property)', () => {
    fc.assert(
      fc.property(noise, (s) => {
        const n = normalizePhone(s);
        if (n !== null) {
          expect(normalizePhone(n)).to.equal(n);
          expect(isMobile(n)).to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom('09', '03', '07', '08', '05'), fc.stringMatching(/^\d{8}$/), fc.constantFrom('', ' ', '.', '-'), (p, rest, sep) => {
        const raw = `${p}${rest.slice(0, 2)}${sep}${rest.slice(2, 5)}${sep}${rest.slice(5)}`;
        const n = normalizePhone(raw);
        if (n !== null) expect(normalizePhone(`+84 ${n.slice(1)}`)).to.equal(n);
      }),
    );
  });
});

describe('validators: CCCD', () => {
  it('has the 63 pre-2025 province codes', () => {
    expect(CCCD_PROVINCE_CODES.size).to.equal(63);
    expect(CCCD_PROVINCE_CODES.has('001')).to.equal(true);
    expect(CCCD_PROVINCE_CODES.has('079')).to.equal(true);
    expect(CCCD_PROVINCE_CODES.has('096')).to.equal(true);
    expect(CCCD_PROVINCE_CODES.has('003')).to.equal(false);
  });

  it('accepts 12 digits with a known province prefix only', () => {
    expect(isCccd('001099012345')).to.equal(true);
    expect(isCccd('079203001234')).to.equal(true);
    expect(isCccd('003099012345')).to.equal(false);
    expect(isCccd('097099012345')).to.equal(false);
    expect(isCccd('00109901234')).to.equal(false);
    expect(isCccd('00109901234a')).to.equal(false);
  });
});

describe('validators: procedure code', () => {
  it('accepts national codes with an optional provincial suffix', () => {
    expect(isProcedureCode('1.001193')).to.equal(true);
    expect(isProcedureCode('1.001193.H19')).to.equal(true);
    expect(isProcedureCode('1.00119')).to.equal(false);
    expect(isProcedureCode('1.001193.h19')).to.equal(false);
  });
});
