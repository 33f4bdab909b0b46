import { toIsoVn } from '../domain/index.js';

/** Calendar date (`YYYY-MM-DD`) of an instant in Asia/Ho_Chi_Minh. */
export const vnDay = (d: Date): string => toIsoVn(d).slice(0, 10);

/** The instant a Vietnamese calendar day starts (UTC+7 all year, no daylight saving). */
export const vnDayStart = (date: string): Date => new Date(`${date}T00:00:00+07:00`);

export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Same day `n` months later (clamped to the month's last day: 31 Mar − 1 month → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
