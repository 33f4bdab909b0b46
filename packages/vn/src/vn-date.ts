/**
 * Calendar dates and wall-clock times in Asia/Ho_Chi_Minh, for the widgets (booking window,
 * survey periods) and the reference server (working hours, due dates, slots) alike: one module,
 * so a day means the same thing on both sides of the wire.
 *
 * Vietnam has used UTC+07:00 all year since 1975 and has no daylight saving time, so a fixed
 * +07:00 offset is exact for every date the service handles. Computing with the fixed offset
 * (instead of Intl time-zone lookups) keeps the arithmetic pure, fast, independent of the ICU data
 * shipped with the runtime and of the device's own time zone.
 *
 * Dates are `YYYY-MM-DD` strings (they compare and sort as strings), months `YYYY-MM`, clock times
 * `HH:MM`. Nothing here reads the clock: callers pass `now`, so tests can pin any day.
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

/** `YYYY-MM-DD` of a UTC-midnight timestamp. */
function fromUtcMs(ms: number): string {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Parses `YYYY-MM-DD` into its parts; throws on anything else. */
export function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const utcMs = (date: string): number => {
  const { y, m, d } = parseDate(date);
  return Date.UTC(y, m - 1, d);
};

export function clockToMinutes(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Not a clock time (HH:MM): ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant of a wall-clock time (`HH:MM`, or minutes after midnight) on a Vietnamese date. */
export function vnInstant(date: string, time: string | number): Date {
  const minutes = typeof time === 'number' ? time : clockToMinutes(time);
  return new Date(utcMs(date) + minutes * MINUTE_MS - OFFSET_MS);
}

/** The instant a Vietnamese calendar day starts. */
export function vnDayStart(date: string): Date {
  return vnInstant(date, 0);
}

/**
 * The Vietnamese calendar date (`YYYY-MM-DD`) of an instant: a `Date`, epoch milliseconds, or an
 * ISO string with its offset (`2026-12-01T00:30:00+07:00` → `2026-12-01`).
 */
export function vnDate(instant: Date | number | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return fromUtcMs(t + OFFSET_MS);
}

/** Today's date in Vietnam at `now` (pass the injected clock, never read the wall clock here). */
export function vnToday(now: Date | number): string {
  return vnDate(now);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const day = new Date(utcMs(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  return fromUtcMs(utcMs(date) + n * DAY_MS);
}

/** Whole calendar days from `a` to `b` (dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

/** `YYYY-MM` of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `n` months after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtcMs(Date.UTC(y, m - 1 + n, 1)).slice(0, 7);
}

/** Days in `month` (`YYYY-MM`). */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The same day of the month `n` months later, clamped to that month's length (31 Jan + 1 month →
 * 28/29 Feb; 31 Mar − 1 month → 28/29 Feb), as the APG date picker does for PageUp/PageDown and as
 * a "last year" period counts back.
 */
export function addMonths(date: string, n: number): string {
  const month = shiftMonth(monthOf(date), n);
  const day = Math.min(parseDate(date).d, daysInMonth(month));
  return `${month}-${pad(day)}`;
}

/** Monday of the week of `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Sunday of the week of `date`. */
export function endOfWeek(date: string): string {
  return addDays(date, 7 - isoWeekday(date));
}

/**
 * Weeks (Monday first) covering `month`; days of neighbouring months are `null`, so a grid shows
 * one month only and every date appears once.
 */
export function monthGrid(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const count = daysInMonth(month);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let i = 0; i < count; i++) {
    week.push(addDays(first, i));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export function clampDate(date: string, min: string, max: string): string {
  return date < min ? min : date > max ? max : date;
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
