import * as z from 'zod/mini';
import { FacetCount, Page, PageQuery } from './common.js';
import { PROCEDURE_CODE_RE } from './formats.js';
import { AgencyCode } from './agency.js';

export const ProcedureCode = z.string().check(z.regex(PROCEDURE_CODE_RE));

/** Submission channels (cách thức thực hiện). */
export const Channel = z.enum(['in_person', 'online', 'post']);
export type Channel = z.infer<typeof Channel>;

/** Implementing level after the 2025 reform; `ministry`/`other` appear in the national catalog. */
export const ProcedureLevel = z.enum(['ministry', 'province', 'commune', 'other']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** Decree 42/2022: toàn trình (full) / một phần (partial). Null where the source does not say. */
export const OnlineLevel = z.enum(['full', 'partial']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

export const ChannelInfo = z.object({
  channel: Channel,
  /** Processing time as published, e.g. "5 Ngày làm việc". */
  time: z.nullable(z.string()),
  /** Parsed working days where the text allows it without guessing. */
  workingDays: z.nullable(z.number().check(z.gte(0))),
  /** Fee as published, e.g. "Miễn phí", "10,000 Việt Nam Đồng". */
  fee: z.nullable(z.string()),
  /** Parsed fee in VND where unambiguous (0 for free). */
  feeAmount: z.nullable(z.number().check(z.int(), z.gte(0))),
  feeNote: z.nullable(z.string()),
  description: z.nullable(z.string()),
});
export type ChannelInfo = z.infer<typeof ChannelInfo>;

export const ProcedureSummary = z.object({
  code: ProcedureCode,
  name: z.string(),
  field: z.string(),
  levels: z.array(ProcedureLevel),
  onlineLevel: z.nullable(OnlineLevel),
  channels: z.array(Channel),
  processingTime: z.nullable(z.string()),
  fee: z.nullable(z.string()),
  agency: z.nullable(z.string()),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const DocumentItem = z.object({
  name: z.string(),
  /** Form or template (mẫu đơn, tờ khai) where one is named. */
  form: z.nullable(z.string()),
  originals: z.nullable(z.number().check(z.int(), z.gte(0))),
  copies: z.nullable(z.number().check(z.int(), z.gte(0))),
});
export type DocumentItem = z.infer<typeof DocumentItem>;

/** Documents grouped per case ("Trường hợp …"); `title` null for the single default group. */
export const DocumentGroup = z.object({
  title: z.nullable(z.string()),
  items: z.array(DocumentItem),
});
export type DocumentGroup = z.infer<typeof DocumentGroup>;

export const LegalBasis = z.object({
  /** Document number, e.g. `85/2019/TT-BTC`; null where the source gives none. */
  number: z.nullable(z.string()),
  title: z.string(),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

export const ProcedureDetail = z.object({
  ...ProcedureSummary.shape,
  /** One entry per step (Bước 1: …), as published. */
  steps: z.array(z.string()),
  channelDetails: z.array(ChannelInfo),
  documents: z.array(DocumentGroup),
  /** Raw published text where parsing into `documents` would have guessed. */
  documentsRaw: z.nullable(z.string()),
  subjects: z.nullable(z.string()),
  implementingAgency: z.nullable(z.string()),
  result: z.nullable(z.string()),
  legalBasis: z.array(LegalBasis),
  legalBasisRaw: z.nullable(z.string()),
  requirements: z.nullable(z.string()),
  receivingAddress: z.nullable(z.string()),
  decision: z.nullable(z.string()),
  issuingBody: z.nullable(z.string()),
  procedureType: z.nullable(z.string()),
  /** The procedure's page on the national public-service portal. */
  nationalPortalUrl: z.nullable(z.url()),
  /** Citation of the data source record. */
  source: z.string(),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const ProcedureSearchQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(200))),
  agency: z.optional(AgencyCode),
  field: z.optional(z.string().check(z.maxLength(200))),
  level: z.optional(ProcedureLevel),
  onlineLevel: z.optional(OnlineLevel),
  channel: z.optional(Channel),
  ...PageQuery,
});
export type ProcedureSearchQuery = z.infer<typeof ProcedureSearchQuery>;

export const ProcedureFacets = z.object({
  field: z.array(FacetCount),
  level: z.array(FacetCount),
  onlineLevel: z.array(FacetCount),
  channel: z.array(FacetCount),
});
export type ProcedureFacets = z.infer<typeof ProcedureFacets>;

export const ProcedureSearchResult = z.object({
  ...Page(ProcedureSummary).shape,
  facets: ProcedureFacets,
});
export type ProcedureSearchResult = z.infer<typeof ProcedureSearchResult>;

/**
 * Compact catalog for client-side search (served with an ETag). Short keys keep the payload
 * small on rural links: c code, n name, f index into `fields`, l levels, o online level,
 * ch channels.
 */
export const ProcedureIndexItem = z.object({
  c: ProcedureCode,
  n: z.string(),
  f: z.number().check(z.int(), z.gte(0)),
  l: z.array(ProcedureLevel),
  o: z.nullable(OnlineLevel),
  ch: z.array(Channel),
});
export type ProcedureIndexItem = z.infer<typeof ProcedureIndexItem>;

export const ProcedureIndex = z.object({
  version: z.string(),
  agency: z.nullable(AgencyCode),
  fields: z.array(z.string()),
  items: z.array(ProcedureIndexItem),
});
export type ProcedureIndex = z.infer<typeof ProcedureIndex>;
