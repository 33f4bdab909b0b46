/**
 * Parsers for the text the crawl of dichvucong.gov.vn left behind (see data/SOURCES.md). Each one
 * takes only what the text says without guessing; callers keep the raw text where a parser
 * reports that it had to leave something out.
 */
import type { DocumentGroup, DocumentItem, LegalBasis } from '@dvc-widgets/contract';

/** Hours in one working day (one-stop systems: 07:00–11:30 and 13:30–17:00). */
const HOURS_PER_WORKING_DAY = 8;

/** Stray punctuation the crawl left around names: full stop, comma, semicolon, colon, dashes. */
const STRAY_NAME_PUNCTUATION = /^[\s.,;:\-\u2013\u2014]+|[\s.,;:\-\u2013\u2014]+$/gu;

/**
 * A procedure name without the punctuation and spaces the crawl left at either end:
 * ". Thủ tục chấp thuận…" → "Thủ tục chấp thuận…", "Tiêu hủy biên lai." → "Tiêu hủy biên lai".
 * Brackets, quotes and percent signs are content, so they stay; inner punctuation is untouched.
 */
export function cleanProcedureName(name: string): string {
  return name.replace(STRAY_NAME_PUNCTUATION, '');
}

/**
 * Working days from a published processing time, or null where the text does not say so
 * without guessing:
 * - "5 Ngày làm việc" → 5.
 * - "8 Giờ", "4 Giờ" → hours ÷ 8: a time of up to one working day's 8 hours is counted on the
 *   working clock (a counter cannot process outside opening hours), so 8 Giờ = 1 working day.
 *   Longer times ("24 Giờ", "48 Giờ") usually mean clock hours, so they stay null.
 * - "15 Ngày" (calendar days), bare numbers ("1", no unit in the source), "Không quy định"
 *   → null: converting calendar days would need the start date and a legal rule on whether
 *   holidays count, and a bare number has no unit.
 */
export function parseWorkingDays(time: string | null): number | null {
  if (time === null) return null;
  const text = time.trim();
  const days = /^(\d{1,3}) Ngày làm việc$/i.exec(text);
  if (days) return Number(days[1]);
  const hours = /^(\d{1,2}) Giờ(?: làm việc)?$/i.exec(text);
  if (hours) {
    const h = Number(hours[1]);
    return h >= 1 && h <= HOURS_PER_WORKING_DAY ? h / HOURS_PER_WORKING_DAY : null;
  }
  return null;
}

/**
 * Fee in VND from a published fee, or null where it is not one plain amount:
 * "Miễn phí" → 0; "10,000 Việt Nam Đồng" / "100,000 VNĐ" → 10000 / 100000; "Phí : 0 Đồng",
 * "Lệ phí : Không Đồng" → 0; "Phí : 50.000 Đồng" → 50000. Amounts under 1,000 đồng are null:
 * the crawl dropped their thousands ("20 VNĐ" whose note reads "20.000 đ/tờ khai"). Several
 * amounts, ranges, USD and amounts with conditions in brackets stay null.
 */
export function parseFeeAmount(fee: string | null): number | null {
  if (fee === null) return null;
  const text = fee.trim();
  if (/^miễn phí$/i.test(text)) return 0;
  const plain = /^(\d{1,3}(?:,\d{3})*|\d+) (?:Việt Nam Đồng|VNĐ)$/.exec(text);
  if (plain) return sane(Number(plain[1]!.replace(/,/g, '')));
  const labelled = /^(?:Phí|Lệ phí) : (0|[Kk]hông|\d{1,3}(?:\.\d{3})+|\d+) Đồng$/.exec(text);
  if (labelled) {
    const value = labelled[1]!;
    if (value === '0' || /^không$/i.test(value)) return 0;
    return sane(Number(value.replace(/\./g, '')));
  }
  return null;
}

function sane(amount: number): number | null {
  if (!Number.isSafeInteger(amount)) return null;
  return amount === 0 || amount >= 1000 ? amount : null;
}

/** Line openers that mark a new step when the text's first line opens with the same kind. */
const STEP_MARKERS: readonly RegExp[] = [
  /^[-–]\s/, // "- Nộp hồ sơ…"
  /^\+\s/, // "+ Người yêu cầu…"
  /^\*\s?/, // "* Trường hợp đăng ký trực tiếp…"
  /^[a-zđ]\)\s?/, // "a) Nộp hồ sơ…", "b) Giải quyết…"
  /^\d{1,2}\.\s/, // "1. Tổ chức nộp…"
];

/**
 * Steps as published, one entry per step: split on "Bước N" when the text numbers its steps,
 * else on the opener of its first line ("- ", "+ ", "* ", "a) ", "1. ") when at least two lines
 * open that way; otherwise the whole text is one step. Labels that carry meaning ("Bước 1",
 * "a)", "1.") stay; bare bullets are dropped.
 */
export function parseSteps(text: string | null): string[] {
  if (text === null) return [];
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
  if (!clean) return [];
  const lines = clean.split('\n');
  let isStart: (line: string) => boolean;
  if (lines.filter((l) => /^\s*Bước\s*\d+/i.test(l)).length >= 2) {
    isStart = (l) => /^\s*Bước\s*\d+/i.test(l);
  } else {
    const marker = STEP_MARKERS.find((re) => re.test(lines[0]!.trim()));
    if (!marker || lines.filter((l) => marker.test(l.trim())).length < 2) return [tidy(clean)];
    isStart = (l) => marker.test(l.trim());
  }
  const steps: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (isStart(line) && current.some((l) => l.trim())) {
      steps.push(tidy(current.join('\n')));
      current = [];
    }
    current.push(line);
  }
  if (current.some((l) => l.trim())) steps.push(tidy(current.join('\n')));
  return steps.map((s) => s.replace(/^[-–+*]\s*/, '')).filter(Boolean);
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const TABLE_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
const COUNT_RE = /(\d+) bản (chính|sao)/g;
const FORM_RE = /(\S+(?: \(\d+\))?\.(?:docx?|pdf|xlsx?|rtf|odt))$/i;

export interface ParsedDocuments {
  groups: DocumentGroup[];
  /** True when something had to be left out or guessed (keep the raw text). */
  lossy: boolean;
}

/**
 * Dossier components from the flattened table: sections open with "* <case>:" (or "--" for
 * the default group) followed by the header "Tên giấy tờMẫu đơn, tờ khaiSố lượng"; each row
 * ends with its count ("1 bản chính", "01 bản sao", "1 bản chính,1 bản sao").
 */
export function parseDocuments(raw: string | null): ParsedDocuments {
  if (raw === null) return { groups: [], lossy: false };
  const groups: DocumentGroup[] = [];
  let lossy = false;
  const parts = raw.split(TABLE_HEADER);
  if (parts.length < 2) return { groups: [], lossy: true };
  // parts[0] is the first section's title; part i (i ≥ 1) holds section i's rows followed by
  // the title of section i + 1.
  let title = sectionTitle(parts[0]!);
  if (title === undefined) lossy = true;
  for (let i = 1; i < parts.length; i++) {
    let body = parts[i]!;
    let nextTitle: string | null | undefined = null;
    if (i < parts.length - 1) {
      // What follows the last row's count is the next section's title.
      const counts = [...body.matchAll(/\d+ bản (?:chính|sao)[,;]?\s*/g)];
      const end = counts.length ? counts[counts.length - 1]!.index + counts[counts.length - 1]![0].length : 0;
      nextTitle = sectionTitle(body.slice(end));
      if (nextTitle === undefined) lossy = true;
      body = body.slice(0, end);
    }
    const { items, lossy: rowsLossy } = parseRows(body);
    if (rowsLossy) lossy = true;
    if (items.length) groups.push({ title: title ?? null, items });
    title = nextTitle;
  }
  return { groups, lossy };
}

/**
 * A section title: "* Giấy tờ phải nộp:" → "Giấy tờ phải nộp", "- Trường hợp …, hồ sơ gồm:" →
 * "Trường hợp …, hồ sơ gồm"; "--" or nothing → null (the default group); text that does not end
 * with a colon is not a title → undefined.
 */
function sectionTitle(text: string): string | null | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '' || t === '--') return null;
  const m = /^(?:[*+-]\s*)?(.+?)\s*:$/.exec(t);
  return m ? m[1]! : undefined;
}

function parseRows(body: string): { items: DocumentItem[]; lossy: boolean } {
  const items: DocumentItem[] = [];
  let lossy = false;
  // A row ends at its last count; counts of one row may follow each other ("1 bản chính,1 bản sao").
  const rowRe = /((?:\d+ bản (?:chính|sao)[,;]?\s*)+)/g;
  let last = 0;
  for (let m = rowRe.exec(body); m; m = rowRe.exec(body)) {
    let text = body.slice(last, m.index);
    last = m.index + m[0].length;
    let originals: number | null = null;
    let copies: number | null = null;
    let first = true;
    for (const c of m[1]!.matchAll(COUNT_RE)) {
      let digits = c[1]!;
      // The crawl glues a form number or year to the count ("Mẫu 03" + "1", "2025" + "1"): the
      // count cannot be told apart from what precedes it, so it stays null.
      if (first && (digits.length > 2 || (digits.length === 2 && !digits.startsWith('0')))) {
        lossy = true;
        digits = '';
      }
      first = false;
      if (!digits) continue;
      const n = Number(digits);
      if (c[2] === 'chính') originals = (originals ?? 0) + n;
      else copies = (copies ?? 0) + n;
    }
    let form: string | null = null;
    text = text.trim();
    const f = FORM_RE.exec(text);
    if (f) {
      // The file name is glued to the document name; we split at the last space, which can
      // cut a multi-word file name: flag it so the raw text is kept.
      form = f[1]!;
      let cut = f.index;
      // "quy địnhMau13.docx": the name's last word is glued to the file name; cut at the glue.
      const glue = /^.*\p{Ll}(?=\p{Lu})/u.exec(form);
      if (glue) {
        form = form.slice(glue[0].length);
        cut += glue[0].length;
      }
      text = text.slice(0, cut).trim();
      lossy = true;
    }
    const name = text.replace(/^[-+•]\s*/, '').trim();
    if (!name) {
      lossy = true;
      continue;
    }
    items.push({ name, form, originals, copies });
  }
  if (body.slice(last).trim()) lossy = true;
  return { items, lossy };
}

export interface ParsedLegalBasis {
  entries: LegalBasis[];
  lossy: boolean;
}

/**
 * Legal basis from "Tên văn bản pháp lýMã văn bản<title><number><title><number>…". A number
 * ends an entry when it is followed by the next title (a capitalised word: "NĐ-CPNghị định")
 * or the end; numbers inside titles are followed by a space or punctuation. `QH13`-style suffixes have exactly two
 * digits, which splits "Luật 60/2014/QH13" + "60/2014/QH13"; a number may follow a glued year
 * ("Luật Cư trú 2020" + "68/2020/QH14"). "53/2025/TT-BCAngày 01/7…" is a number inside a title
 * whose space was lost, not "TT-BC" + a title "Angày…".
 */
export function parseLegalBasis(raw: string | null): ParsedLegalBasis {
  if (raw === null) return { entries: [], lossy: false };
  let text = raw.replace(/^\s*Tên văn bản pháp lýMã văn bản/, '');
  const hadHeader = text !== raw;
  text = text.replace(/(QH\d{2})(?=\d)/g, '$1\u0000');
  const numberRe =
    /(?:(?<!\d|\d\.)|(?<=(?:^|\D)(?:19|20)\d\d))(\d{1,4}(?:\.\d+)?\/(?:\d{4}\/)?(?:[A-ZĐ]+-)*(?:QH\d{2}|TTg|[A-ZĐ]+))(?=\s*$|\s*\p{Lu}\p{Ll})(?!\p{Lu}(?:ngày|năm|của|về)\b|Tg)/gu;
  const entries: LegalBasis[] = [];
  let last = 0;
  const candidates = [...text.matchAll(numberRe)];
  // "Thông tư số 66/2023/TT-BCA Sửa đổi…66/2023/TT-BCA": a number followed by a space and a
  // capital is inside its title when the same number comes again later (the number column).
  const boundaries = candidates.filter(
    (m, i) => !/^\s/.test(text.slice(m.index + m[1]!.length)) || !candidates.slice(i + 1).some((n) => n[1] === m[1]),
  );
  for (const m of boundaries) {
    const number = m[1]!;
    const title = text
      .slice(last, m.index)
      .replace(/\u0000/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      // The number column sometimes repeats the kind ("…Bộ Tư phápThông tư số" + "03/2023/TT-BTP").
      .replace(/(?<=\p{Ll}|\.)\s?(?:Thông tư|Nghị định|Nghị quyết|Quyết định|Luật)(?: số)?$/u, '')
      .trim();
    last = m.index + m[0].length;
    entries.push({ number, title: title || number });
  }
  const rest = text.slice(last).replace(/\u0000/g, '').trim();
  const lossy = !hadHeader || rest.length > 0 || entries.length === 0;
  if (rest && entries.length) entries.push({ number: null, title: rest.replace(/\s+/g, ' ') });
  return { entries, lossy };
}

/** "Giấy khai sinhMã: KQ.G15.000031" → "Giấy khai sinh" (several results joined with "; "). */
export function parseResult(raw: string | null): string | null {
  if (raw === null) return null;
  const parts = raw
    .split(/Mã\s*:\s*KQ(?:\.[A-Z]*\d+)+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}
