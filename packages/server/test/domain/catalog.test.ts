import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ProcedureDetail } from '@dvc-widgets/contract';
import { demoOnlineLevel, loadCatalog } from '../../src/domain/index.js';
import {
  cleanProcedureName,
  parseDocuments,
  parseFeeAmount,
  parseLegalBasis,
  parseResult,
  parseSteps,
  parseWorkingDays,
} from '../../src/domain/parse.js';
import { loadRawDetails } from '../../src/domain/catalog.js';

const catalog = loadCatalog();
const get = (code: string) => {
  const p = catalog.byCode.get(code);
  assert.ok(p, code);
  return p;
};

test('all 2,849 procedures parse as contract ProcedureDetail', () => {
  assert.equal(catalog.procedures.length, 2849);
  assert.equal(catalog.byCode.size, 2849);
  for (const p of catalog.procedures) z.parse(ProcedureDetail, p);
  assert.equal(loadCatalog(), catalog, 'memoised');
});

test('names lose the stray punctuation the crawl left at either end', () => {
  // The raw data has ". Thủ tục chấp thuận…" (2.000733), ". Đăng ký thuế…" (2.002321) and ~100 names ending in ".".
  const stray = /^[\s.,;:\-–—]|[\s.,;:\-–—]$/u;
  const bad = catalog.procedures.filter((p) => stray.test(p.name)).map((p) => `${p.code} ${p.name}`);
  assert.deepEqual(bad, []);
  assert.match(get('2.000733').name, /^Thủ tục chấp thuận và sửa đổi, bổ sung giấy phép/);
  assert.match(get('2.002321').name, /^Đăng ký thuế đối với trường hợp chuyển đổi mô hình hoạt động/);
  assert.equal(get('1.013950').name, 'Chuyển hình thức giao đất, cho thuê đất');
  assert.equal(cleanProcedureName(' . ; Tiêu hủy biên lai. '), 'Tiêu hủy biên lai');
  // Content at the ends stays: brackets, quotes, inner punctuation.
  assert.equal(cleanProcedureName('Cấp giấy phép (cấp tỉnh)'), 'Cấp giấy phép (cấp tỉnh)');
  assert.equal(cleanProcedureName('"Đăng ký" lại, cấp đổi'), '"Đăng ký" lại, cấp đổi');
});

test('levels and channels are mapped, online level never invented', () => {
  const levels = new Set(catalog.procedures.flatMap((p) => p.levels));
  assert.deepEqual([...levels].sort(), ['commune', 'ministry', 'other', 'province']);
  assert.equal(catalog.procedures.filter((p) => p.levels.includes('commune')).length, 673);
  assert.ok(catalog.procedures.every((p) => p.onlineLevel === null));
  const khaiSinh = get('1.001193');
  assert.deepEqual(khaiSinh.levels, ['commune']);
  assert.equal(khaiSinh.field, 'Hộ tịch');
  assert.deepEqual([...khaiSinh.channels].sort(), ['in_person', 'online', 'post']);
  assert.match(khaiSinh.nationalPortalUrl ?? '', /^https:\/\/dichvucong\.gov\.vn\//);
  // Defence records have no portal URL in the source.
  assert.ok(catalog.procedures.some((p) => p.nationalPortalUrl === null && p.issuingBody === 'Bộ Quốc phòng'));
  assert.ok(catalog.fields.includes('Hộ tịch') && catalog.fields.includes('Chứng thực'));
});

test('processing time → working days only where unambiguous', () => {
  assert.equal(parseWorkingDays('5 Ngày làm việc'), 5);
  assert.equal(parseWorkingDays('07 Ngày làm việc'), 7);
  assert.equal(parseWorkingDays('8 Giờ'), 1);
  assert.equal(parseWorkingDays('1 Giờ'), 0.125);
  assert.equal(parseWorkingDays('01 Giờ'), 0.125);
  assert.equal(parseWorkingDays('24 Giờ'), null);
  assert.equal(parseWorkingDays('15 Ngày'), null);
  assert.equal(parseWorkingDays('1'), null);
  assert.equal(parseWorkingDays('Không quy định'), null);
  assert.equal(parseWorkingDays(null), null);
  // Đăng ký thường trú: "7 Ngày làm việc" online and in person.
  assert.deepEqual(get('1.004222').channelDetails.map((c) => c.workingDays), [7, 7]);
});

test('fee → VND only where unambiguous', () => {
  assert.equal(parseFeeAmount('Miễn phí'), 0);
  assert.equal(parseFeeAmount('10,000 Việt Nam Đồng'), 10000);
  assert.equal(parseFeeAmount('1,500,000 VNĐ'), 1500000);
  assert.equal(parseFeeAmount('Phí : 0 Đồng'), 0);
  assert.equal(parseFeeAmount('Phí : Không Đồng'), 0);
  assert.equal(parseFeeAmount('Phí : 50.000 Đồng'), 50000);
  assert.equal(parseFeeAmount('20 VNĐ'), null, 'crawl dropped the thousands');
  assert.equal(parseFeeAmount('10 USD'), null);
  assert.equal(parseFeeAmount('Phí : 50.000 Đồng (50.000 đồng/hồ sơ. Riêng sơ tuyển…)'), null);
  assert.equal(parseFeeAmount(null), null);
  // 1.004222: online 10,000, in person 20,000 (channels differ).
  const fees = get('1.004222').channelDetails.map((c) => [c.channel, c.feeAmount]);
  assert.ok(fees.some(([ch, fee]) => ch === 'online' && fee === 10000), JSON.stringify(fees));
  assert.ok(fees.some(([ch, fee]) => ch === 'in_person' && fee === 20000), JSON.stringify(fees));
});

test('1.001193 đăng ký khai sinh: steps, documents, legal basis, result', () => {
  const p = get('1.001193');
  // The published steps are 11 "- " paragraphs (continuation lines stay with their step).
  assert.equal(p.steps.length, 11);
  assert.match(p.steps[0]!, /^Nếu lựa chọn hình thức nộp hồ sơ trực tiếp/);
  assert.match(p.steps[2]!, /^Cán bộ tiếp nhận hồ sơ/);
  assert.match(p.steps[2]!, /\(iii\) Trường hợp người yêu cầu/);
  assert.deepEqual(
    p.documents.map((g) => [g.title, g.items.length]),
    [
      ['Giấy tờ phải nộp', 5],
      ['Giấy tờ phải xuất trình', 6],
      ['Lưu ý', 19],
      [null, 3],
    ],
  );
  const submit = p.documents[0]!.items;
  assert.match(submit[0]!.name, /^Trường hợp trẻ em bị bỏ rơi thì phải có biên bản/);
  assert.equal(submit[0]!.originals, 1);
  assert.match(submit[4]!.name, /^Giấy chứng sinh; trường hợp không có Giấy chứng sinh/);
  assert.equal(submit[4]!.originals, 1);
  assert.equal(submit[4]!.copies, null);
  assert.match(p.documents[3]!.items[1]!.name, /^Tờ khai đăng ký khai sinh theo mẫu/);
  assert.equal(p.documentsRaw, null, 'parsed without guessing');
  assert.equal(p.legalBasis.length, 15);
  assert.deepEqual(p.legalBasis.slice(0, 3).map((l) => l.number), ['85/2019/TT-BTC', '104/2022/NĐ-CP', '123/2015/NĐ-CP']);
  assert.equal(p.legalBasis[2]!.title.startsWith('Nghị định số 123/2015/NĐ-CP ngày 15/11/2015'), true);
  assert.ok(p.legalBasis.some((l) => l.number === '66.7/2025/NQ-CP'));
  assert.ok(p.legalBasis.some((l) => l.number === '60/2014/QH13' && l.title === 'Luật 60/2014/QH13'));
  assert.equal(p.legalBasis.find((l) => l.number === '03/2023/TT-BTP')!.title, 'Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp');
  assert.equal(p.legalBasisRaw, null);
  assert.equal(p.result, 'Giấy khai sinh');
  assert.equal(p.subjects, 'Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài');
});

test('2.000815 chứng thực bản sao: "+ " steps, one document, six legal documents', () => {
  const p = get('2.000815');
  assert.equal(p.steps.length, 8);
  assert.match(p.steps[2]!, /\* Ghi đầy đủ lời chứng/, 'sub-items stay inside their step');
  assert.deepEqual(p.documents.map((g) => [g.title, g.items.length]), [[null, 1]]);
  assert.match(p.documents[0]!.items[0]!.name, /^Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao/);
  assert.equal(p.documents[0]!.items[0]!.originals, 1);
  assert.deepEqual(
    p.legalBasis.map((l) => l.number),
    ['264/2016/TT-BTC', '23/2015/NĐ-CP', '257/2016/TT-BTC', '280/2025/NĐ-CP', '01/2020/TT-BTP', '226/2016/TT-BTC'],
  );
  assert.equal(p.result, 'Bản sao được chứng thực từ bản chính');
  assert.match(p.requirements ?? '', /^Bản chính giấy tờ, văn bản cần chứng thực/);
});

test('1.000894 đăng ký kết hôn', () => {
  const p = get('1.000894');
  assert.equal(p.steps.length, 6);
  assert.deepEqual(
    p.documents.map((g) => [g.title, g.items.length]),
    [
      ['Giấy tờ phải xuất trình', 6],
      ['Lưu ý', 14],
      [null, 3],
    ],
  );
  assert.match(p.documents[2]!.items[2]!.name, /^Tờ khai đăng ký kết hôn theo mẫu/);
  assert.equal(p.legalBasis.length, 16);
  assert.ok(p.legalBasis.some((l) => l.number === '52/2014/QH13' && l.title === 'Luật 52/2014/QH13'));
  assert.equal(p.result, 'Giấy chứng nhận kết hôn');
});

test('parsers on small inputs', () => {
  assert.deepEqual(parseSteps('Bước 1: Nộp hồ sơ\nchi tiết\nBước 2: Nhận kết quả'), ['Bước 1: Nộp hồ sơ\nchi tiết', 'Bước 2: Nhận kết quả']);
  assert.deepEqual(parseSteps('Một đoạn văn không đánh số.'), ['Một đoạn văn không đánh số.']);
  assert.deepEqual(parseSteps(null), []);
  const docs = parseDocuments('--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Đơn đề nghị1 bản chính,1 bản sao- Sổ hộ khẩu01 bản sao');
  assert.deepEqual(docs.groups, [
    {
      title: null,
      items: [
        { name: 'Đơn đề nghị', form: null, originals: 1, copies: 1 },
        { name: 'Sổ hộ khẩu', form: null, originals: null, copies: 1 },
      ],
    },
  ]);
  assert.equal(docs.lossy, false);
  // A form number glued to the count cannot be split without guessing.
  const glued = parseDocuments('--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai theo Mẫu 031 bản chính');
  assert.equal(glued.lossy, true);
  assert.equal(glued.groups[0]!.items[0]!.originals, null);
  const withForm = parseDocuments('--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo quy địnhMau13.docx1 bản chính');
  assert.equal(withForm.groups[0]!.items[0]!.form, 'Mau13.docx');
  assert.equal(withForm.groups[0]!.items[0]!.name, 'Đơn đề nghị theo quy định');
  assert.equal(withForm.lossy, true, 'a file name boundary is a guess: raw text kept');
  const legal = parseLegalBasis('Tên văn bản pháp lýMã văn bảnLuật Cư trú68/2020/QH14Nghị định 154/2024/NĐ-CP hướng dẫn154/2024/NĐ-CP');
  assert.deepEqual(legal.entries, [
    { number: '68/2020/QH14', title: 'Luật Cư trú' },
    { number: '154/2024/NĐ-CP', title: 'Nghị định 154/2024/NĐ-CP hướng dẫn' },
  ]);
  assert.equal(legal.lossy, false);
  // Real glitches: a year glued to the number, a lost space inside a title, "QĐ-TTg" repeated.
  assert.deepEqual(
    parseLegalBasis(
      'Tên văn bản pháp lýMã văn bảnThông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an.53/2025/TT-BCALuật Cư trú 202068/2020/QH14Quyết định số 09/2023/QĐ-TTg09/2023/QĐ-TTg',
    ).entries.map((e) => e.number),
    ['53/2025/TT-BCA', '68/2020/QH14', '09/2023/QĐ-TTg'],
  );
  assert.equal(parseResult('Giấy khai sinhMã: KQ.G15.000031'), 'Giấy khai sinh');
  assert.equal(parseResult('Trích lụcMã: KQ.G15.1Bản saoMã: KQ.G15.2'), 'Trích lục; Bản sao');
});

test('coverage of the 353 commune detail records (reported figures)', () => {
  const codes = loadRawDetails().map((d) => d.code);
  assert.equal(codes.length, 353);
  const detailed = codes.map(get);
  const withDocs = detailed.filter((p) => p.documents.some((g) => g.items.length > 0)).length;
  const withLegal = detailed.filter((p) => p.legalBasis.length > 0).length;
  const withSteps = detailed.filter((p) => p.steps.length > 0).length;
  // Figures measured on the shipped data; a parser regression shows up here.
  assert.ok(withDocs >= 330, `documents: ${withDocs}`);
  assert.ok(withLegal >= 350, `legal basis: ${withLegal}`);
  assert.ok(withSteps >= 340, `steps: ${withSteps}`);
  // Whatever could not be parsed into at least one item keeps its raw text.
  for (const raw of loadRawDetails()) {
    const p = get(raw.code);
    if (raw.documentsRaw !== null && p.documents.length === 0) assert.equal(p.documentsRaw, raw.documentsRaw, raw.code);
    if (raw.legalBasisRaw !== null && p.legalBasis.length === 0) assert.equal(p.legalBasisRaw, raw.legalBasisRaw, raw.code);
  }
});

test('demo online level: partial only where an online channel is published, never full', () => {
  assert.equal(demoOnlineLevel(get('1.001193')), 'partial');
  const inPersonOnly = catalog.procedures.find((p) => !p.channels.includes('online'))!;
  assert.equal(demoOnlineLevel(inPersonOnly), null);
  assert.ok(catalog.procedures.every((p) => demoOnlineLevel(p) !== 'full'));
});

test('steps split on the first line’s opener: "a)", "* ", "1. "', () => {
  assert.deepEqual(parseSteps('a) Nộp hồ sơ:\n- tại Bộ phận Một cửa\nb) Giải quyết\nc) Trả kết quả'), [
    'a) Nộp hồ sơ:\n- tại Bộ phận Một cửa',
    'b) Giải quyết',
    'c) Trả kết quả',
  ]);
  assert.deepEqual(parseSteps('* Trực tiếp: nộp tại quầy\n* Trực tuyến: nộp trên Cổng'), ['Trực tiếp: nộp tại quầy', 'Trực tuyến: nộp trên Cổng']);
  assert.deepEqual(parseSteps('1. Nộp hồ sơ\n2. Nhận kết quả'), ['1. Nộp hồ sơ', '2. Nhận kết quả']);
  // One opener only: nothing to split on.
  assert.deepEqual(parseSteps('a) Nộp hồ sơ\ntheo quy định'), ['a) Nộp hồ sơ\ntheo quy định']);
});
