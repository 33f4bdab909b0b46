import * as z from 'zod/mini';
import { IsoDate, IsoDateTime } from './common.js';
import { APPOINTMENT_CODE_RE, CCCD_RE, MOBILE_RE } from './formats.js';
import { AgencyCode } from './agency.js';
import { ProcedureCode } from './procedure.js';

export const AppointmentCode = z.string().check(z.regex(APPOINTMENT_CODE_RE));
/** Mobile number in national form `0xxxxxxxxx`; clients normalise `+84…` before sending. */
export const MobilePhone = z.string().check(z.regex(MOBILE_RE));
export const Cccd = z.string().check(z.regex(CCCD_RE));

export const Slot = z.object({
  start: IsoDateTime,
  end: IsoDateTime,
  capacity: z.number().check(z.int(), z.gte(0)),
  remaining: z.number().check(z.int(), z.gte(0)),
});
export type Slot = z.infer<typeof Slot>;

export const ClosedReason = z.enum(['weekend', 'holiday', 'agency_closed', 'past', 'beyond_window']);
export type ClosedReason = z.infer<typeof ClosedReason>;

export const SlotDay = z.object({
  date: IsoDate,
  status: z.enum(['open', 'full', 'closed']),
  closedReason: z.nullable(ClosedReason),
  /** Holiday name in Vietnamese, when closed for a holiday. */
  holidayName: z.nullable(z.string()),
  capacity: z.number().check(z.int(), z.gte(0)),
  remaining: z.number().check(z.int(), z.gte(0)),
  slots: z.array(Slot),
});
export type SlotDay = z.infer<typeof SlotDay>;

export const SlotsQuery = z.object({
  procedure: z.optional(ProcedureCode),
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
});

export const SlotsResponse = z.object({
  agency: AgencyCode,
  procedure: z.nullable(ProcedureCode),
  from: IsoDate,
  to: IsoDate,
  days: z.array(SlotDay),
});
export type SlotsResponse = z.infer<typeof SlotsResponse>;

export const AppointmentRequest = z.object({
  agency: AgencyCode,
  procedure: ProcedureCode,
  start: IsoDateTime,
  fullName: z.string().check(z.minLength(2), z.maxLength(100)),
  phone: MobilePhone,
  cccd: z.optional(Cccd),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type AppointmentRequest = z.infer<typeof AppointmentRequest>;

export const Appointment = z.object({
  code: AppointmentCode,
  status: z.enum(['booked', 'cancelled']),
  agency: z.object({ code: AgencyCode, name: z.string(), address: z.string(), phone: z.nullable(z.string()) }),
  counter: z.object({ id: z.string(), name: z.string() }),
  procedure: z.object({ code: ProcedureCode, name: z.string() }),
  start: IsoDateTime,
  end: IsoDateTime,
  fullName: z.string(),
  /** Masked, e.g. `091****678`. */
  phone: z.string(),
  note: z.nullable(z.string()),
  /** What to bring, from the procedure's dossier components. */
  bring: z.array(z.string()),
  createdAt: IsoDateTime,
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentLookupQuery = z.object({ phone: MobilePhone });
export const AppointmentCancelRequest = z.object({ phone: MobilePhone });
export const AppointmentRescheduleRequest = z.object({ phone: MobilePhone, start: IsoDateTime });
