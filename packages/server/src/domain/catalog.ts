import type { Channel, ChannelInfo, OnlineLevel, ProcedureDetail, ProcedureLevel } from '@dvc-widgets/contract';
import { readDataJson } from './data.js';
import {
  cleanProcedureName,
  parseDocuments,
  parseFeeAmount,
  parseLegalBasis,
  parseResult,
  parseSteps,
  parseWorkingDays,
} from './parse.js';

/** One line of data/procedures.json. */
export interface RawProcedure {
  code: string;
  name: string;
  field: string;
  level: string;
  levels: string[];
  agency: string | null;
  processingTime: string | null;
  fee: string | null;
  feeNote: string | null;
  onlineLevel: null;
  channels: { channel: string; time: string | null; fee: string | null; feeNote: string | null; description: string | null }[];
  decision: string | null;
  procedureType: string | null;
  issuingBody: string | null;
  url: string | null;
  source: string;
}

/** One record of data/procedure-details-commune.json. */
export interface RawProcedureDetail {
  code: string;
  subjects: string | null;
  steps: string | null;
  documentsRaw: string | null;
  legalBasisRaw: string | null;
  requirements: string | null;
  resultRaw: string | null;
  receivingAddress: string | null;
  relatedProcedures: string | null;
  source: string;
}

export interface Catalog {
  procedures: ProcedureDetail[];
  byCode: Map<string, ProcedureDetail>;
  /** Field names (lĩnh vực), sorted with the Vietnamese collation. */
  fields: string[];
}

const LEVELS: Record<string, ProcedureLevel> = {
  'Cấp bộ': 'ministry',
  'Cấp tỉnh': 'province',
  'Cấp xã': 'commune',
  'Cơ quan khác': 'other',
};

const CHANNELS: Record<string, Channel> = {
  'Trực tiếp': 'in_person',
  'Trực tuyến': 'online',
  'Dịch vụ bưu chính': 'post',
};

/**
 * Fields whose "Cấp xã" label means a customs or tax office at base level, not the commune
 * People's Committee (data/SOURCES.md); demo commune agencies leave them out.
 */
export const NON_COMMUNE_FIELDS: readonly string[] = ['Hải quan', 'Thuế'];

export function mapLevel(level: string): ProcedureLevel {
  const mapped = LEVELS[level];
  if (!mapped) throw new RangeError(`Unknown level: ${level}`);
  return mapped;
}

export function mapChannel(channel: string): Channel {
  const mapped = CHANNELS[channel];
  if (!mapped) throw new RangeError(`Unknown channel: ${channel}`);
  return mapped;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Turns one raw record (and its detail record, for commune-level ones) into the contract shape. */
export function toProcedureDetail(raw: RawProcedure, detail: RawProcedureDetail | undefined): ProcedureDetail {
  const channelDetails: ChannelInfo[] = raw.channels.map((c) => ({
    channel: mapChannel(c.channel),
    time: c.time,
    workingDays: parseWorkingDays(c.time),
    fee: c.fee,
    feeAmount: parseFeeAmount(c.fee),
    feeNote: c.feeNote,
    description: c.description,
  }));
  const documents = parseDocuments(detail?.documentsRaw ?? null);
  const legal = parseLegalBasis(detail?.legalBasisRaw ?? null);
  return {
    code: raw.code,
    name: cleanProcedureName(raw.name),
    field: raw.field,
    levels: unique(raw.levels.map(mapLevel)),
    // Neither source publishes the online level (toàn trình / một phần): null, never derived.
    onlineLevel: null,
    channels: unique(channelDetails.map((c) => c.channel)),
    processingTime: raw.processingTime,
    fee: raw.fee,
    agency: raw.agency,
    steps: parseSteps(detail?.steps ?? null),
    channelDetails,
    documents: documents.groups,
    documentsRaw: detail?.documentsRaw && (documents.lossy || documents.groups.length === 0) ? detail.documentsRaw : null,
    subjects: detail?.subjects ?? null,
    implementingAgency: raw.agency,
    result: parseResult(detail?.resultRaw ?? null),
    legalBasis: legal.entries,
    legalBasisRaw: detail?.legalBasisRaw && legal.lossy ? detail.legalBasisRaw : null,
    requirements: detail?.requirements ?? null,
    receivingAddress: detail?.receivingAddress ?? null,
    decision: raw.decision,
    issuingBody: raw.issuingBody,
    procedureType: raw.procedureType,
    nationalPortalUrl: raw.url,
    source: detail ? `${raw.source}; ${detail.source}` : raw.source,
  };
}

/**
 * The online level a demo agency publishes for a procedure it handles. The national data never
 * says (always null there); an agency does, for its own list. For the demo agencies we assign
 * only what the data supports: a published online channel means the dossier can be submitted
 * online, which is at least "một phần" (partial, Decree 42/2022). "Toàn trình" (full) also needs
 * online payment and an electronic result, which the data does not show, so it is never assigned.
 */
export function demoOnlineLevel(p: Pick<ProcedureDetail, 'channels'>): OnlineLevel | null {
  return p.channels.includes('online') ? 'partial' : null;
}

let cached: Catalog | undefined;

/** All 2,849 procedures in the contract shape; commune-level ones with parsed details. Memoised. */
export function loadCatalog(): Catalog {
  if (cached) return cached;
  const raws = readDataJson<RawProcedure[]>('procedures.json');
  const details = new Map(readDataJson<RawProcedureDetail[]>('procedure-details-commune.json').map((d) => [d.code, d]));
  const procedures = raws.map((r) => toProcedureDetail(r, details.get(r.code)));
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const collator = new Intl.Collator('vi');
  const fields = unique(procedures.map((p) => p.field)).sort(collator.compare);
  cached = { procedures, byCode, fields };
  return cached;
}

/** Raw detail records (for tests and reports on the parsers). */
export function loadRawDetails(): RawProcedureDetail[] {
  return readDataJson<RawProcedureDetail[]>('procedure-details-commune.json');
}
