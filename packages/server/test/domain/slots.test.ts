import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { SlotDay } from '@dvc-widgets/contract';
import { DEMO_AGENCY_CODES, buildDemoAgencies, buildSlotDays, calendarFor } from '../../src/domain/index.js';

const agencies = buildDemoAgencies();
const hoanKiem = agencies.find((a) => a.code === DEMO_AGENCY_CODES.hoanKiem)!; // Saturday mornings, 30-min slots, 4 per slot, 21 days ahead
const baDinh = agencies.find((a) => a.code === DEMO_AGENCY_CODES.baDinh)!; // 20-min slots, 3 per slot, 14 days ahead

function days(agency = hoanKiem, from: string, to: string, now: string, booked = new Map<string, number>()) {
  const result = buildSlotDays({ agency, calendar: calendarFor(agency), from, to, now: new Date(now), booked });
  for (const d of result) z.parse(SlotDay, d);
  return new Map(result.map((d) => [d.date, d]));
}

test('slots fill the opening intervals; past days and slots are closed', () => {
  const now = '2026-11-24T09:30:00+07:00'; // Tuesday
  const d = days(hoanKiem, '2026-11-23', '2026-11-30', now);
  assert.equal(d.get('2026-11-23')!.closedReason, 'past');
  const today = d.get('2026-11-24')!;
  // After 09:30: 10:00, 10:30, 11:00 in the morning, then 13:30 … 16:30 (7 slots).
  assert.equal(today.slots.length, 10);
  assert.equal(today.slots[0]!.start, '2026-11-24T10:00:00+07:00');
  assert.equal(today.slots[2]!.end, '2026-11-24T11:30:00+07:00');
  assert.equal(today.slots[3]!.start, '2026-11-24T13:30:00+07:00');
  const wednesday = d.get('2026-11-25')!;
  assert.equal(wednesday.slots.length, 9 + 7);
  assert.equal(wednesday.status, 'open');
  assert.equal(wednesday.capacity, 16 * 4);
  // Saturday morning 07:30–11:30 at this centre: 8 slots.
  const saturday = d.get('2026-11-28')!;
  assert.equal(saturday.status, 'open');
  assert.equal(saturday.slots.length, 8);
  assert.equal(saturday.slots[0]!.start, '2026-11-28T07:30:00+07:00');
  assert.equal(d.get('2026-11-29')!.closedReason, 'weekend');
});

test('bookings reduce what remains; a fully booked day is full', () => {
  const now = '2026-11-24T09:30:00+07:00';
  const saturdaySlots = days(hoanKiem, '2026-11-28', '2026-11-28', now).get('2026-11-28')!.slots;
  const booked = new Map(saturdaySlots.map((s, i) => [s.start, i === 0 ? 1 : 4]));
  const saturday = days(hoanKiem, '2026-11-28', '2026-11-28', now, booked).get('2026-11-28')!;
  assert.equal(saturday.slots[0]!.remaining, 3);
  assert.equal(saturday.remaining, 3);
  assert.equal(saturday.status, 'open');
  booked.set(saturdaySlots[0]!.start, 9);
  const full = days(hoanKiem, '2026-11-28', '2026-11-28', now, booked).get('2026-11-28')!;
  assert.equal(full.status, 'full');
  assert.equal(full.remaining, 0);
});

test('days beyond the booking window are closed', () => {
  const d = days(baDinh, '2026-12-07', '2026-12-10', '2026-11-24T09:30:00+07:00');
  // 14 days ahead: up to Tuesday 8/12.
  assert.equal(d.get('2026-12-08')!.status, 'open');
  assert.equal(d.get('2026-12-09')!.closedReason, 'beyond_window');
  // 20-minute slots: 07:00 … 11:10 (13) and 13:30 … 16:40 (10).
  assert.equal(d.get('2026-12-08')!.slots.length, 23);
});

test('holidays are closed with their name', () => {
  const d = days(baDinh, '2026-08-31', '2026-09-03', '2026-08-25T08:00:00+07:00');
  assert.equal(d.get('2026-08-31')!.status, 'open');
  assert.equal(d.get('2026-09-01')!.closedReason, 'holiday');
  assert.equal(d.get('2026-09-02')!.holidayName, 'Quốc khánh');
  assert.equal(d.get('2026-09-02')!.slots.length, 0);
  assert.equal(d.get('2026-09-03')!.status, 'open');
});

test('a day whose slots have all started is closed as past', () => {
  const d = days(baDinh, '2026-11-24', '2026-11-24', '2026-11-24T16:45:00+07:00');
  assert.equal(d.get('2026-11-24')!.closedReason, 'past');
});

test('booking turned off: every day closed as agency_closed', () => {
  const off = { ...baDinh, booking: { ...baDinh.booking, enabled: false } };
  const d = days(off, '2026-11-25', '2026-11-27', '2026-11-24T09:30:00+07:00');
  assert.ok([...d.values()].every((x) => x.status === 'closed' && x.closedReason === 'agency_closed'));
});
