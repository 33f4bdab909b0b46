import { expect } from '@open-wc/testing';
import {
  addDays,
  addMonths,
  addMonthsClamped,
  endOfWeek,
  isoWeekday,
  monthGrid,
  startOfWeek,
  vnDateOf,
  vnToday,
} from '../src/dates.js';
import { encodeQr, qrPath } from '../src/qr.js';

describe('calendar dates', () => {
  it('today and instants are read in Vietnam (UTC+7)', () => {
    expect(vnToday(Date.parse('2026-11-22T16:59:00Z'))).to.equal('2026-11-22');
    expect(vnToday(Date.parse('2026-11-22T17:00:00Z'))).to.equal('2026-11-23');
    expect(vnDateOf('2026-12-01T00:30:00+07:00')).to.equal('2026-12-01');
  });

  it('adds days and months across year ends, clamping the day (APG PageDown)', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addMonths('2026-12', 1)).to.equal('2027-01');
    expect(addMonths('2027-01', -1)).to.equal('2026-12');
    expect(addMonthsClamped('2027-01-31', 1)).to.equal('2027-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).to.equal('2028-02-29');
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

describe('QR code', () => {
  it('merges dark modules into one path per run', () => {
    expect(qrPath([[true, true, false, true]])).to.equal('M0 0h2v1h-2zM3 0h1v1h-1z');
    expect(qrPath([[false]])).to.equal('');
  });

  it('encodes a booking code with finder patterns and a quiet zone', async () => {
    const qr = await encodeQr('LH-7K3M9Q');
    const n = qr.data.length;
    expect(n).to.be.greaterThan(20);
    expect(qr.data[0]!.every((m) => !m), 'quiet zone').to.equal(true);
    // Top-left finder: the 7×7 square starts after the 2-module border.
    expect(qr.data[2]![2]).to.equal(true);
    expect(qr.data[2]![8]).to.equal(true);
    expect(qr.data[3]![3]).to.equal(false);
  });
});
