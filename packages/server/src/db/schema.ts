import type { ColumnType, Generated } from 'kysely';

/** Timestamps go in as ISO strings or Dates and come out as Dates on both PGlite and `pg`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: written as a JSON string (portable across both drivers), read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface MetaTable {
  key: string;
  value: string;
}

export interface AgencyTable {
  code: string;
  name: string;
  /** The full AgencyRecord (hours, counters, booking policy, CORS origins). */
  record: Json<unknown>;
}

export interface ProcedureTable {
  code: string;
  name: string;
  field: string;
  levels: Json<string[]>;
  online_level: string | null;
  channels: Json<string[]>;
  detail: Json<unknown>;
}

export interface AgencyProcedureTable {
  agency_code: string;
  procedure_code: string;
}

export interface DossierTable {
  code: string;
  agency_code: string;
  procedure_code: string;
  status: string;
  submitted_at: Timestamp;
  /** The DossierRecord (personal data: only ever sent through `toPublicDossier`). */
  record: Json<unknown>;
}

export interface SurveyTable {
  id: string;
  definition: Json<unknown>;
}

export interface SurveyResponseTable {
  reference: string;
  survey_id: string;
  dossier_code: string;
  agency_code: string;
  submitted_at: Timestamp;
  answers: Json<{ criterion: string; rating: string }[]>;
  comment: string | null;
}

export interface AppointmentTable {
  code: string;
  agency_code: string;
  procedure_code: string;
  counter_id: string;
  start_at: Timestamp;
  end_at: Timestamp;
  /** Asia/Ho_Chi_Minh calendar day of `start_at`, for the per-phone daily limit. */
  day: string;
  full_name: string;
  phone: string;
  cccd: string | null;
  note: string | null;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlotBookingTable {
  agency_code: string;
  slot_start: Timestamp;
  booked: number;
  capacity: number;
}

export interface IdempotencyKeyTable {
  key: string;
  route: string;
  body_hash: string;
  /** Null while the first request is still running (the lock row). */
  status: number | null;
  response: string | null;
  created_at: Timestamp;
}

export interface Database {
  meta: MetaTable;
  agencies: AgencyTable;
  procedures: ProcedureTable;
  agency_procedures: AgencyProcedureTable;
  dossiers: DossierTable;
  surveys: SurveyTable;
  survey_responses: SurveyResponseTable;
  appointments: AppointmentTable;
  slot_bookings: SlotBookingTable;
  idempotency_keys: IdempotencyKeyTable;
}

export type { Generated };
