/**
 * Relevance of the procedure search on the REAL national catalog (packages/server/data/
 * procedures.json, 2,849 procedures): citizen-style queries — no accents, abbreviations, filler
 * words, Telex residue, typos, colloquial names, codes — each with the procedure it must return in
 * its top 3. Most run over what a commune one-stop office handles (commune level, without the
 * customs and tax offices that the portal also labels "Cấp xã"), as a commune portal would; a few
 * run over the whole catalog, as a province portal would.
 *
 * Expected codes were found by reading the data (grep), not by running the engine.
 */
import { expect } from '@open-wc/testing';
import { createProcedureSearch, type ProcedureSearch } from '@dvc-widgets/core/search';

interface RawProcedure {
  code: string;
  name: string;
  field: string;
  levels: string[];
  channels: { channel: string }[];
}
interface Doc {
  code: string;
  name: string;
  field: string;
  levels: string[];
  onlineLevel: null;
  channels: string[];
}

const LEVEL: Record<string, string> = { 'Cấp xã': 'commune', 'Cấp tỉnh': 'province', 'Cấp bộ': 'ministry', 'Cơ quan khác': 'other' };
const CHANNEL: Record<string, string> = { 'Trực tiếp': 'in_person', 'Trực tuyến': 'online', 'Dịch vụ bưu chính': 'post' };
const NOT_COMMUNE_OFFICE = ['Hải quan', 'Thuế'];

/** [query as a citizen types it, code that must be in the top 3]. */
const COMMUNE_CASES: ReadonlyArray<readonly [string, string]> = [
  // Birth registration (Hộ tịch)
  ['dk khai sinh', '1.001193'],
  ['khai sinh', '1.001193'],
  ['Đăng ký khai sinh', '1.001193'],
  ['DANG KY KHAI SINH', '1.001193'],
  ['lam giay khai sinh', '1.001193'],
  ['ddawng kys khai sinh', '1.001193'], // Telex with the input method off
  ['dang ky khai sinnh', '1.001193'], // typo
  ['1.001193', '1.001193'], // exact code
  ['001193', '1.001193'], // partial code
  ['dk lai khai sinh', '1.004884'],
  ['ban sao giay khai sinh', '2.000635'],
  ['trich luc ho tich', '2.000635'],
  // Marriage, death, guardianship, parentage
  ['ket hon', '1.000894'],
  ['dk ket hon', '1.000894'],
  ['dang ki ket hon', '1.000894'], // i/y
  ['ket hon voi nguoi nuoc ngoai', '2.000806'],
  ['khai tu', '1.000656'],
  ['khai tu mat bn tien', '1.000656'], // filler: how much does it cost
  ['bao tu', '1.000656'], // colloquial
  ['giam ho', '1.004837'],
  ['dk giam ho', '1.004837'],
  ['nhan cha me con', '1.001022'],
  ['nhan con', '1.001022'],
  // Certification (Chứng thực)
  ['chung thuc ban sao', '2.000815'],
  ['cong chung giay to', '2.000815'], // what citizens call it
  ['photo cong chung', '2.000815'],
  ['sao y ban chinh', '2.000815'],
  ['chung thuc chu ky', '2.000884'],
  ['chuwngs thuwcj chuwx kys', '2.000884'], // Telex
  ['chung thuc di chuc', '2.001019'],
  ['tu choi nhan di san', '2.001016'],
  ['phan chia di san', '2.001406'],
  // Residence (cư trú; hộ khẩu was abolished but is still what people say)
  ['dk tam tru', '1.004194'],
  ['dk tam tru can j', '1.004194'],
  ['dang ky tam tru online dc ko', '1.004194'],
  ['thuong tru', '1.004222'],
  ['thuong tru online dc ko', '1.004222'],
  ['nhap ho khau', '1.004222'],
  ['cat ho khau', '1.003197'],
  ['tach khau', '1.010038'],
  ['xoa tam tru', '1.010028'],
  ['khai bao tam vang', '1.003677'],
  ['gia han tam tru', '1.002755'],
  ['xac nhan cu tru', '1.010041'],
  // Land (sổ đỏ / sổ hồng = the land-use right certificate)
  ['so do', '1.013978'],
  ['sổ đỏ', '1.013978'],
  ['lam so do', '1.013978'],
  ['so hong', '1.013978'],
  ['cap gcn qsdd', '1.013978'],
  // Identity card, business, building, military service
  ['cap doi cccd', '1.014063'],
  ['lam lai cccd', '1.014064'],
  ['lam cccd cho con duoi 14 tuoi', '1.014062'],
  ['mat can cuoc', '1.014064'],
  ['thanh lap ho kinh doanh', '1.001612'],
  ['mo quan', '1.001612'],
  ['cham dut ho kinh doanh', '1.001266'],
  ['xin phep xay nha', '1.013225'],
  ['giay phep xay dung', '1.013225'],
  ['dk nghia vu quan su', '1.013133'],
];

/** Over the whole catalog (all levels), as a province or national portal would search. */
const NATIONAL_CASES: ReadonlyArray<readonly [string, string]> = [
  ['lltp', '3.000333'],
  ['cap phieu ly lich tu phap', '3.000333'],
  ['bang lai xe', '3.000346'],
  ['doi gplx', '3.000347'],
  ['cap ho chieu', '1.001456'],
  ['1.012753', '1.012753'],
];

let docs: Doc[];
let commune: ProcedureSearch<Doc>;
let national: ProcedureSearch<Doc>;

describe('search relevance on the real catalog', () => {
  before(async () => {
    const response = await fetch('/packages/server/data/procedures.json');
    expect(response.ok, 'packages/server/data/procedures.json is served').to.equal(true);
    const raw = (await response.json()) as RawProcedure[];
    docs = raw.map((p) => ({
      code: p.code,
      name: p.name,
      field: p.field,
      levels: p.levels.map((l) => LEVEL[l] ?? 'other'),
      onlineLevel: null,
      channels: p.channels.map((c) => CHANNEL[c.channel] ?? c.channel),
    }));
    expect(docs.length).to.be.greaterThan(2000);
    national = createProcedureSearch(docs);
    commune = createProcedureSearch(docs.filter((d) => d.levels.includes('commune') && !NOT_COMMUNE_OFFICE.includes(d.field)));
  });

  it('has at least 30 commune-level cases whose expected codes exist in the data', () => {
    expect(COMMUNE_CASES.length).to.be.at.least(30);
    for (const [q, code] of COMMUNE_CASES) {
      expect(commune.search(code).map((h) => h.item.code), `${q}: ${code} is a commune procedure`).to.include(code);
    }
  });

  for (const [query, code] of COMMUNE_CASES) {
    it(`commune: "${query}" → ${code} in the top 3`, () => {
      const top = commune.search(query, { limit: 3 }).map((h) => `${h.item.code} ${h.item.name.slice(0, 60)}`);
      expect(top.map((t) => t.slice(0, 8)), top.join(' | ')).to.include(code);
    });
  }

  for (const [query, code] of NATIONAL_CASES) {
    it(`whole catalog: "${query}" → ${code} in the top 3`, () => {
      const top = national.search(query, { limit: 3 }).map((h) => `${h.item.code} ${h.item.name.slice(0, 60)}`);
      expect(top.map((t) => t.slice(0, 8)), top.join(' | ')).to.include(code);
    });
  }

  it('puts an exact code first, before procedures that merely contain its digits', () => {
    expect(national.search('1.001193', { limit: 1 })[0]!.item.code).to.equal('1.001193');
  });

  it('ranks a page (limit) exactly like the whole list, for every keystroke of citizen queries', () => {
    // searchPage scores in full only what can reach the page: it must not change a single hit,
    // score or highlighted term, nor the count, on the real catalog where the bounds are tight.
    const queries = [...COMMUNE_CASES.map(([q]) => q), 'so do', 'thuong tru online dc ko', 'giay phep xay dung', 'cap doi cccd', 'Nguyeenx'];
    for (const engine of [national, commune]) {
      for (const q of queries) {
        for (let n = 1; n <= q.length; n++) {
          const prefix = q.slice(0, n);
          const all = engine.search(prefix);
          const page = engine.searchPage(prefix, { limit: 20 });
          expect(page.total, prefix).to.equal(all.length);
          expect(page.hits, prefix).to.deep.equal(all.slice(0, 20));
        }
      }
    }
  });

  it('scores the word being typed on the other words\' candidates exactly as on the whole catalog', () => {
    // Typed char by char, the last word of each query is scored on the procedures that have the
    // other words only; a fresh engine (nothing remembered) scores every word on everything.
    for (const q of ['chung thuc ban sao', 'dang ky tam tru', 'cap doi cccd', 'giay phep xay dung', 'dk khai sinh', 'khai tu mat bn tien', 'ho tich trich luc']) {
      const typed = createProcedureSearch(docs);
      for (let n = 1; n < q.length; n++) typed.search(q.slice(0, n));
      expect(typed.search(q), q).to.deep.equal(createProcedureSearch(docs).search(q));
    }
  });

  it('does not invent matches for words the catalog does not have', () => {
    expect(commune.search('qwxz zzyq')).to.deep.equal([]);
  });
});
