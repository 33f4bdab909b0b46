/**
 * Formats from ../DOMAIN (national codes, phone numbers, citizen IDs). Kept as plain regular
 * expressions so core's validators, the schemas and the server share one definition.
 */

/** Agency identifier per QĐ 20/2020/QĐ-TTg, e.g. `000.00.01.H29`. */
export const AGENCY_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** Dossier code `{agency}-{yymmdd}-{nnnn}`, e.g. `000.00.01.H29-260310-0420`. */
export const DOSSIER_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
/** National procedure code `N.NNNNNN`, optionally with a provincial suffix `.H19`. */
export const PROCEDURE_CODE_RE = /^\d\.\d{6}(\.[A-Z]\d{2})?$/;
/** Mobile number in national form (10 digits). Prefixes: 03[2-9], 05x, 07[06-9], 08[1-9], 09x. */
export const MOBILE_RE = /^0(3[2-9]|5\d|7[06-9]|8[1-9]|9\d)\d{7}$/;
/** Citizen ID (CCCD): 12 digits. */
export const CCCD_RE = /^\d{12}$/;
/** Booking code, e.g. `LH-7K3M9Q`. Unambiguous alphabet (no 0/O, 1/I). */
export const APPOINTMENT_CODE_RE = /^LH-[2-9A-HJ-NP-Z]{6}$/;
/** Unit codes of the statistics office: 2-digit province, 5-digit commune. */
export const PROVINCE_CODE_RE = /^\d{2}$/;
export const COMMUNE_CODE_RE = /^\d{5}$/;
