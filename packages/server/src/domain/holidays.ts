import { readDataJson } from './data.js';

export interface Holiday {
  /** `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
  date: string;
  nameVi: string;
  nameEn: string;
}

interface HolidayFile {
  days: { date: string; nameVi: string; nameEn: string; kind: string }[];
  civilServiceSchedules: {
    year: number;
    occasion: string;
    confidence: string;
    swaps: { dayOff: string; makeUpWorkday: string }[];
  }[];
}

/** Schedules trusted enough to move the processing clock (see data/SOURCES.md). */
const TRUSTED = new Set(['high', 'medium-high']);

let cache: { holidays: Holiday[]; makeUpWorkdays: string[] } | undefined;

function load(): { holidays: Holiday[]; makeUpWorkdays: string[] } {
  if (cache) return cache;
  const file = readDataJson<HolidayFile>('holidays-vn.json');
  const byDate = new Map<string, Holiday>();
  for (const d of file.days) byDate.set(d.date, { date: d.date, nameVi: d.nameVi, nameEn: d.nameEn });
  const makeUpWorkdays: string[] = [];
  for (const s of file.civilServiceSchedules) {
    if (!TRUSTED.has(s.confidence)) continue;
    // Only the explicit swaps are used: the offFrom–offTo ranges include ordinary working days
    // (the 2026 Giỗ Tổ / 30-4 range contains 28–29/4), so they are not blanket closures.
    for (const swap of s.swaps) {
      if (!byDate.has(swap.dayOff)) {
        byDate.set(swap.dayOff, {
          date: swap.dayOff,
          nameVi: `Nghỉ hoán đổi (${s.occasion})`,
          nameEn: `Swapped day off (${s.occasion})`,
        });
      }
      makeUpWorkdays.push(swap.makeUpWorkday);
    }
  }
  const holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  cache = { holidays, makeUpWorkdays: makeUpWorkdays.sort() };
  return cache;
}

/**
 * Public holidays 2025–2027 (Labour Code 2019 art. 112, with weekend substitutes) plus the
 * civil-service swapped days off whose schedule is rated high or medium-high confidence.
 */
export function loadHolidays(): Holiday[] {
  return load().holidays.map((h) => ({ ...h }));
}

/**
 * Saturdays worked by civil servants to make up for a swapped day off (same trusted schedules);
 * pass them to `WorkingCalendar` as `extraWorkingDays`.
 */
export function loadMakeUpWorkdays(): string[] {
  return [...load().makeUpWorkdays];
}
