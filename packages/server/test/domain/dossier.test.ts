import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { Dossier } from '@dvc-widgets/contract';
import {
  DEFAULT_HOURS,
  WorkingCalendar,
  buildDemoAgencies,
  loadHolidays,
  loadMakeUpWorkdays,
  maskName,
  maskPhone,
  toPublicDossier,
} from '../../src/domain/index.js';
import type { DossierRecord } from '../../src/domain/index.js';

const calendar = new WorkingCalendar(DEFAULT_HOURS, loadHolidays(), loadMakeUpWorkdays());
const agency = buildDemoAgencies()[1]!;

/** Received Monday 16/11/2026 07:00 with 3 working days: due Wednesday 18/11 17:00. */
function record(overrides: Partial<DossierRecord> = {}): DossierRecord {
  return {
    code: `${agency.code}-261116-0042`,
    procedureCode: '1.004194',
    agencyCode: agency.code,
    applicantName: 'Nguyễn Văn An',
    applicantPhone: '0912345678',
    status: 'processing',
    submittedAt: '2026-11-16T07:00:00+07:00',
    receivedAt: '2026-11-16T07:00:00+07:00',
    workingDaysAllowed: 3,
    history: [
      { at: '2026-11-16T07:00:00+07:00', status: 'received', unit: 'Bộ phận Một cửa', note: 'Tiếp nhận' },
      { at: '2026-11-16T08:00:00+07:00', status: 'processing', unit: 'Công an phường', note: null },
    ],
    pauses: [],
    supplement: null,
    financialObligation: null,
    apology: null,
    rejectionReason: null,
    result: null,
    resolvedAt: null,
    returnedAt: null,
    ...overrides,
  };
}

function view(rec: DossierRecord, now: string, rated = false) {
  const d = toPublicDossier(rec, { agency, procedureName: 'Đăng ký tạm trú', calendar, now: new Date(now), rated });
  z.parse(Dossier, d);
  return d;
}

test('due date is computed from the working calendar; overdue flips right after it', () => {
  const rec = record();
  const atDue = view(rec, '2026-11-18T17:00:00+07:00');
  assert.equal(atDue.dueAt, '2026-11-18T17:00:00+07:00');
  assert.equal(atDue.originalDueAt, atDue.dueAt);
  assert.equal(atDue.overdue, false);
  assert.equal(atDue.workingDaysLeft, 0, 'due today');
  assert.equal(atDue.progress, 1);
  const after = view(rec, '2026-11-18T17:00:01+07:00');
  assert.equal(after.overdue, true);
  assert.equal(after.overdueWorkingDays, 1);
  // Two working days after the due date (Thursday and Friday) by Friday evening.
  assert.equal(view(rec, '2026-11-20T18:00:00+07:00').overdueWorkingDays, 2);
});

test('working days left, progress and status number while in progress', () => {
  const monday = view(record(), '2026-11-16T10:00:00+07:00');
  assert.equal(monday.workingDaysLeft, 2);
  assert.equal(monday.overdue, false);
  assert.equal(monday.overdueWorkingDays, 0);
  assert.equal(monday.progress, 0.125);
  assert.equal(monday.statusNumber, 4);
  assert.equal(monday.asOf, '2026-11-16T10:00:00+07:00');
  assert.equal(monday.clockPaused, false);
});

test('an open supplement pause stops the clock and moves the due date', () => {
  const rec = record({
    status: 'supplement_requested',
    pauses: [{ from: '2026-11-17T07:00:00+07:00', to: null }],
    supplement: { requestedAt: '2026-11-17T07:00:00+07:00', items: ['Giấy tờ chứng minh chỗ ở hợp pháp'], bringTo: 'Quầy 3', note: null },
  });
  const d = view(rec, '2026-11-19T07:00:00+07:00');
  assert.equal(d.clockPaused, true);
  // One working day used before the pause; two left after resuming now (Thursday 07:00).
  assert.equal(d.dueAt, '2026-11-20T17:00:00+07:00');
  assert.equal(d.progress, 0.333);
  assert.equal(d.overdue, false);
  assert.deepEqual(d.supplement?.items, ['Giấy tờ chứng minh chỗ ở hợp pháp']);
  // A later view of the same paused dossier shows a later date, never an earlier one.
  assert.ok(view(rec, '2026-11-24T07:00:00+07:00').dueAt! > d.dueAt!);
});

test('a closed pause extends the due date by its working time', () => {
  const rec = record({ pauses: [{ from: '2026-11-17T07:00:00+07:00', to: '2026-11-18T07:00:00+07:00' }] });
  const d = view(rec, '2026-11-18T09:00:00+07:00');
  assert.equal(d.dueAt, '2026-11-19T17:00:00+07:00');
  assert.equal(d.clockPaused, false);
});

test('an apology letter grants extra working days: new due date computed', () => {
  const rec = record({
    apology: { issuedAt: '2026-11-18T15:00:00+07:00', reason: 'Cần xác minh thêm', extraWorkingDays: 2, issuedBy: 'Chủ tịch UBND' },
  });
  const d = view(rec, '2026-11-19T10:00:00+07:00');
  assert.equal(d.originalDueAt, '2026-11-18T17:00:00+07:00');
  assert.equal(d.dueAt, '2026-11-20T17:00:00+07:00');
  assert.equal(d.apology?.newDueAt, d.dueAt);
  assert.equal(d.overdue, false);
  assert.equal(view(rec, '2026-11-23T08:00:00+07:00').overdue, true);
});

test('holidays move the due date: received 29/4/2026 with 2 working days', () => {
  const rec = record({ receivedAt: '2026-04-29T08:00:00+07:00', submittedAt: '2026-04-29T08:00:00+07:00', workingDaysAllowed: 2, code: `${agency.code}-260429-0001` });
  // Wednesday 8:00 → 7 h that day; 30/4, 1/5 and the weekend skipped; 8 h Monday; 1 h Tuesday.
  assert.equal(view(rec, '2026-04-29T09:00:00+07:00').dueAt, '2026-05-05T08:00:00+07:00');
});

test('resolved and returned: judged at resolution, rating eligibility', () => {
  const base = {
    history: record().history,
    resolvedAt: '2026-11-18T10:00:00+07:00',
    result: { description: 'Xác nhận đăng ký tạm trú', place: 'Bộ phận Một cửa', from: '2026-11-18T10:00:00+07:00' },
  };
  const resolved = view(record({ ...base, status: 'resolved' }), '2026-12-01T10:00:00+07:00');
  assert.equal(resolved.overdue, false, 'resolved on time stays on time');
  assert.equal(resolved.workingDaysLeft, null);
  assert.equal(resolved.rating.eligible, false);
  const late = view(record({ ...base, status: 'resolved', resolvedAt: '2026-11-19T10:00:00+07:00' }), '2026-12-01T10:00:00+07:00');
  assert.equal(late.overdue, true);
  assert.equal(late.overdueWorkingDays, 1);
  const returned = record({ ...base, status: 'returned', returnedAt: '2026-11-19T09:00:00+07:00' });
  assert.deepEqual(view(returned, '2026-12-01T10:00:00+07:00').rating, { eligible: true, rated: false });
  assert.deepEqual(view(returned, '2026-12-01T10:00:00+07:00', true).rating, { eligible: false, rated: true });
});

test('not received and registered dossiers have no due date', () => {
  const d = view(record({ status: 'not_received', receivedAt: null, rejectionReason: 'Thiếu tờ khai' }), '2026-11-18T09:00:00+07:00');
  assert.equal(d.dueAt, null);
  assert.equal(d.progress, null);
  assert.equal(d.workingDaysLeft, null);
  assert.equal(d.overdue, false);
  assert.equal(d.rejectionReason, 'Thiếu tờ khai');
  assert.equal(d.statusNumber, 3);
});

test('the public view never carries the full name or the phone', () => {
  const d = view(record(), '2026-11-16T10:00:00+07:00');
  assert.equal(d.applicant, 'Nguyễn V** A*');
  const json = JSON.stringify(d);
  assert.ok(!json.includes('0912345678'));
  assert.ok(!json.includes('Văn An'));
});

test('maskName keeps the family name and first letters only', () => {
  assert.equal(maskName('Nguyễn Văn An'), 'Nguyễn V** A*');
  assert.equal(maskName('  Trần   Thị Thu  Hương '), 'Trần T** T** H****');
  assert.equal(maskName('Lan'), 'L**');
  assert.equal(maskName(''), '');
  // NFD input (macOS) is counted per letter, not per code point.
  assert.equal(maskName('Lê Đức Thắng'.normalize('NFD')), 'Lê Đ** T****');
  for (const name of ['Phạm Minh Quân', 'Hoàng Thị Ngọc Ánh', 'Đặng Hữu Phúc']) {
    const [, ...rest] = maskName(name).split(' ');
    for (const word of rest) assert.match(word, /^\p{L}\**$/u, `${name} → ${word}`);
  }
});

test('maskPhone shows the prefix and the last three digits', () => {
  assert.equal(maskPhone('0912345678'), '091****678');
  assert.equal(maskPhone('091 234 5678'), '091****678');
  assert.equal(maskPhone('12345'), '*****');
});
