import { DOSSIER_STATUS_NUMBER } from '@dvc-widgets/contract';
import type { Agency, Dossier, DossierStatus } from '@dvc-widgets/contract';
import type { Pause, WorkingCalendar } from './calendar.js';
import { maskName } from './mask.js';
import { toIsoVn } from '@dvc-widgets/vn/vn-date';

/** Storage form of a dossier. It holds personal data and is never sent as is. */
export interface DossierRecord {
  code: string;
  procedureCode: string;
  agencyCode: string;
  applicantName: string;
  applicantPhone: string;
  status: DossierStatus;
  submittedAt: string;
  receivedAt: string | null;
  /** Working days allowed by law; null where the procedure publishes no working-day limit. */
  workingDaysAllowed: number | null;
  history: { at: string; status: DossierStatus; unit: string; note: string | null }[];
  /** Clock stops (supplement requests, financial obligations); `to: null` while still paused. */
  pauses: Pause[];
  supplement: { requestedAt: string; items: string[]; bringTo: string; note: string | null } | null;
  financialObligation: { description: string; amount: number; payTo: string } | null;
  /** The apology letter (thư xin lỗi) grants extra working days after the original due date. */
  apology: { issuedAt: string; reason: string; extraWorkingDays: number; issuedBy: string } | null;
  rejectionReason: string | null;
  result: { description: string | null; place: string; from: string } | null;
  resolvedAt: string | null;
  returnedAt: string | null;
}

export interface AgencyRecord extends Agency {
  /** Procedures the agency receives. */
  procedureCodes: string[];
  /** Origins allowed to call the API for this agency; empty: any origin. */
  corsOrigins: string[];
}

/** Statuses in which the processing clock can run out. */
const IN_PROGRESS: ReadonlySet<DossierStatus> = new Set([
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
]);
/** Statuses with a result, judged late or on time at `resolvedAt`. */
const DONE: ReadonlySet<DossierStatus> = new Set(['resolved', 'returned']);
/** Statuses without a due date (never received). */
const NOT_RECEIVED: ReadonlySet<DossierStatus> = new Set(['registered', 'not_received']);

/** Rounds to 3 decimals so 0.1 + 0.2-style noise does not leak into the API. */
function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Pauses with open ends closed at `now`: the due date shown is the one if work resumed now. */
function closePauses(pauses: Pause[], now: Date): Pause[] {
  const nowIso = now.toISOString();
  return pauses
    .filter((p) => Date.parse(p.from) < now.getTime())
    .map((p) => ({ from: p.from, to: p.to ?? nowIso }));
}

export interface DueDates {
  /** Due date first promised on the receipt (pauses included). */
  originalDueAt: Date;
  /** Due date in force: the apology's new date when one was issued. */
  dueAt: Date;
}

/** Due dates of a received dossier, or null when it has none (not received, no legal limit). */
export function computeDueDates(rec: DossierRecord, calendar: WorkingCalendar, now: Date): DueDates | null {
  if (rec.receivedAt === null || rec.workingDaysAllowed === null || NOT_RECEIVED.has(rec.status)) return null;
  const pauses = closePauses(rec.pauses, now);
  const originalDueAt = calendar.addWorkingDays(new Date(rec.receivedAt), rec.workingDaysAllowed, pauses);
  const dueAt = rec.apology
    ? calendar.addWorkingDays(originalDueAt, rec.apology.extraWorkingDays, pauses)
    : originalDueAt;
  return { originalDueAt, dueAt };
}

/**
 * The public view of a dossier, computed against `now`: due dates from the working calendar
 * (never stored), overdue flags, progress, and a masked applicant name.
 */
export function toPublicDossier(
  rec: DossierRecord,
  ctx: { agency: AgencyRecord; procedureName: string; calendar: WorkingCalendar; now: Date; rated: boolean },
): Dossier {
  const { agency, calendar, now } = ctx;
  const due = computeDueDates(rec, calendar, now);
  const pauses = closePauses(rec.pauses, now);
  const clockPaused = rec.pauses.some((p) => Date.parse(p.from) <= now.getTime() && (p.to === null || Date.parse(p.to) > now.getTime()));
  const inProgress = IN_PROGRESS.has(rec.status);
  const done = DONE.has(rec.status) && rec.resolvedAt !== null;
  // The moment the clock is read at: now while the dossier is open, the resolution once done.
  const clockAt = done ? new Date(rec.resolvedAt!) : now;

  let overdue = false;
  let overdueWorkingDays = 0;
  let workingDaysLeft: number | null = null;
  let progress: number | null = null;
  if (due && rec.receivedAt && rec.workingDaysAllowed !== null) {
    if (inProgress || done) {
      overdue = clockAt.getTime() > due.dueAt.getTime();
      if (overdue) {
        // Any open time past the due date counts as a started day late; at least one.
        overdueWorkingDays = Math.max(1, Math.ceil(round3(calendar.workingDaysBetween(due.dueAt, clockAt, pauses))));
      }
    }
    if (inProgress) {
      // Whole working days after today up to the due date's day: 0 when due today or past. A
      // centre open on Saturday mornings counts those Saturdays, as the citizen can come then.
      workingDaysLeft = overdue ? 0 : calendar.workingDatesAfter(now, due.dueAt);
    }
    if (rec.workingDaysAllowed > 0 && (inProgress || done)) {
      const used = calendar.workingDaysBetween(new Date(rec.receivedAt), clockAt, pauses);
      progress = round3(used / rec.workingDaysAllowed);
      // Rounding must not show 100 % a minute before the due date.
      if (clockAt.getTime() < due.originalDueAt.getTime()) progress = Math.min(progress, 0.999);
    } else if (rec.workingDaysAllowed === 0 && (inProgress || done)) {
      progress = overdue || done ? 1 : 0;
    }
  }

  const returned = rec.status === 'returned';
  return {
    code: rec.code,
    procedure: { code: rec.procedureCode, name: ctx.procedureName },
    agency: { code: agency.code, name: agency.name, address: agency.address, phone: agency.phone },
    applicant: maskName(rec.applicantName),
    status: rec.status,
    statusNumber: DOSSIER_STATUS_NUMBER[rec.status],
    submittedAt: iso(rec.submittedAt),
    receivedAt: rec.receivedAt === null ? null : iso(rec.receivedAt),
    dueAt: due ? toIsoVn(due.dueAt) : null,
    originalDueAt: due ? toIsoVn(due.originalDueAt) : null,
    resolvedAt: rec.resolvedAt === null ? null : iso(rec.resolvedAt),
    returnedAt: rec.returnedAt === null ? null : iso(rec.returnedAt),
    workingDaysAllowed: rec.workingDaysAllowed,
    workingDaysLeft,
    overdueWorkingDays,
    overdue,
    progress,
    clockPaused: inProgress && clockPaused,
    history: rec.history.map((h) => ({ at: iso(h.at), status: h.status, unit: h.unit, note: h.note })),
    supplement: rec.supplement ? { ...rec.supplement, requestedAt: iso(rec.supplement.requestedAt), items: [...rec.supplement.items] } : null,
    financialObligation: rec.financialObligation ? { ...rec.financialObligation } : null,
    apology:
      rec.apology && due
        ? { issuedAt: iso(rec.apology.issuedAt), reason: rec.apology.reason, newDueAt: toIsoVn(due.dueAt), issuedBy: rec.apology.issuedBy }
        : null,
    rejectionReason: rec.rejectionReason,
    result: rec.result ? { description: rec.result.description, place: rec.result.place, from: iso(rec.result.from) } : null,
    rating: { eligible: returned && !ctx.rated, rated: ctx.rated },
    asOf: toIsoVn(now),
  };
}

/** Any stored ISO instant, rewritten with the Vietnamese offset. */
function iso(value: string): string {
  return toIsoVn(new Date(value));
}
