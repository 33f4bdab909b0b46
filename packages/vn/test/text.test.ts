import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fold, foldLoose, normalizeVi, tokenize } from '../src/text.js';

const VI_WORDS = [
  'Đăng ký', 'khai sinh', 'hoà giải', 'hòa giải', 'thuỷ lợi', 'thủy lợi', 'Quý', 'Khánh Hoà', 'hoàng',
  'HOẠCH', 'khoẻ', 'khỏe', 'Nguyễn', 'ĐỒNG', 'tuỳ', 'tùy', 'kỹ thuật', 'kĩ thuật', 'lý lịch', 'lí lịch',
  'hoặc', 'khuya', 'quỳnh', 'ngoằn ngoèo', 'xoá', 'xóa',
];
const viText = fc.array(fc.constantFrom(...VI_WORDS, ' ', '-', ',', '  ', '\u00a0'), { maxLength: 12 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), viText);

describe('text: fold', () => {
  it('removes diacritics, đ, case and punctuation', () => {
    expect(fold('Đăng ký  khai-sinh!')).to.equal('dang ky khai sinh');
    expect(fold('  Cấp lại Căn cước công dân (CCCD) ')).to.equal('cap lai can cuoc cong dan cccd');
    expect(fold('ĐỒNG THÁP')).to.equal('dong thap');
    expect(fold('Ðồng')).to.equal('dong');
  });

  it('folds full-width and decomposed input the same as composed ASCII', () => {
    expect(fold('ＣＣＣＤ')).to.equal('cccd');
    expect(fold('hoa\u0300')).to.equal(fold('hoà'));
  });

  it('folds both tone placements the same', () => {
    expect(fold('hoà')).to.equal(fold('hòa'));
    expect(fold('thuỷ')).to.equal(fold('thủy'));
    expect(fold('Khánh Hoà')).to.equal('khanh hoa');
  });

  it('is idempotent, leaves no combining marks and no đ (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const f = fold(s);
        expect(fold(f)).to.equal(f);
        expect(/[\u0300-\u036f]/.test(f)).to.equal(false);
        expect(/[đĐ]/.test(f)).to.equal(false);
        expect(f).to.equal(f.trim());
        expect(/\s{2,}/.test(f)).to.equal(false);
      }),
      { numRuns: 500 },
    );
  });

  it('gives tone-placement variants the same fold (property)', () => {
    fc.assert(
      fc.property(viText, (s) => {
        expect(fold(normalizeVi(s))).to.equal(fold(s));
      }),
    );
  });
});

describe('text: foldLoose', () => {
  it('maps y to i so i/y spellings match', () => {
    expect(foldLoose('kỹ thuật')).to.equal(foldLoose('kĩ thuật'));
    expect(foldLoose('Lý lịch')).to.equal('li lich');
    expect(fold('kỹ')).to.not.equal(fold('kĩ'));
  });
});

describe('text: tokenize', () => {
  it('splits folded words and drops empties', () => {
    expect(tokenize('Cấp lại CCCD')).to.deep.equal(['cap', 'lai', 'cccd']);
    expect(tokenize('  ...  ')).to.deep.equal([]);
    expect(tokenize('Kỹ sư', { loose: true })).to.deep.equal(['ki', 'su']);
  });
});

describe('text: normalizeVi', () => {
  it('moves the tone of open oa/oe/uy syllables to the first vowel', () => {
    expect(normalizeVi('hoà')).to.equal('hòa');
    expect(normalizeVi('Khánh Hoà')).to.equal('Khánh Hòa');
    expect(normalizeVi('khoẻ')).to.equal('khỏe');
    expect(normalizeVi('thuỷ')).to.equal('thủy');
    expect(normalizeVi('tuỳ')).to.equal('tùy');
    expect(normalizeVi('HOÀ')).to.equal('HÒA');
    expect(normalizeVi('xoá')).to.equal('xóa');
    expect(normalizeVi('oạ')).to.equal('ọa');
    expect(normalizeVi('uỹ')).to.equal('ũy');
    expect(normalizeVi('uỵ')).to.equal('ụy');
  });

  it('leaves closed syllables, qu- and other vowels alone', () => {
    for (const w of ['hoàng', 'hoạch', 'quý', 'Quỳnh', 'hoặc', 'khuyến', 'ngoèo', 'thuế', 'hòa', 'Nguyễn']) {
      expect(normalizeVi(w), w).to.equal(w.normalize('NFC'));
    }
  });

  it('returns NFC and is idempotent (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const n = normalizeVi(s);
        expect(n).to.equal(n.normalize('NFC'));
        expect(normalizeVi(n)).to.equal(n);
      }),
      { numRuns: 300 },
    );
  });
});
