/**
 * Forgiving normalisers and strict checks for the codes citizens type or paste. The regular
 * expressions live in @dvc-widgets/contract (formats.ts) so the schemas, the server and these
 * checks share one definition.
 *
 * Convention: `normalize*` cleans up what a person typed; `is*` checks an already-clean string
 * exactly (call the normaliser first).
 */
import { CCCD_RE, DOSSIER_CODE_RE, MOBILE_RE, PROCEDURE_CODE_RE } from '@dvc-widgets/contract';

/** Whitespace, including NBSP (U+00A0), U+2000–U+200A, and the invisible zero-width characters that come with copy-paste. */
const INVISIBLE = /[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;
/** Hyphen look-alikes: hyphen, non-breaking hyphen, figure dash, en/em dash, horizontal bar, minus, small/full-width hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u00ad]/g;

/**
 * Cleans a pasted dossier code: trims, drops every kind of whitespace, folds full-width forms to
 * ASCII (NFKC), upper-cases and turns dash look-alikes into '-'. Always returns a string (maybe
 * still invalid; check with `isDossierCode`).
 */
export function normalizeDossierCode(raw: string): string {
  // Each step can enable another on exotic input: upper-casing can leave text that is not NFKC
  // (ῗ → Ϊ͂), removing a space can let a combining mark compose with the letter before it. So
  // repeat until nothing changes (one extra round for any real code), which keeps the function
  // idempotent: normalizing a normalized code never changes it.
  let current = String(raw ?? '');
  for (let round = 0; round < 8; round++) {
    const next = current.normalize('NFKC').toUpperCase().normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Exact check of the national dossier code format `{agency}-{yymmdd}-{nnnn}`. */
export function isDossierCode(value: string): boolean {
  return DOSSIER_CODE_RE.test(value);
}

/**
 * Normalises a Vietnamese mobile number to national form (`0912345678`): strips spaces, dots,
 * dashes and parentheses, turns `+84`, `0084` and `84` prefixes into `0`. Returns null unless the
 * result is a valid mobile number.
 */
export function normalizePhone(raw: string): string | null {
  let s = String(raw ?? '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(DASHES, '-')
    .replace(/[.\-()/]/g, '');
  if (s.startsWith('+84')) s = '0' + s.slice(3);
  else if (s.startsWith('0084')) s = '0' + s.slice(4);
  else if (s.startsWith('84') && s.length === 11) s = '0' + s.slice(2);
  // "+84 (0) 912…" and "840912…" are common mistakes: drop the doubled trunk zero.
  if (s.startsWith('00') && s.length === 11) s = s.slice(1);
  return MOBILE_RE.test(s) ? s : null;
}

/** Exact check of a mobile number in national form (10 digits, known prefixes). */
export function isMobile(value: string): boolean {
  return MOBILE_RE.test(value);
}

/**
 * Birth-province codes that open a CCCD number: the 63 pre-2025 provinces, as listed in
 * Thông tư 07/2016/TT-BCA, Điều 7 (mã tỉnh nơi đăng ký khai sinh). Numbers issued before the
 * 2025 merger of provinces keep these prefixes, so the list does not change with the merger.
 */
export const CCCD_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', // Hà Nội
  '002', // Hà Giang
  '004', // Cao Bằng
  '006', // Bắc Kạn
  '008', // Tuyên Quang
  '010', // Lào Cai
  '011', // Điện Biên
  '012', // Lai Châu
  '014', // Sơn La
  '015', // Yên Bái
  '017', // Hoà Bình
  '019', // Thái Nguyên
  '020', // Lạng Sơn
  '022', // Quảng Ninh
  '024', // Bắc Giang
  '025', // Phú Thọ
  '026', // Vĩnh Phúc
  '027', // Bắc Ninh
  '030', // Hải Dương
  '031', // Hải Phòng
  '033', // Hưng Yên
  '034', // Thái Bình
  '035', // Hà Nam
  '036', // Nam Định
  '037', // Ninh Bình
  '038', // Thanh Hoá
  '040', // Nghệ An
  '042', // Hà Tĩnh
  '044', // Quảng Bình
  '045', // Quảng Trị
  '046', // Thừa Thiên Huế
  '048', // Đà Nẵng
  '049', // Quảng Nam
  '051', // Quảng Ngãi
  '052', // Bình Định
  '054', // Phú Yên
  '056', // Khánh Hoà
  '058', // Ninh Thuận
  '060', // Bình Thuận
  '062', // Kon Tum
  '064', // Gia Lai
  '066', // Đắk Lắk
  '067', // Đắk Nông
  '068', // Lâm Đồng
  '070', // Bình Phước
  '072', // Tây Ninh
  '074', // Bình Dương
  '075', // Đồng Nai
  '077', // Bà Rịa – Vũng Tàu
  '079', // TP. Hồ Chí Minh
  '080', // Long An
  '082', // Tiền Giang
  '083', // Bến Tre
  '084', // Trà Vinh
  '086', // Vĩnh Long
  '087', // Đồng Tháp
  '089', // An Giang
  '091', // Kiên Giang
  '092', // Cần Thơ
  '093', // Hậu Giang
  '094', // Sóc Trăng
  '095', // Bạc Liêu
  '096', // Cà Mau
]);

/** 12 digits whose first three are a known birth-province code. */
export function isCccd(value: string): boolean {
  return CCCD_RE.test(value) && CCCD_PROVINCE_CODES.has(value.slice(0, 3));
}

/** National procedure code `N.NNNNNN`, optionally with a provincial suffix (`.H19`). */
export function isProcedureCode(value: string): boolean {
  return PROCEDURE_CODE_RE.test(value);
}
