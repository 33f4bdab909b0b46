import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  countFacets,
  createProcedureSearch,
  createProcedureSearchAsync,
  expandProcedureIndex,
  expandQuery,
  matchesFilter,
  SEARCH_SYNONYMS,
  stripTelex,
  type ProcedureSearchDoc,
} from '../src/search.js';
import { fold, foldLoose } from '../src/text.js';

/* Real names and codes from the national catalog (packages/server/data/procedures.json). */
const P = (code: string, name: string, field: string, levels: string[] = ['commune'], channels: string[] = ['in_person', 'online']): ProcedureSearchDoc & { levels: string[]; channels: string[] } => ({
  code,
  name,
  field,
  levels,
  onlineLevel: null,
  channels,
});
const items = [
  P('1.001193', 'Thủ tục đăng ký khai sinh', 'Hộ tịch'),
  P('1.004884', 'Thủ tục đăng ký lại khai sinh', 'Hộ tịch'),
  P('2.000528', 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài', 'Hộ tịch', ['commune', 'province']),
  P('1.000894', 'Thủ tục đăng ký kết hôn', 'Hộ tịch'),
  P('1.000656', 'Thủ tục đăng ký khai tử', 'Hộ tịch'),
  P('1.004837', 'Thủ tục đăng ký giám hộ', 'Hộ tịch'),
  P('1.001022', 'Thủ tục đăng ký nhận cha, mẹ, con', 'Hộ tịch'),
  P('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận', 'Chứng thực', ['commune', 'province'], ['in_person']),
  P('2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực', ['commune'], ['in_person']),
  P('1.004194', 'Đăng ký tạm trú', 'Đăng ký, quản lý cư trú'),
  P('1.004222', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú'),
  P('1.003197', 'Xóa đăng ký thường trú', 'Đăng ký, quản lý cư trú'),
  P('1.013978', 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân', 'Đất đai'),
  P('1.014063', 'Cấp đổi thẻ căn cước', 'Cấp, quản lý căn cước'),
  P('1.002759', 'Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT', 'Cấp sổ BHXH, thẻ BHYT'),
  P('1.013225', 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ', 'Hoạt động xây dựng', ['commune', 'other']),
  P('2.001600', 'Thẩm định kỹ thuật hồ sơ đề nghị hỗ trợ', 'Nông nghiệp', ['province']),
  P('1.008888', 'Đăng ký hoạt động hoà giải ở cơ sở', 'Hòa giải ở cơ sở'),
];
const search = createProcedureSearch(items);
const codes = (q: string, n = 3) => search.search(q, { limit: n }).map((h) => h.item.code);
const first = (q: string) => codes(q, 1)[0];

describe('search: expandQuery', () => {
  it('folds and expands abbreviations, keeping the typed form as an alternative', () => {
    const { groups } = expandQuery('dk khai sinh');
    expect(groups.map((g) => g.alternatives)).to.deep.equal([[['dk'], ['dang', 'ky']], [['khai']], [['sinh']]]);
  });

  it('drops filler words and phrases (what to bring, cost, can I, online)', () => {
    expect(expandQuery('dk tam tru can j').groups.map((g) => g.typed.join(' '))).to.deep.equal(['dk', 'tam', 'tru']);
    expect(expandQuery('thuong tru online dc ko').groups.map((g) => g.typed.join(' '))).to.deep.equal(['thuong', 'tru']);
    expect(expandQuery('khai tu mat bn tien').groups.map((g) => g.typed.join(' '))).to.deep.equal(['khai tu']);
  });

  it('keeps a query made only of filler words rather than searching for nothing', () => {
    expect(expandQuery('thủ tục').groups.map((g) => g.typed[0])).to.deep.equal(['thu', 'tuc']);
  });

  it('prefers a dictionary phrase over filler on a tie ("so hong" is sổ hồng)', () => {
    const [group] = expandQuery('sổ hồng').groups;
    expect(group!.typed).to.deep.equal(['so', 'hong']);
    expect(group!.alternatives.map((a) => a.join(' '))).to.include('giay chung nhan quyen su dung dat');
  });

  it('maps colloquial names (sổ đỏ) to the official wording', () => {
    const [group] = expandQuery('làm sổ đỏ').groups;
    expect(group!.alternatives.map((a) => a.join(' ')).join('|')).to.contain('giay chung nhan quyen su dung dat');
  });

  it('pulls procedure codes and code fragments out of the query', () => {
    expect(expandQuery('1.001193').codes).to.deep.equal(['1.001193']);
    expect(expandQuery('thu tuc 001193').codes).to.deep.equal(['001193']);
    expect(expandQuery('1.012753.h19').codes).to.deep.equal(['1.012753.H19']);
    expect(expandQuery('khai sinh').codes).to.deep.equal([]);
  });

  it('repairs Telex typed with the input method off', () => {
    expect(expandQuery('Nguyeenx').groups[0]!.typed).to.deep.equal(['nguyen']);
    expect(expandQuery('ddawng kys khai sinh').groups.map((g) => g.typed[0])).to.deep.equal(['dang', 'ky', 'khai', 'sinh']);
  });

  it('has a dictionary of folded keys and meanings only', () => {
    for (const [key, meanings] of SEARCH_SYNONYMS) {
      expect(fold(key), key).to.equal(key);
      for (const m of meanings) expect(fold(m), m).to.equal(m);
    }
  });
});

describe('search: stripTelex', () => {
  it('removes tone keys and doubled vowels only when that yields a syllable', () => {
    expect(stripTelex('nguyeenx')).to.equal('nguyen');
    expect(stripTelex('ddaats')).to.equal('dat');
    expect(stripTelex('thuowngf')).to.equal('thuong');
    expect(stripTelex('khai')).to.equal('khai');
    expect(stripTelex('cccd')).to.equal('cccd');
    expect(stripTelex('bhxh')).to.equal('bhxh');
  });
});

describe('search: createProcedureSearch', () => {
  it('finds procedures typed without diacritics, with đ as d', () => {
    expect(first('dang ky khai sinh')).to.equal('1.001193');
    expect(first('Đăng ký kết hôn')).to.equal('1.000894');
    expect(first('DANG KY KHAI TU')).to.equal('1.000656');
  });

  it('matches both tone placements and i/y spelling variants', () => {
    expect(first('hòa giải')).to.equal('1.008888');
    expect(first('hoà giải')).to.equal('1.008888');
    expect(first('thẩm định kĩ thuật')).to.equal('2.001600');
    expect(first('dang ki ket hon')).to.equal('1.000894');
  });

  it('expands abbreviations and colloquial names', () => {
    expect(first('dk khai sinh')).to.equal('1.001193');
    expect(first('dk tam tru can j')).to.equal('1.004194');
    expect(first('so do')).to.equal('1.013978');
    expect(first('cccd')).to.equal('1.014063');
    expect(first('bhxh')).to.equal('1.002759');
    expect(codes('hk')).to.include('1.004222');
  });

  it('ranks the exact procedure before its variants', () => {
    expect(codes('khai sinh', 3)[0]).to.equal('1.001193');
    expect(first('dang ky thuong tru')).to.equal('1.004222');
  });

  it('puts an exact code first, and finds partial codes', () => {
    expect(first('1.001193')).to.equal('1.001193');
    expect(first('001193')).to.equal('1.001193');
    expect(codes('1.0048', 5)).to.have.members(['1.004884', '1.004837']);
  });

  it('tolerates a typo in a long word but does not fuzz short syllables', () => {
    expect(first('khai sinnh')).to.equal('1.001193');
    expect(first('chungg thuc chu ky')).to.equal('2.000884');
    // "tam" must not match "tạm" AND "tân"/"tài": only the tạm trú procedure has it.
    expect(codes('tam tru', 5)).to.deep.equal(['1.004194']);
  });

  it('searches as you type: the last word is a prefix', () => {
    expect(first('dang ky khai si')).to.equal('1.001193');
    expect(first('chung thuc ban s')).to.equal('2.000815');
  });

  it('returns matched folded terms for highlighting', () => {
    const [hit] = search.search('đăng ký khai sinh', { limit: 1 });
    expect(hit!.terms).to.include.members(['dang', 'ki', 'khai', 'sinh']);
    for (const t of hit!.terms) expect(foldLoose(t)).to.equal(t);
  });

  it('filters by facet or predicate and applies the limit', () => {
    const byField = search.search('dang ky', { filter: { field: 'Đất đai' } });
    expect(byField.map((h) => h.item.code)).to.deep.equal(['1.013978']);
    const byLevel = search.search('khai sinh', { filter: { level: 'province' } });
    expect(byLevel.map((h) => h.item.code)).to.deep.equal(['2.000528']);
    const byChannel = search.search('chung thuc', { filter: { channel: 'online' } });
    expect(byChannel).to.have.length(0);
    const byPredicate = search.search('khai sinh', { filter: (i) => i.code.startsWith('2.') });
    expect(byPredicate.map((h) => h.item.code)).to.deep.equal(['2.000528']);
    expect(search.search('dang ky', { limit: 2 })).to.have.length(2);
  });

  it('reads the query the same with or without a filter', () => {
    // "001193" is the code of 1.001193 only: once the filter rejects that procedure, the rest of
    // the query ("khai sinh") still finds the other birth registrations, not a partial match.
    const notIt = (i: ProcedureSearchDoc) => i.code !== '1.001193';
    for (const q of ['001193 khai sinh', '1.00 dk', 'dang ky', 'khai sinh cho meo', '']) {
      for (const filter of [notIt, { field: 'Hộ tịch' }, { level: 'province' }]) {
        const expected = search.search(q).filter((h) => (typeof filter === 'function' ? filter(h.item) : matchesFilter(h.item, filter)));
        expect(search.search(q, { filter }), `${q} ${JSON.stringify(filter)}`).to.deep.equal(expected);
      }
    }
    expect(codes('001193 khai sinh', 5)[0]).to.equal('1.001193');
    const [other] = search.search('001193 khai sinh', { filter: notIt });
    expect(other!.partial).to.equal(undefined);
  });

  it('gives one page of hits with the total and, on demand, every match for facet counts', () => {
    for (const q of ['dang ky', 'dk', 'khai sinh', 'chung thuc', 'dang ky khai s', 'khai sinh cho meo', '1.00', '001193 khai sinh', '', 'xyzzy']) {
      for (const filter of [undefined, { field: 'Hộ tịch' }, { level: 'province' }, { channel: 'online' }]) {
        const all = search.search(q, { filter });
        for (const limit of [0, 1, 3, 20]) {
          const page = search.searchPage(q, { filter, limit });
          expect(page.hits, `${q} ${JSON.stringify(filter)} ${limit}`).to.deep.equal(all.slice(0, limit));
          expect(page.total).to.equal(all.length);
          expect(search.search(q, { filter, limit })).to.deep.equal(page.hits);
          const matched = page.matched().map((i) => i.code);
          expect(matched.sort()).to.deep.equal(search.search(q).map((h) => h.item.code).sort());
        }
      }
    }
  });

  it('returns every (filtered) item in catalog order for an empty query', () => {
    expect(search.search('')).to.have.length(items.length);
    expect(search.search('  ', { filter: { field: 'Chứng thực' } }).map((h) => h.item.code)).to.deep.equal([
      '2.000815',
      '2.000884',
    ]);
    expect(search.size).to.equal(items.length);
  });

  it('falls back to items matching some of the words, marked partial', () => {
    const hits = search.search('khai sinh cho meo');
    expect(hits[0]!.item.code).to.equal('1.001193');
    expect(hits.every((h) => h.partial === true)).to.equal(true);
    expect(search.search('khai sinh')[0]!.partial).to.equal(undefined);
  });

  it('builds the same index in slices with createProcedureSearchAsync', async () => {
    const sliced = await createProcedureSearchAsync(items, { chunkSize: 4 });
    for (const q of ['dk khai sinh', 'so do', '001193', 'chung thuc ban s', 'hoà giải']) {
      expect(sliced.search(q).map((h) => [h.item.code, h.score])).to.deep.equal(search.search(q).map((h) => [h.item.code, h.score]));
    }
  });

  it('takes a portal\'s own synonyms on top of the built-in ones', () => {
    const local = createProcedureSearch(items, { synonyms: [['giấy tạm trú', ['đăng ký tạm trú']]] });
    expect(local.search('giay tam tru', { limit: 1 })[0]!.item.code).to.equal('1.004194');
    expect(local.search('dk khai sinh', { limit: 1 })[0]!.item.code).to.equal('1.001193');
    expect(expandQuery('giấy tạm trú', { synonyms: [['giay tam tru', ['dang ky tam tru']]] }).groups[0]!.alternatives).to.deep.equal([
      ['giay', 'tam', 'tru'],
      ['dang', 'ky', 'tam', 'tru'],
    ]);
  });

  it('returns nothing for words the catalog does not have', () => {
    expect(search.search('xyzzy qwerty')).to.deep.equal([]);
  });

  it('gives the same hits whatever the case, composition or accents of the query', () => {
    const queries = ['đăng ký khai sinh', 'chứng thực bản sao', 'tạm trú', 'kết hôn', 'giám hộ'];
    fc.assert(
      fc.property(fc.constantFrom(...queries), fc.constantFrom('NFC', 'NFD'), fc.boolean(), fc.boolean(), (q, form, upper, strip) => {
        let variant = q.normalize(form as 'NFC' | 'NFD');
        if (upper) variant = variant.toUpperCase();
        if (strip) variant = fold(variant);
        const a = search.search(q).map((h) => h.item.code);
        const b = search.search(variant).map((h) => h.item.code);
        expect(b).to.deep.equal(a);
      }),
      { numRuns: 60 },
    );
  });
});

describe('search: facets and the compact index', () => {
  it('counts each facet over the items passing the other facets', () => {
    const counts = countFacets(items, { field: 'Chứng thực' });
    expect(counts.field.get('Hộ tịch')).to.equal(7);
    expect(counts.level.get('commune')).to.equal(2);
    expect(counts.level.get('province')).to.equal(1);
    expect(counts.channel.get('online')).to.equal(undefined);
  });

  it('matchesFilter needs every given facet', () => {
    expect(matchesFilter(items[0]!, { field: 'Hộ tịch', level: 'commune' })).to.equal(true);
    expect(matchesFilter(items[0]!, { field: 'Hộ tịch', level: 'province' })).to.equal(false);
    expect(matchesFilter(items[0]!, undefined)).to.equal(true);
  });

  it('expands ProcedureIndex items (short keys, field indices)', () => {
    const expanded = expandProcedureIndex({
      fields: ['Hộ tịch', 'Chứng thực'],
      items: [{ c: '2.000884', n: 'Chứng thực chữ ký', f: 1, l: ['commune'], o: 'partial', ch: ['in_person'] }],
    });
    expect(expanded).to.deep.equal([
      { code: '2.000884', name: 'Chứng thực chữ ký', field: 'Chứng thực', levels: ['commune'], onlineLevel: 'partial', channels: ['in_person'] },
    ]);
    expect(createProcedureSearch(expanded).search('chung thuc chu ky')[0]!.item.code).to.equal('2.000884');
  });
});
