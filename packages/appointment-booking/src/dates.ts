/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. Dates are days in Asia/Ho_Chi_Minh, so they
 * are computed in UTC (no daylight saving, no device time zone can shift a day). Internal
 * helpers of the widget; not public API.
 */

const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3_600_000;

const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today's date in Vietnam. */
export function vnToday(now: number = Date.now()): string {
  return fromMs(now + VN_OFFSET_MS);
}

/** The Vietnamese calendar date of an instant such as `2026-12-01T08:00:00+07:00`. */
export function vnDateOf(instant: string): string {
  return fromMs(Date.parse(instant) + VN_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(toMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** `YYYY-MM` of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** First day of the month `n` months after the month of `date`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return fromMs(d.getTime()).slice(0, 7);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The same day of the month `n` months later, clamped to the month's length (31 Jan + 1 month
 * → 28/29 Feb), as the APG date picker does for PageUp/PageDown.
 */
export function addMonthsClamped(date: string, n: number): string {
  const month = addMonths(monthOf(date), n);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, '0')}`;
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
 * Weeks (Monday first) covering `month`; days of neighbouring months are `null`, so the grid
 * shows one month only and every date appears once.
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
