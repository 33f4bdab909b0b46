/**
 * Wall-clock helpers for Asia/Ho_Chi_Minh.
 *
 * Vietnam has used UTC+07:00 all year since 1975 and has no daylight saving time, so a fixed
 * +07:00 offset is exact for every date the service handles. Computing with the fixed offset
 * (instead of Intl time-zone lookups) keeps the calendar arithmetic pure, fast and independent
 * of the ICU data shipped with the runtime.
 */

export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parses `YYYY-MM-DD` into its parts; throws on anything else. */
export function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** The instant of a wall-clock time (`HH:MM`, or minutes after midnight) on a Vietnamese date. */
export function vnInstant(date: string, time: string | number): Date {
  const { y, m, d } = parseDate(date);
  const minutes = typeof time === 'number' ? time : clockToMinutes(time);
  return new Date(Date.UTC(y, m - 1, d) + minutes * MINUTE_MS - OFFSET_MS);
}

export function clockToMinutes(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Not a clock time (HH:MM): ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The Vietnamese calendar date (`YYYY-MM-DD`) of an instant. */
export function vnDate(d: Date): string {
  const shifted = new Date(d.getTime() + OFFSET_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const { y, m, d } = parseDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  const { y, m, d } = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d) + n * DAY_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole calendar days from `a` to `b` (dates). */
export function daysBetween(a: string, b: string): number {
  const pa = parseDate(a);
  const pb = parseDate(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / DAY_MS);
}

/**
 * ISO 8601 with the Vietnamese offset, e.g. `2026-03-10T08:15:00+07:00`. Milliseconds are
 * written only when they are not zero, so stored instants round-trip exactly.
 */
export function toIsoVn(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid date');
  const shifted = new Date(t + OFFSET_MS);
  const ms = shifted.getUTCMilliseconds();
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    '+07:00'
  );
}
