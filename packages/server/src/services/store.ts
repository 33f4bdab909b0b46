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

/** Shared access to the database plus the few caches of data that never changes at run time. */
export class Store {
  private readonly calendars = new Map<string, { key: string; calendar: WorkingCalendar }>();

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
