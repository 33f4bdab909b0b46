import { expect } from '@open-wc/testing';
import {
  addDays,
  addMonths,
  clampDate,
  daysBetween,
  daysInMonth,
  endOfWeek,
  isoWeekday,
  monthGrid,
  shiftMonth,
  startOfWeek,
  toIsoVn,
  vnDate,
  vnDayStart,
  vnInstant,
  vnToday,
} from '../src/vn-date.js';

describe('vn-date: calendar dates', () => {
  it('today and instants are read in Vietnam (UTC+7)', () => {
    expect(vnToday(Date.parse('2026-11-22T16:59:00Z'))).to.equal('2026-11-22');
    expect(vnToday(Date.parse('2026-11-22T17:00:00Z'))).to.equal('2026-11-23');
    expect(vnDate('2026-12-01T00:30:00+07:00')).to.equal('2026-12-01');
  });

  it('adds days and months across year ends, clamping the day (APG PageDown)', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(shiftMonth('2026-12', 1)).to.equal('2027-01');
    expect(shiftMonth('2027-01', -1)).to.equal('2026-12');
    expect(addMonths('2027-01-31', 1)).to.equal('2027-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
  });

  it('weeks start on Monday', () => {
    expect(isoWeekday('2026-11-22')).to.equal(7);
    expect(startOfWeek('2026-11-22')).to.equal('2026-11-16');
    expect(endOfWeek('2026-11-16')).to.equal('2026-11-22');
  });

  it('a month grid holds each date once, Monday first, padded with nulls', () => {
    const weeks = monthGrid('2026-02');
    expect(weeks.every((w) => w.length === 7)).to.equal(true);
    const dates = weeks.flat().filter(Boolean);
    expect(dates).to.have.length(28);
    expect(weeks[0]!.indexOf('2026-02-01')).to.equal(6); // a Sunday
  });
});


describe('vn-date: the same day on both sides of the wire', () => {
  it('reads instants in any form in Vietnam, whatever the device time zone', () => {
    expect(vnDate(new Date('2026-12-31T17:00:00Z'))).to.equal('2027-01-01');
    expect(vnDate(Date.parse('2026-12-31T16:59:59Z'))).to.equal('2026-12-31');
    expect(vnDate('2027-01-01T06:59:00+00:00')).to.equal('2027-01-01');
    expect(() => vnDate('not a date')).to.throw(RangeError);
  });

  it('turns Vietnamese wall-clock times into instants and back', () => {
    expect(vnInstant('2026-12-05', '07:30').toISOString()).to.equal('2026-12-05T00:30:00.000Z');
    expect(vnDayStart('2027-01-01').toISOString()).to.equal('2026-12-31T17:00:00.000Z');
    expect(toIsoVn(vnInstant('2026-12-05', 13 * 60 + 30))).to.equal('2026-12-05T13:30:00+07:00');
    expect(toIsoVn(new Date('2026-12-05T01:02:03.004Z'))).to.equal('2026-12-05T08:02:03.004+07:00');
  });

  it('counts days and months across year and leap-year ends', () => {
    expect(daysBetween('2026-12-28', '2027-01-04')).to.equal(7);
    expect(daysBetween('2028-03-01', '2028-02-28')).to.equal(-2);
    expect(addMonths('2027-03-31', -1)).to.equal('2027-02-28');
    expect(addMonths('2026-12-04', -12)).to.equal('2025-12-04');
    expect(daysInMonth('2028-02')).to.equal(29);
    expect(clampDate('2026-12-01', '2026-12-04', '2026-12-18')).to.equal('2026-12-04');
    expect(clampDate('2026-12-31', '2026-12-04', '2026-12-18')).to.equal('2026-12-18');
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('04/12/2026', 1)).to.throw(RangeError);
    expect(() => vnInstant('2026-12-04', '7:30')).to.throw(RangeError);
  });
});
