import type { Kysely } from 'kysely';
import type { ProcedureSummary } from '@dvc-widgets/contract';
import { calendarFor, type AgencyRecord, type WorkingCalendar } from '../domain/index.js';
import type { Database } from '../db/schema.js';
import { notFound } from '../http/errors.js';

/** jsonb comes back parsed from both drivers; a string means a driver returned raw text. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function toAgency(record: unknown): AgencyRecord {
  const stored = fromJson<Omit<AgencyRecord, 'procedureCodes'> & { procedureCodes?: string[] }>(record);
  return { ...stored, procedureCodes: [] };
}

/**
 * How long a read path may use an agency record it read before (`recentAgency`). Agencies change
 * rarely (an office's hours, a closure): an answer that shows them at most this stale costs
 * nothing, and spares every search and dossier lookup a database round trip. Bookings,
 * reschedules and slot lists always read the record fresh.
 */
const AGENCY_TTL_MS = 30_000;

/** Shared access to the database plus the few caches of data that never changes at run time. */
export class Store {
  private readonly calendars = new Map<string, { key: string; calendar: WorkingCalendar }>();
  private readonly recent = new Map<string, { at: number; record: Promise<AgencyRecord | null> }>();

  constructor(
    readonly db: Kysely<Database>,
    readonly now: () => Date,
  ) {}

  /**
   * The agency record. Its `procedureCodes` is always empty here: which procedures an agency
   * handles lives in the agency_procedures table (ask `ProcedureService.handles`).
   */
  async findAgency(code: string, db: Kysely<Database> = this.db): Promise<AgencyRecord | null> {
    const row = await db.selectFrom('agencies').select('record').where('code', '=', code).executeTakeFirst();
    return row ? toAgency(row.record) : null;
  }

  async agency(code: string, db: Kysely<Database> = this.db): Promise<AgencyRecord> {
    const agency = await this.findAgency(code, db);
    if (!agency) throw notFound('Agency', { agency: code });
    return agency;
  }

  /** The agency as read at most AGENCY_TTL_MS ago (for answers that only show or scope by it). */
  async recentAgency(code: string): Promise<AgencyRecord> {
    const t = Date.now();
    let entry = this.recent.get(code);
    if (!entry || t - entry.at > AGENCY_TTL_MS) {
      if (this.recent.size > 10_000) this.recent.clear();
      const record = this.findAgency(code).catch((error: unknown) => {
        this.recent.delete(code);
        throw error;
      });
      entry = { at: t, record };
      this.recent.set(code, entry);
    }
    const agency = await entry.record;
    if (!agency) throw notFound('Agency', { agency: code });
    return agency;
  }

  async allAgencies(): Promise<AgencyRecord[]> {
    const rows = await this.db.selectFrom('agencies').select('record').execute();
    return rows.map((r) => toAgency(r.record));
  }

  /** One calendar per agency, rebuilt only when the agency's hours change. */
  calendar(agency: AgencyRecord): WorkingCalendar {
    const key = JSON.stringify(agency.hours);
    const cached = this.calendars.get(agency.code);
    if (cached && cached.key === key) return cached.calendar;
    // Holidays plus the make-up working Saturdays of civil-service day swaps.
    const calendar = calendarFor(agency);
    this.calendars.set(agency.code, { key, calendar });
    return calendar;
  }

  async procedureName(code: string, db: Kysely<Database> = this.db): Promise<string> {
    const row = await db.selectFrom('procedures').select('name').where('code', '=', code).executeTakeFirst();
    return row?.name ?? code;
  }
}

export type { ProcedureSummary };
