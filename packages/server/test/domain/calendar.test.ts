import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_HOURS,
  WorkingCalendar,
  loadHolidays,
  loadMakeUpWorkdays,
  toIsoVn,
  vnDate,
} from '../../src/domain/index.js';
import type { Pause } from '../../src/domain/index.js';

const holidays = loadHolidays();
const calendar = new WorkingCalendar(DEFAULT_HOURS, holidays, loadMakeUpWorkdays());
const withSaturday = new WorkingCalendar(
  [...DEFAULT_HOURS, { weekday: 6, open: '07:30', close: '11:30' }],
  holidays,
  loadMakeUpWorkdays(),
);
const at = (iso: string) => new Date(iso);
const add = (c: WorkingCalendar, start: string, days: number, pauses?: Pause[]) =>
  toIsoVn(c.addWorkingDays(at(start), days, pauses));

test('toIsoVn writes the +07:00 offset and round-trips', () => {
  assert.equal(toIsoVn(new Date('2026-03-10T01:15:00Z')), '2026-03-10T08:15:00+07:00');
  assert.equal(toIsoVn(new Date('2026-03-09T17:00:00Z')), '2026-03-10T00:00:00+07:00');
  assert.equal(vnDate(new Date('2026-03-09T17:00:00Z')), '2026-03-10');
  assert.equal(vnDate(new Date('2026-03-09T16:59:59Z')), '2026-03-09');
  const d = new Date('2026-11-20T09:59:00.123Z');
  assert.equal(new Date(toIsoVn(d)).getTime(), d.getTime());
});

test('holidays: 2025–2027 statutory days plus trusted swaps, names kept', () => {
  const dates = new Set(holidays.map((h) => h.date));
  for (const d of ['2025-01-01', '2026-02-17', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02', '2027-02-06']) {
    assert.ok(dates.has(d), d);
  }
  // 2026 Tết Dương lịch swap (medium-high): Friday 2/1 off, Saturday 10/1 worked.
  assert.ok(dates.has('2026-01-02'));
  assert.ok(loadMakeUpWorkdays().includes('2026-01-10'));
  // 2025 30/4 swap (high): Friday 2/5 off, Saturday 26/4 worked.
  assert.ok(dates.has('2025-05-02'));
  assert.ok(loadMakeUpWorkdays().includes('2025-04-26'));
  // The 2026 Giỗ Tổ–30/4 range is not a blanket closure: 28–29/4 are working days.
  assert.equal(calendar.isWorkingDay('2026-04-28'), true);
  assert.equal(calendar.isWorkingDay('2026-04-29'), true);
  assert.equal(calendar.holidayName('2026-04-30'), 'Ngày Chiến thắng');
});

test('closedReason and working days', () => {
  assert.equal(calendar.closedReason('2026-11-23'), null); // Monday
  assert.equal(calendar.closedReason('2026-11-21'), 'weekend');
  assert.equal(calendar.closedReason('2026-09-02'), 'holiday');
  assert.equal(calendar.closedReason('2026-01-02'), 'holiday'); // swapped day off
  assert.equal(calendar.isWorkingDay('2026-01-10'), true); // make-up Saturday
  assert.equal(calendar.intervalsOn('2026-01-10').length, 2);
  assert.equal(withSaturday.closedReason('2026-11-21'), null);
  // On a make-up Saturday the Saturday-morning centre works a full day too.
  assert.equal(withSaturday.intervalsOn('2026-01-10').length, 2);
  assert.equal(withSaturday.intervalsOn('2026-11-21').length, 1);
  const tuesdayOnly = new WorkingCalendar([{ weekday: 2, open: '08:00', close: '12:00' }], []);
  assert.equal(tuesdayOnly.closedReason('2026-11-23'), 'agency_closed');
  assert.deepEqual(
    calendar.intervalsOn('2026-11-23').map((i) => [toIsoVn(i.start), toIsoVn(i.end)]),
    [
      ['2026-11-23T07:00:00+07:00', '2026-11-23T11:30:00+07:00'],
      ['2026-11-23T13:30:00+07:00', '2026-11-23T17:00:00+07:00'],
    ],
  );
});

test('a day is 8 working hours: 07:00 + 1 day = 17:00 the same day; 0.5 day = 11:00', () => {
  assert.equal(add(calendar, '2026-11-23T07:00:00+07:00', 1), '2026-11-23T17:00:00+07:00');
  assert.equal(add(calendar, '2026-11-23T07:00:00+07:00', 0.5), '2026-11-23T11:00:00+07:00');
  // 5 h: 4 h 30 in the morning, the lunch break skipped, 30 min from 13:30.
  assert.equal(add(calendar, '2026-11-23T07:00:00+07:00', 5 / 8), '2026-11-23T14:00:00+07:00');
  assert.equal(calendar.workingDaysBetween(at('2026-11-23T07:00:00+07:00'), at('2026-11-23T17:00:00+07:00')), 1);
});

test('received Friday 16:59 with 1 working day is due Monday 16:59', () => {
  // 1 minute on Friday, then 7 h 59 min on Monday: 4 h 30 in the morning and 3 h 29 from 13:30.
  assert.equal(add(calendar, '2026-11-20T16:59:00+07:00', 1), '2026-11-23T16:59:00+07:00');
});

test('received after closing or at the weekend counts from the next opening', () => {
  assert.equal(add(calendar, '2026-11-20T18:30:00+07:00', 1), '2026-11-23T17:00:00+07:00');
  assert.equal(add(calendar, '2026-11-21T09:00:00+07:00', 1), '2026-11-23T17:00:00+07:00');
  assert.equal(add(calendar, '2026-11-23T12:00:00+07:00', 0.25), '2026-11-23T15:30:00+07:00');
});

test('Saturday-morning hours count on that agency’s clock', () => {
  // Friday 16:00 → 1 h Friday, 4 h Saturday 07:30–11:30, 3 h Monday → Monday 10:00.
  assert.equal(add(withSaturday, '2026-11-20T16:00:00+07:00', 1), '2026-11-23T10:00:00+07:00');
});

test('holidays are skipped: 30/4 and 1/5/2026', () => {
  // Wednesday 29/4 10:00: 5 h that day; Thu 30/4, Fri 1/5 and the weekend closed; 3 h on Monday 4/5.
  assert.equal(add(calendar, '2026-04-29T10:00:00+07:00', 1), '2026-05-04T10:00:00+07:00');
  // Tết 2026: Friday 13/2 + 1 day → the 16–20/2 holidays and weekends → Monday 23/2.
  assert.equal(add(calendar, '2026-02-13T17:00:00+07:00', 1), '2026-02-23T17:00:00+07:00');
  // The make-up Saturday 10/1/2026 is worked.
  assert.equal(add(calendar, '2026-01-09T17:00:00+07:00', 1), '2026-01-10T17:00:00+07:00');
});

test('pauses stop the clock', () => {
  const start = '2026-11-16T07:00:00+07:00'; // Monday
  assert.equal(add(calendar, start, 3), '2026-11-18T17:00:00+07:00');
  const pause = { from: '2026-11-17T07:00:00+07:00', to: '2026-11-18T07:00:00+07:00' };
  assert.equal(add(calendar, start, 3, [pause]), '2026-11-19T17:00:00+07:00');
  // A pause at night changes nothing.
  const night = { from: '2026-11-16T18:00:00+07:00', to: '2026-11-17T06:00:00+07:00' };
  assert.equal(add(calendar, start, 3, [night]), '2026-11-18T17:00:00+07:00');
  // Open time inside a pause is not counted.
  assert.equal(calendar.workingDaysBetween(at(start), at('2026-11-19T07:00:00+07:00'), [pause]), 2);
  // A pause that never ends stops the clock for good.
  assert.throws(() => calendar.addWorkingDays(at(start), 3, [{ from: '2026-11-17T07:00:00+07:00', to: null }]), RangeError);
});

test('subtractWorkingDays is the inverse of addWorkingDays at opening-hour instants', () => {
  assert.equal(toIsoVn(calendar.subtractWorkingDays(at('2026-11-23T16:59:00+07:00'), 1)), '2026-11-20T16:59:00+07:00');
  assert.equal(toIsoVn(calendar.subtractWorkingDays(at('2026-05-04T10:00:00+07:00'), 1)), '2026-04-29T10:00:00+07:00');
});

test('workingDatesAfter counts the working days after a date up to another', () => {
  assert.equal(calendar.workingDatesAfter(at('2026-11-20T10:00:00+07:00'), at('2026-11-24T10:00:00+07:00')), 2);
  assert.equal(calendar.workingDatesAfter(at('2026-11-23T09:00:00+07:00'), at('2026-11-23T17:00:00+07:00')), 0);
  assert.equal(calendar.workingDatesAfter(at('2026-04-29T09:00:00+07:00'), at('2026-05-04T17:00:00+07:00')), 1);
});

// ---- properties -------------------------------------------------------------------------------

const FROM = Date.parse('2025-01-01T00:00:00+07:00');
const TO = Date.parse('2027-06-30T00:00:00+07:00');
const instant = fc.integer({ min: FROM, max: TO }).map((t) => new Date(Math.floor(t / 60_000) * 60_000));
/** Working days in eighths (whole working hours), as one-stop systems count them. */
const days = fc.integer({ min: 0, max: 30 * 8 }).map((h) => h / 8);
const pauseArb = fc
  .tuple(fc.integer({ min: FROM, max: TO }), fc.integer({ min: 1, max: 20 * 86_400_000 }))
  .map(([from, length]) => ({ from: new Date(from).toISOString(), to: new Date(from + length).toISOString() }));

function insideOpening(c: WorkingCalendar, d: Date): boolean {
  return c.intervalsOn(vnDate(d)).some((i) => i.start.getTime() < d.getTime() && d.getTime() <= i.end.getTime());
}

test('property: adding n > 0 working days always lands inside opening hours on a working day', () => {
  fc.assert(
    fc.property(instant, days.filter((d) => d > 0), fc.boolean(), (start, n, sat) => {
      const c = sat ? withSaturday : calendar;
      const due = c.addWorkingDays(start, n);
      return c.isWorkingDay(vnDate(due)) && insideOpening(c, due) && due.getTime() > start.getTime();
    }),
    { numRuns: 300 },
  );
});

test('property: monotonic in the start and in the number of days', () => {
  fc.assert(
    fc.property(instant, instant, days, days, (a, b, n, m) => {
      const [s1, s2] = a <= b ? [a, b] : [b, a];
      const [d1, d2] = n <= m ? [n, m] : [m, n];
      return (
        calendar.addWorkingDays(s1, d1).getTime() <= calendar.addWorkingDays(s2, d1).getTime() &&
        calendar.addWorkingDays(s1, d1).getTime() <= calendar.addWorkingDays(s1, d2).getTime()
      );
    }),
    { numRuns: 300 },
  );
});

test('property: pauses only ever push the due date later', () => {
  fc.assert(
    fc.property(instant, days, fc.array(pauseArb, { maxLength: 3 }), (start, n, pauses) => {
      return calendar.addWorkingDays(start, n, pauses).getTime() >= calendar.addWorkingDays(start, n).getTime();
    }),
    { numRuns: 300 },
  );
});

test('property: the open time between start and due is exactly n working days', () => {
  fc.assert(
    fc.property(instant, days, fc.array(pauseArb, { maxLength: 2 }), (start, n, pauses) => {
      const due = calendar.addWorkingDays(start, n, pauses);
      return Math.abs(calendar.workingDaysBetween(start, due, pauses) - n) < 1e-9;
    }),
    { numRuns: 300 },
  );
});
