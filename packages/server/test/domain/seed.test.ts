import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AGENCY_CODE_RE,
  Agency,
  DOSSIER_CODE_RE,
  Dossier,
  DossierStatus,
  MOBILE_RE,
  SurveyDefinition,
} from '@dvc-widgets/contract';
import {
  DEMO_DOSSIERS,
  DEMO_NOW,
  OFFICIAL_SURVEY_ID,
  buildSeed,
  calendarFor,
  findCommune,
  loadCatalog,
  toPublicDossier,
  vnDate,
} from '../../src/domain/index.js';
import type { Seed } from '../../src/domain/index.js';

const now = new Date('2026-11-22T10:00:00+07:00'); // a Sunday
const seed = buildSeed(now);
const catalog = loadCatalog();
const rated = new Set(seed.surveyResponses.map((r) => r.dossierCode));

function publicView(s: Seed, code: string, at = now) {
  const rec = s.dossiers.find((d) => d.code === code);
  assert.ok(rec, code);
  const agency = s.agencies.find((a) => a.code === rec.agencyCode)!;
  return toPublicDossier(rec, {
    agency,
    procedureName: catalog.byCode.get(rec.procedureCode)!.name,
    calendar: calendarFor(agency),
    now: at,
    rated: s.surveyResponses.some((r) => r.dossierCode === code),
  });
}

test('deterministic for a given now', () => {
  assert.deepEqual(buildSeed(new Date(now)), seed);
});

test('agencies: one provincial centre and three real communes of Hà Nội', () => {
  assert.equal(seed.agencies.length, 4);
  for (const a of seed.agencies) {
    z.parse(Agency, a);
    assert.match(a.code, AGENCY_CODE_RE);
    assert.ok(a.counters.length > 0 && a.counters.every((c) => Array.isArray(c.fields)));
    assert.ok(a.procedureCodes.length > 0);
    for (const code of a.procedureCodes) {
      const field = catalog.byCode.get(code)!.field;
      assert.ok(field !== 'Hải quan' && field !== 'Thuế', `${a.code} ${code}`);
    }
  }
  const [province, ...communes] = seed.agencies;
  assert.equal(province!.level, 'province');
  assert.equal(province!.name, 'Trung tâm Phục vụ hành chính công thành phố Hà Nội');
  assert.equal(province!.provinceCode, '01');
  for (const c of communes) {
    assert.equal(c.level, 'commune');
    const unit = findCommune(c.communeCode!);
    assert.ok(unit && unit.province.provinceCode === '01');
    assert.equal(c.shortName, unit.name);
  }
  assert.equal(communes.filter((c) => c.hours.some((h) => h.weekday === 6)).length, 1);
  assert.equal(communes.filter((c) => c.booking.requiresCccd).length, 1);
  assert.equal(communes[0]!.procedureCodes.length, 438);
});

test('at least 3 dossiers in each of the 10 national statuses; all valid public views', () => {
  for (const status of DossierStatus.options) {
    assert.ok(seed.dossiers.filter((d) => d.status === status).length >= 3, status);
  }
  for (const rec of seed.dossiers) z.parse(Dossier, publicView(seed, rec.code));
});

test('codes: {agency}-{yymmdd}-{nnnn}, date part = submission date, unique', () => {
  const codes = new Set<string>();
  for (const d of seed.dossiers) {
    assert.match(d.code, DOSSIER_CODE_RE);
    assert.ok(d.code.startsWith(`${d.agencyCode}-`));
    assert.equal(d.code.slice(14, 20), vnDate(new Date(d.submittedAt)).slice(2).replace(/-/g, ''));
    assert.ok(!codes.has(d.code), d.code);
    codes.add(d.code);
    assert.match(d.applicantPhone, MOBILE_RE);
    assert.ok(d.applicantName.split(' ').length >= 3);
  }
});

test('histories are ordered, each step with its unit, nothing in the future', () => {
  for (const d of seed.dossiers) {
    assert.ok(d.history.length >= 1);
    for (let i = 0; i < d.history.length; i++) {
      const h = d.history[i]!;
      assert.ok(h.unit.length > 0);
      assert.ok(Date.parse(h.at) <= now.getTime(), `${d.code} ${h.at}`);
      if (i > 0) assert.ok(Date.parse(h.at) >= Date.parse(d.history[i - 1]!.at));
    }
    assert.equal(d.history.at(-1)!.status === d.status || d.status === 'processing', true, d.code);
    assert.ok(Date.parse(d.submittedAt) <= (d.receivedAt ? Date.parse(d.receivedAt) : now.getTime()));
  }
});

test('well-known dossiers show what their names promise', () => {
  const k = seed.wellKnown;
  assert.equal(publicView(seed, k.registered).dueAt, null);
  const onTime = publicView(seed, k.processingOnTime);
  assert.equal(onTime.overdue, false);
  assert.ok(onTime.workingDaysLeft! > 0);
  const resumed = publicView(seed, k.processingResumed);
  assert.equal(resumed.overdue, false);
  assert.ok(seed.dossiers.find((d) => d.code === k.processingResumed)!.pauses.every((p) => p.to !== null));
  const overdue = publicView(seed, k.overdue);
  assert.equal(overdue.overdue, true);
  assert.ok(overdue.overdueWorkingDays >= 1);
  assert.equal(overdue.apology, null);
  const apology = publicView(seed, k.apology);
  assert.ok(apology.apology);
  assert.equal(apology.overdue, false);
  assert.ok(apology.dueAt! > apology.originalDueAt!);
  assert.ok(Date.parse(apology.originalDueAt!) < now.getTime(), 'the first date has passed');
  const overdueApology = publicView(seed, k.overdueWithApology);
  assert.ok(overdueApology.apology);
  assert.equal(overdueApology.overdue, true);
  const supplement = publicView(seed, k.supplement);
  assert.equal(supplement.clockPaused, true);
  assert.ok(supplement.supplement!.items.length > 0);
  assert.ok(supplement.supplement!.bringTo.includes(supplement.agency.name));
  const money = publicView(seed, k.financialObligation);
  assert.ok(money.financialObligation!.amount > 0);
  assert.ok(publicView(seed, k.notReceived).rejectionReason);
  assert.ok(publicView(seed, k.suspended).rejectionReason);
  assert.equal(publicView(seed, k.withdrawn).status, 'withdrawal_requested');
  const resolved = publicView(seed, k.resolved);
  assert.equal(resolved.overdue, false);
  assert.ok(resolved.result);
  assert.equal(publicView(seed, k.resolvedLate).overdue, true);
  assert.deepEqual(publicView(seed, k.returnedRated).rating, { eligible: false, rated: true });
  assert.deepEqual(publicView(seed, k.returnedUnrated).rating, { eligible: true, rated: false });
});

test('due dates are computed, not stored: the same dossier turns overdue as time passes', () => {
  const code = seed.wellKnown.processingOnTime;
  const view = publicView(seed, code);
  const later = new Date(Date.parse(view.dueAt!) + 60_000);
  assert.equal(publicView(seed, code, later).overdue, true);
  assert.ok(!('dueAt' in seed.dossiers.find((d) => d.code === code)!));
});

test('survey: the official one-stop survey and ~300 responses over the last year', () => {
  assert.equal(seed.surveys.length, 1);
  const survey = z.parse(SurveyDefinition, seed.surveys[0]);
  assert.equal(survey.id, OFFICIAL_SURVEY_ID);
  assert.equal(survey.basis, 'Thông tư 01/2018/TT-VPCP');
  assert.equal(survey.criteria.length, 9);
  assert.deepEqual(survey.scale, ['very_satisfied', 'satisfied', 'dissatisfied']);
  assert.ok(survey.criteria.every((c) => c.label.vi && c.label.en));

  const n = seed.surveyResponses.length;
  assert.ok(n >= 280 && n <= 320, String(n));
  const byCode = new Map(seed.dossiers.map((d) => [d.code, d]));
  const yearAgo = now.getTime() - 366 * 86_400_000;
  const months = new Set<string>();
  const counts = { very_satisfied: 0, satisfied: 0, dissatisfied: 0 };
  for (const r of seed.surveyResponses) {
    const d = byCode.get(r.dossierCode);
    assert.equal(d?.status, 'returned', r.dossierCode);
    assert.equal(d.agencyCode, r.agencyCode);
    const t = Date.parse(r.submittedAt);
    assert.ok(t >= Date.parse(d.returnedAt!) && t <= now.getTime() && t >= yearAgo, r.submittedAt);
    months.add(r.submittedAt.slice(0, 7));
    const ids = new Set(survey.criteria.map((c) => c.id));
    for (const a of r.answers) {
      assert.ok(ids.has(a.criterion));
      counts[a.rating]++;
    }
    for (const c of survey.criteria.filter((c) => c.required)) assert.ok(r.answers.some((a) => a.criterion === c.id));
  }
  assert.equal(rated.size, n, 'one response per dossier');
  assert.ok(months.size >= 12, `months: ${months.size}`);
  // Realistic: mostly satisfied, some dissatisfied.
  const total = counts.very_satisfied + counts.satisfied + counts.dissatisfied;
  assert.ok(counts.very_satisfied / total > 0.35 && counts.dissatisfied / total > 0.03 && counts.dissatisfied / total < 0.3);
  assert.ok(seed.dossiers.some((d) => d.status === 'returned' && !rated.has(d.code)), 'some returned dossiers are not rated');
});

test('DEMO_DOSSIERS are the well-known codes of the seed built at DEMO_NOW', () => {
  const demo = buildSeed(DEMO_NOW);
  assert.equal(DEMO_DOSSIERS.returnedUnrated, demo.wellKnown.returnedUnrated);
  assert.equal(DEMO_DOSSIERS.overdueWithApology, demo.wellKnown.overdueWithApology);
  assert.match(DEMO_DOSSIERS.supplement, DOSSIER_CODE_RE);
});

test('the demo promises hold whatever the start time (holidays, weekends, evenings)', () => {
  for (const iso of ['2026-04-30T12:00:00+07:00', '2026-02-18T08:00:00+07:00', '2026-11-24T21:15:00+07:00']) {
    const at = new Date(iso);
    const s = buildSeed(at);
    const k = s.wellKnown;
    const v = (code: string) => z.parse(Dossier, publicView(s, code, at));
    assert.equal(v(k.processingOnTime).overdue, false, iso);
    assert.equal(v(k.processingResumed).overdue, false, iso);
    assert.equal(v(k.overdue).overdue, true, iso);
    assert.equal(v(k.apology).overdue, false, iso);
    assert.equal(v(k.overdueWithApology).overdue, true, iso);
    assert.equal(v(k.supplement).clockPaused, true, iso);
    assert.equal(v(k.resolved).overdue, false, iso);
    assert.equal(v(k.resolvedLate).overdue, true, iso);
    assert.equal(v(k.returnedUnrated).rating.eligible, true, iso);
    for (const d of s.dossiers) assert.ok(d.history.every((h) => Date.parse(h.at) <= at.getTime()), `${iso} ${d.code}`);
  }
});

test('some past dossiers went through a supplement round, and their due date moved with it', () => {
  const withPause = seed.dossiers.filter((d) => d.status === 'returned' && d.pauses.length > 0);
  assert.ok(withPause.length >= 10, String(withPause.length));
  for (const d of withPause) {
    assert.ok(d.pauses.every((p) => p.to !== null && p.from < p.to));
    assert.ok(d.history.some((h) => h.status === 'supplement_requested'));
    const agency = seed.agencies.find((a) => a.code === d.agencyCode)!;
    const cal = calendarFor(agency);
    const received = new Date(d.receivedAt!);
    assert.ok(cal.addWorkingDays(received, d.workingDaysAllowed!, d.pauses) > cal.addWorkingDays(received, d.workingDaysAllowed!));
  }
});

test('survey results differ by criterion: officials praised more than online services', () => {
  const share = (criterion: string) => {
    const answers = seed.surveyResponses.flatMap((r) => r.answers.filter((a) => a.criterion === criterion));
    return answers.filter((a) => a.rating !== 'dissatisfied').length / answers.length;
  };
  assert.ok(share('attitude') > share('online_service'), `${share('attitude')} vs ${share('online_service')}`);
  assert.ok(share('attitude') > share('contacts'));
  // Online service is only asked of those who submitted online.
  const online = seed.surveyResponses.filter((r) => r.answers.some((a) => a.criterion === 'online_service'));
  assert.ok(online.length > 50 && online.length < seed.surveyResponses.length);
});
