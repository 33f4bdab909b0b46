import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { Dossier, SlotDay } from '@dvc-widgets/contract';
import {
  addDays,
  buildDemoAgencies,
  buildSlotDays,
  calendarFor,
  maskName,
  maskPhone,
  toIsoVn,
  toPublicDossier,
  vnDate,
} from '../../src/domain/index.js';
import type { DossierRecord } from '../../src/domain/index.js';

const agencies = buildDemoAgencies();
const FROM = Date.parse('2025-02-01T00:00:00+07:00');
const TO = Date.parse('2027-05-31T00:00:00+07:00');
const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000);

test('property: masked names show only the first letter of every word after the family name', () => {
  const word = fc.string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'), minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(fc.array(word, { minLength: 2, maxLength: 5 }), (words) => {
      const masked = maskName(words.join(' ')).split(' ');
      return (
        masked[0] === words[0] &&
        masked.slice(1).every((m, i) => m === Array.from(words[i + 1]!)[0] + '*'.repeat(Array.from(words[i + 1]!).length - 1))
      );
    }),
  );
});

test('property: masked phones keep at most six digits', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^0\d{9}$/), (phone) => {
      const masked = maskPhone(phone);
      return masked.length === 10 && masked.replace(/\*/g, '').length === 6 && masked.startsWith(phone.slice(0, 3)) && masked.endsWith(phone.slice(-3));
    }),
  );
});

test('property: the public view agrees with the calendar whatever the times', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: FROM, max: TO }),
      fc.integer({ min: 0, max: 40 * 86_400_000 }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('received', 'processing', 'supplement_requested'),
      (receivedMs, later, allowed, agencyIndex, status) => {
        const agency = agencies[agencyIndex]!;
        const calendar = calendarFor(agency);
        const received = minute(receivedMs);
        const now = minute(receivedMs + later);
        const rec: DossierRecord = {
          code: `${agency.code}-${vnDate(received).slice(2).replace(/-/g, '')}-0001`,
          procedureCode: '1.004194',
          agencyCode: agency.code,
          applicantName: 'Trần Thị Bích Ngọc',
          applicantPhone: '0987654321',
          status: status as DossierRecord['status'],
          submittedAt: toIsoVn(received),
          receivedAt: toIsoVn(received),
          workingDaysAllowed: allowed,
          history: [{ at: toIsoVn(received), status: 'received', unit: 'Bộ phận Một cửa', note: null }],
          pauses: status === 'supplement_requested' ? [{ from: toIsoVn(received), to: null }] : [],
          supplement: null,
          financialObligation: null,
          apology: null,
          rejectionReason: null,
          result: null,
          resolvedAt: null,
          returnedAt: null,
        };
        const d = z.parse(Dossier, toPublicDossier(rec, { agency, procedureName: 'Đăng ký tạm trú', calendar, now, rated: false }));
        const due = Date.parse(d.dueAt!);
        assert.equal(d.overdue, now.getTime() > due);
        assert.equal(d.overdue, d.overdueWorkingDays > 0);
        // Working days left = working dates after today up to the due date's date. A centre open on
        // Saturday mornings counts those as working dates, so only Monday–Friday centres are bound
        // by the allowed number.
        let expectedLeft = 0;
        for (let day = addDays(vnDate(now), 1); day <= vnDate(new Date(due)); day = addDays(day, 1)) {
          if (calendar.isWorkingDay(day)) expectedLeft++;
        }
        assert.equal(d.workingDaysLeft, d.overdue ? 0 : expectedLeft);
        if (!agency.hours.some((h) => h.weekday >= 6)) assert.ok(d.workingDaysLeft! <= allowed);
        if (d.overdue) assert.equal(d.workingDaysLeft, 0);
        if (status === 'supplement_requested') {
          // Paused from reception: nothing used, due date = allowed days from now (or the next opening).
          assert.equal(d.progress, 0);
          assert.equal(d.overdue, false);
          assert.equal(d.clockPaused, true);
        } else {
          assert.equal(d.progress! >= 1, now.getTime() >= due);
        }
        assert.ok(!JSON.stringify(d).includes('0987654321') && !JSON.stringify(d).includes('Bích Ngọc'));
        return true;
      },
    ),
    { numRuns: 200 },
  );
});

test('property: slots sit inside opening hours and never offer more than capacity', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: FROM, max: TO }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 6 }),
      (nowMs, agencyIndex, startOffset, booked) => {
        const agency = agencies[agencyIndex]!;
        const calendar = calendarFor(agency);
        const now = minute(nowMs);
        const from = addDays(vnDate(now), startOffset - 2);
        const days = buildSlotDays({ agency, calendar, from, to: addDays(from, 6), now, booked: new Map() });
        const bookedMap = new Map(days.flatMap((d) => d.slots.map((s) => [s.start, booked] as const)));
        const again = buildSlotDays({ agency, calendar, from, to: addDays(from, 6), now, booked: bookedMap });
        assert.equal(again.length, 7);
        for (const day of again) {
          z.parse(SlotDay, day);
          if (day.status === 'closed') assert.equal(day.slots.length, 0);
          const intervals = calendar.intervalsOn(day.date);
          for (const s of day.slots) {
            const start = Date.parse(s.start);
            const end = Date.parse(s.end);
            assert.ok(start > now.getTime());
            assert.ok(intervals.some((i) => i.start.getTime() <= start && end <= i.end.getTime()));
            assert.equal(s.remaining, Math.max(0, agency.booking.capacityPerSlot - booked));
          }
          assert.equal(day.status === 'full', day.slots.length > 0 && day.remaining === 0);
        }
        return true;
      },
    ),
    { numRuns: 150 },
  );
});
