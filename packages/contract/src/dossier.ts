import * as z from 'zod/mini';
import { IsoDateTime } from './common.js';
import { DOSSIER_CODE_RE } from './formats.js';
import { AgencyCode } from './agency.js';
import { ProcedureCode } from './procedure.js';

export const DossierCode = z.string().check(z.regex(DOSSIER_CODE_RE));

/**
 * The national synchronisation status list (1–10), as slugs. `DOSSIER_STATUS_NUMBER` maps each
 * to its national number; the list itself is data-driven in the server.
 */
export const DossierStatus = z.enum([
  'registered', // 1 Mới đăng ký
  'received', // 2 Được tiếp nhận
  'not_received', // 3 Không được tiếp nhận
  'processing', // 4 Đang xử lý
  'supplement_requested', // 5 Yêu cầu bổ sung giấy tờ
  'financial_obligation', // 6 Yêu cầu thực hiện nghĩa vụ tài chính
  'withdrawal_requested', // 7 Công dân yêu cầu rút hồ sơ
  'suspended', // 8 Dừng xử lý
  'resolved', // 9 Đã xử lý xong
  'returned', // 10 Đã trả kết quả
]);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const DOSSIER_STATUS_NUMBER: Record<DossierStatus, number> = {
  registered: 1,
  received: 2,
  not_received: 3,
  processing: 4,
  supplement_requested: 5,
  financial_obligation: 6,
  withdrawal_requested: 7,
  suspended: 8,
  resolved: 9,
  returned: 10,
};

export const DossierHistoryEntry = z.object({
  at: IsoDateTime,
  status: DossierStatus,
  /** The unit that acted (Bộ phận Một cửa, Phòng Tư pháp…). */
  unit: z.string(),
  /** What happened, as the agency wrote it. */
  note: z.nullable(z.string()),
});
export type DossierHistoryEntry = z.infer<typeof DossierHistoryEntry>;

export const SupplementRequest = z.object({
  requestedAt: IsoDateTime,
  items: z.array(z.string()),
  bringTo: z.string(),
  note: z.nullable(z.string()),
});
export const FinancialObligation = z.object({
  description: z.string(),
  amount: z.number().check(z.int(), z.gte(0)),
  payTo: z.string(),
});
export const ApologyLetter = z.object({
  issuedAt: IsoDateTime,
  reason: z.string(),
  newDueAt: IsoDateTime,
  issuedBy: z.string(),
});
export const ResultPickup = z.object({
  description: z.nullable(z.string()),
  place: z.string(),
  /** When collection opens; collection follows the agency's hours. */
  from: IsoDateTime,
});

export const Dossier = z.object({
  code: DossierCode,
  procedure: z.object({ code: ProcedureCode, name: z.string() }),
  agency: z.object({ code: AgencyCode, name: z.string(), address: z.string(), phone: z.nullable(z.string()) }),
  /** Masked applicant name, e.g. "Nguyễn V*** A**". Lookups never return more personal data. */
  applicant: z.string(),
  status: DossierStatus,
  statusNumber: z.number().check(z.int(), z.gte(1), z.lte(10)),
  submittedAt: IsoDateTime,
  receivedAt: z.nullable(IsoDateTime),
  /** Due date (ngày hẹn trả) in force: the apology letter's new date once one is issued. */
  dueAt: z.nullable(IsoDateTime),
  /** The due date first promised on the receipt. */
  originalDueAt: z.nullable(IsoDateTime),
  resolvedAt: z.nullable(IsoDateTime),
  returnedAt: z.nullable(IsoDateTime),
  /** Working days allowed by law for this dossier. */
  workingDaysAllowed: z.nullable(z.number().check(z.gte(0))),
  /** Working days left before `dueAt`, computed against now; 0 when due today or past. */
  workingDaysLeft: z.nullable(z.number().check(z.gte(0))),
  /** Working days past `dueAt` (0 when not overdue). */
  overdueWorkingDays: z.number().check(z.gte(0)),
  overdue: z.boolean(),
  /** Share of the allowed working time used, 0–1 (may exceed 1 when overdue). */
  progress: z.nullable(z.number().check(z.gte(0))),
  /** Whether the clock is paused (waiting for supplements). */
  clockPaused: z.boolean(),
  history: z.array(DossierHistoryEntry),
  supplement: z.nullable(SupplementRequest),
  financialObligation: z.nullable(FinancialObligation),
  apology: z.nullable(ApologyLetter),
  rejectionReason: z.nullable(z.string()),
  result: z.nullable(ResultPickup),
  rating: z.object({ eligible: z.boolean(), rated: z.boolean() }),
  /** Server time the answer was computed at (offline views show it). */
  asOf: IsoDateTime,
});
export type Dossier = z.infer<typeof Dossier>;
