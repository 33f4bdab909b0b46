import type { WorkingInterval } from '@dvc-widgets/contract';
import { HOUR_MS, addDays, clockToMinutes, isoWeekday, vnDate, vnInstant } from '@dvc-widgets/vn/vn-date';
import type { Holiday } from './holidays.js';

/** A stretch during which the processing clock is stopped (waiting for supplements, payment…). */
export interface Pause {
  /** ISO instant the clock stopped. */
  from: string;
  /** ISO instant it restarted; `null` while still paused. */
  to: string | null;
}

/** One-stop systems count a working day as 8 working hours (DOMAIN: 07:00–11:30, 13:30–17:00). */
export const WORKING_DAY_MS = 8 * HOUR_MS;

/** Hours used when an agency publishes none: Monday–Friday 07:00–11:30 and 13:30–17:00. */
export const DEFAULT_HOURS: WorkingInterval[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, open: '07:00', close: '11:30' },
  { weekday, open: '13:30', close: '17:00' },
]);

/** Longest stretch we walk looking for open time before deciding the calendar has none. */
const MAX_SCAN_DAYS = 3 * 366;

type Span = { start: number; end: number };

/**
 * Working time of one agency: its opening hours, the public holidays and the swapped working
 * days (a Saturday worked to make up for a bridge day off).
 *
 * Open time is working time: a centre that opens on Saturday mornings counts those hours on
 * the processing clock too. The clock counts milliseconds of open time, and a working day is
 * 8 hours of it, so a dossier received after closing starts counting at the next opening and
 * one received at 16:59 on a Friday with one working day is due at 16:59 on Monday.
 */
export class WorkingCalendar {
  private readonly byWeekday = new Map<number, { open: number; close: number }[]>();
  private readonly holidays = new Map<string, string>();
  private readonly extraWorkingDays: Set<string>;
  /** Intervals applied on swapped working days (those of the first weekday with hours). */
  private readonly swapIntervals: { open: number; close: number }[];

  constructor(hours: WorkingInterval[], holidays: Holiday[], extraWorkingDays: string[] = []) {
    for (const h of hours) {
      const open = clockToMinutes(h.open);
      const close = clockToMinutes(h.close);
      if (close <= open) throw new RangeError(`Interval closes before it opens: ${h.open}–${h.close}`);
      const list = this.byWeekday.get(h.weekday) ?? [];
      list.push({ open, close });
      this.byWeekday.set(h.weekday, list);
    }
    for (const list of this.byWeekday.values()) list.sort((a, b) => a.open - b.open);
    for (const h of holidays) if (!this.holidays.has(h.date)) this.holidays.set(h.date, h.nameVi);
    this.extraWorkingDays = new Set(extraWorkingDays);
    // A make-up day is worked "like a normal working day"; the Monday–Friday schedule is the
    // agency's normal day, so we take the first of those weekdays that has hours.
    const normal = [1, 2, 3, 4, 5].map((w) => this.byWeekday.get(w)).find((l) => l && l.length);
    this.swapIntervals = normal ?? [];
  }

  /** Opening intervals in minutes after midnight for a date, after holidays and swaps. */
  private minutesOn(date: string): { open: number; close: number }[] {
    if (this.holidays.has(date)) return [];
    // A make-up day is a full working day, even where the centre opens on Saturday mornings only.
    if (this.extraWorkingDays.has(date) && this.swapIntervals.length) return this.swapIntervals;
    return this.byWeekday.get(isoWeekday(date)) ?? [];
  }

  isWorkingDay(date: string): boolean {
    return this.minutesOn(date).length > 0;
  }

  closedReason(date: string): 'weekend' | 'holiday' | 'agency_closed' | null {
    if (this.holidays.has(date)) return 'holiday';
    if (this.minutesOn(date).length > 0) return null;
    return isoWeekday(date) >= 6 ? 'weekend' : 'agency_closed';
  }

  holidayName(date: string): string | null {
    return this.holidays.get(date) ?? null;
  }

  intervalsOn(date: string): { start: Date; end: Date }[] {
    return this.minutesOn(date).map((i) => ({ start: vnInstant(date, i.open), end: vnInstant(date, i.close) }));
  }

  /** Open spans (ms) on a date, minus the pauses. */
  private workingSpansOn(date: string, pauses: Span[]): Span[] {
    let spans: Span[] = this.minutesOn(date).map((i) => ({
      start: vnInstant(date, i.open).getTime(),
      end: vnInstant(date, i.close).getTime(),
    }));
    for (const p of pauses) {
      const next: Span[] = [];
      for (const s of spans) {
        if (p.end <= s.start || p.start >= s.end) {
          next.push(s);
          continue;
        }
        if (p.start > s.start) next.push({ start: s.start, end: p.start });
        if (p.end < s.end) next.push({ start: p.end, end: s.end });
      }
      spans = next;
    }
    return spans;
  }

  /**
   * The instant at which `days` working days (8 open hours each, fractions allowed) have run
   * from `start`, the clock stopping during `pauses`. A pause still open (`to: null`) that the
   * clock reaches stops it for good: callers must close it first (toPublicDossier uses now).
   */
  addWorkingDays(start: Date, days: number, pauses: Pause[] = []): Date {
    if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`Working days must be ≥ 0: ${days}`);
    const spans = toSpans(pauses);
    let remaining = Math.round(days * WORKING_DAY_MS);
    const from = start.getTime();
    if (remaining === 0) return new Date(from);
    let date = vnDate(start);
    for (let i = 0; i <= MAX_SCAN_DAYS; i++, date = addDays(date, 1)) {
      for (const s of this.workingSpansOn(date, spans)) {
        const begin = Math.max(s.start, from);
        if (s.end <= begin) continue;
        // Ends exactly at a closing time when the last span is used up, never at the next opening.
        if (remaining <= s.end - begin) return new Date(begin + remaining);
        remaining -= s.end - begin;
      }
    }
    throw new RangeError('No working time found within three years (no hours, or a pause that never ends)');
  }

  /**
   * The latest instant from which `days` working days of open time run until `end` (the
   * inverse of `addWorkingDays` without pauses): used to place demo dossiers in the past.
   */
  subtractWorkingDays(end: Date, days: number): Date {
    if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`Working days must be ≥ 0: ${days}`);
    let remaining = Math.round(days * WORKING_DAY_MS);
    const to = end.getTime();
    if (remaining === 0) return new Date(to);
    let date = vnDate(end);
    for (let i = 0; i <= MAX_SCAN_DAYS; i++, date = addDays(date, -1)) {
      const spans = this.workingSpansOn(date, []);
      for (let k = spans.length - 1; k >= 0; k--) {
        const s = spans[k]!;
        const finish = Math.min(s.end, to);
        if (finish <= s.start) continue;
        if (remaining <= finish - s.start) return new Date(finish - remaining);
        remaining -= finish - s.start;
      }
    }
    throw new RangeError('No working time found within three years');
  }

  /** Working days (fractional, 8 h each) of open time in [a, b), pauses excluded; 0 if b ≤ a. */
  workingDaysBetween(a: Date, b: Date, pauses: Pause[] = []): number {
    const from = a.getTime();
    const to = b.getTime();
    if (!(to > from)) return 0;
    const spans = toSpans(pauses);
    let total = 0;
    for (let date = vnDate(a); date <= vnDate(b); date = addDays(date, 1)) {
      for (const s of this.workingSpansOn(date, spans)) {
        const begin = Math.max(s.start, from);
        const end = Math.min(s.end, to);
        if (end > begin) total += end - begin;
      }
    }
    return total / WORKING_DAY_MS;
  }

  /** Working days strictly after `a`'s date up to and including `b`'s date. */
  workingDatesAfter(a: Date, b: Date): number {
    let count = 0;
    const last = vnDate(b);
    for (let date = addDays(vnDate(a), 1); date <= last; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count++;
    }
    return count;
  }

  /** The first opening instant at or after `at` (the instant itself when open). */
  nextOpening(at: Date): Date {
    const t = at.getTime();
    let date = vnDate(at);
    for (let i = 0; i <= MAX_SCAN_DAYS; i++, date = addDays(date, 1)) {
      for (const s of this.intervalsOn(date)) {
        if (s.end.getTime() > t) return new Date(Math.max(s.start.getTime(), t));
      }
    }
    throw new RangeError('No opening found within three years');
  }
}

function toSpans(pauses: Pause[]): Span[] {
  return pauses.map((p) => ({
    start: Date.parse(p.from),
    end: p.to === null ? Number.POSITIVE_INFINITY : Date.parse(p.to),
  }));
}
