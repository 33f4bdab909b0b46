import * as z from 'zod/mini';
import { ClockTime } from './common.js';
import { AGENCY_CODE_RE, PROVINCE_CODE_RE } from './formats.js';

export const AgencyCode = z.string().check(z.regex(AGENCY_CODE_RE));

/** Since 1 July 2025 only province and commune exist; `district` stays for legacy data. */
export const AgencyLevel = z.enum(['province', 'commune', 'district']);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

/** One opening interval on an ISO weekday (1 = Monday … 7 = Sunday). Hours are data, not code. */
export const WorkingInterval = z.object({
  weekday: z.number().check(z.int(), z.gte(1), z.lte(7)),
  open: ClockTime,
  close: ClockTime,
});
export type WorkingInterval = z.infer<typeof WorkingInterval>;

export const Counter = z.object({
  id: z.string(),
  name: z.string(),
  /** Field names (lĩnh vực) this counter receives. Empty: all fields. */
  fields: z.array(z.string()),
});
export type Counter = z.infer<typeof Counter>;

export const BookingPolicy = z.object({
  enabled: z.boolean(),
  slotMinutes: z.number().check(z.int(), z.gte(5), z.lte(240)),
  /** Bookings per slot across all counters. */
  capacityPerSlot: z.number().check(z.int(), z.gte(1)),
  maxPerPhonePerDay: z.number().check(z.int(), z.gte(1)),
  daysAhead: z.number().check(z.int(), z.gte(1), z.lte(90)),
  requiresCccd: z.boolean(),
});
export type BookingPolicy = z.infer<typeof BookingPolicy>;

export const Agency = z.object({
  code: AgencyCode,
  name: z.string(),
  shortName: z.nullable(z.string()),
  level: AgencyLevel,
  provinceCode: z.string().check(z.regex(PROVINCE_CODE_RE)),
  provinceName: z.string(),
  /** 5-digit commune code for commune-level agencies. */
  communeCode: z.nullable(z.string()),
  address: z.string(),
  phone: z.nullable(z.string()),
  email: z.nullable(z.string()),
  website: z.nullable(z.string()),
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  hours: z.array(WorkingInterval),
  counters: z.array(Counter),
  booking: BookingPolicy,
});
export type Agency = z.infer<typeof Agency>;

/** Lĩnh vực (sector), with how many procedures the agency handles in it. */
export const Field = z.object({
  name: z.string(),
  procedureCount: z.number().check(z.int(), z.gte(0)),
});
export type Field = z.infer<typeof Field>;

export const FieldList = z.object({ items: z.array(Field) });
export type FieldList = z.infer<typeof FieldList>;
