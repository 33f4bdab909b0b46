import { expect } from '@open-wc/testing';
import { buildIcs, escapeText, foldLine, toUtcStamp } from '../src/ics.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('ics (RFC 5545)', () => {
  it('writes UTC times from Vietnam instants', () => {
    expect(toUtcStamp('2026-12-01T08:00:00+07:00')).to.equal('20261201T010000Z');
    expect(toUtcStamp('2026-12-31T23:30:00Z')).to.equal('20261231T233000Z');
    expect(() => toUtcStamp('not a date')).to.throw(RangeError);
  });

  it('escapes backslash, semicolon, comma and newlines in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).to.equal('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a Vietnamese letter', () => {
    const line = `SUMMARY:${'Đăng ký khai sinh cho trẻ em, '.repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).to.be.greaterThan(1);
    for (const p of parts) expect(bytes(p)).to.be.at.most(75);
    parts.slice(1).forEach((p) => expect(p.startsWith(' ')).to.equal(true));
    // Unfolding (drop CRLF + one space) gives the line back.
    expect(folded.replace(/\r\n /g, '')).to.equal(line);
    expect(folded).not.to.contain('\uFFFD');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('VERSION:2.0')).to.equal('VERSION:2.0');
  });

  it('builds a complete VCALENDAR with CRLF everywhere', () => {
    const ics = buildIcs({
      uid: 'LH-7K3M9Q@dvc-widgets',
      start: '2026-12-01T08:00:00+07:00',
      end: '2026-12-01T08:30:00+07:00',
      summary: 'Lịch hẹn: Thủ tục đăng ký khai sinh',
      description: 'Mã: LH-7K3M9Q\nQuầy 1; Hộ tịch, tầng 1',
      location: 'UBND phường Ba Đình, Hà Nội',
      stamp: new Date('2026-11-22T03:00:00Z'),
      alarmMinutes: 60,
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines).to.include('DTSTART:20261201T010000Z');
    expect(lines).to.include('DTEND:20261201T013000Z');
    expect(lines).to.include('DTSTAMP:20261122T030000Z');
    expect(lines).to.include('DESCRIPTION:Mã: LH-7K3M9Q\\nQuầy 1\\; Hộ tịch\\, tầng 1');
    expect(lines).to.include('LOCATION:UBND phường Ba Đình\\, Hà Nội');
    expect(lines).to.include('TRIGGER:-PT60M');
    expect(lines).to.include('STATUS:CONFIRMED');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).to.have.length(1);
  });
});
