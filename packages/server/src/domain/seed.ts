import type { DossierStatus, ProcedureDetail, Rating, SurveyDefinition } from '@dvc-widgets/contract';
import { DEMO_AGENCY_CODES, buildDemoAgencies } from './agencies.js';
import { WorkingCalendar } from './calendar.js';
import type { Pause } from './calendar.js';
import { loadCatalog } from './catalog.js';
import type { AgencyRecord, DossierRecord } from './dossier.js';
import { loadHolidays, loadMakeUpWorkdays } from './holidays.js';
import { Prng, hashSeed } from './prng.js';
import { OFFICIAL_SURVEY, OFFICIAL_SURVEY_ID } from './survey.js';
import type { SurveyResponseRecord } from './survey.js';
import { DAY_MS, MINUTE_MS, toIsoVn, vnDate } from '@dvc-widgets/vn/vn-date';

/** Keys of the demo dossiers that tests, stories and demos refer to. */
export type DemoDossierKey =
  | 'registered'
  | 'received'
  | 'processingOnTime'
  | 'processingResumed'
  | 'overdue'
  | 'apology'
  | 'overdueWithApology'
  | 'supplement'
  | 'financialObligation'
  | 'notReceived'
  | 'withdrawn'
  | 'suspended'
  | 'resolved'
  | 'resolvedLate'
  | 'returnedRated'
  | 'returnedUnrated';

export interface Seed {
  agencies: AgencyRecord[];
  dossiers: DossierRecord[];
  surveys: SurveyDefinition[];
  surveyResponses: SurveyResponseRecord[];
  /** Codes of the well-known demo dossiers (they depend on `now`: the code carries the date). */
  wellKnown: Record<DemoDossierKey, string>;
}

/** The working calendar of an agency: its hours, the holidays and the make-up working days. */
export function calendarFor(agency: Pick<AgencyRecord, 'hours'>): WorkingCalendar {
  return new WorkingCalendar(agency.hours, loadHolidays(), loadMakeUpWorkdays());
}

const calendars = new WeakMap<AgencyRecord, WorkingCalendar>();
function cachedCalendar(agency: AgencyRecord): WorkingCalendar {
  let calendar = calendars.get(agency);
  if (!calendar) {
    calendar = calendarFor(agency);
    calendars.set(agency, calendar);
  }
  return calendar;
}

const SEED = hashSeed('dvc-widgets demo seed v1');
/** Past survey responses for the results view, spread over the last twelve months. */
const SURVEY_RESPONSES = 300;
/** Returned dossiers nobody rated, spread over the same year. */
const UNRATED_RETURNED = 40;

// Fictitious applicants: common Vietnamese family names (weighted roughly by frequency) and given names.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4], ['Vũ', 4], ['Võ', 3],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Huỳnh', 2], ['Hồ', 1], ['Ngô', 1], ['Dương', 1], ['Lý', 1], ['Đinh', 1],
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thành', 'Xuân', 'Tiến', 'Mạnh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Thùy', 'Hồng', 'Bích', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tuấn', 'Việt', 'Hiếu', 'Đạt', 'Trung', 'Thắng', 'Huy', 'Kiên'];
const GIVEN_F = ['Anh', 'Hà', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Vân', 'Yến', 'Hằng', 'Giang', 'Hạnh', 'Ly', 'Tâm'];
/** Mobile prefixes per MOBILE_RE (03[2-9], 05x, 07[06-9], 08[1-9], 09x). */
const PREFIXES = ['090', '091', '093', '094', '096', '097', '098', '086', '088', '032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085', '056', '058'];

/** Commune procedures with a published working-day limit, by what the demo dossiers need. */
const POOL = {
  residence: ['1.004194', '1.004222', '1.003197', '1.010038', '1.002755', '1.010041'],
  civil: ['1.004837', '1.000593', '1.003583', '2.000908', '1.004845', '2.001255'],
  land: ['1.012753', '1.012796', '1.013979'],
} as const;
/** Procedures whose published time is not in working days (bare number): no due date. */
const NO_LIMIT = ['1.001193', '1.000894'];

type Pool = keyof typeof POOL;

interface Ctx {
  prng: Prng;
  now: Date;
  catalog: Map<string, ProcedureDetail>;
  usedCodes: Set<string>;
}

interface Event {
  at: Date;
  status: DossierStatus;
  unit: string;
  note: string | null;
}

function randomName(prng: Prng): string {
  const female = prng.next() < 0.5;
  const surname = prng.weighted(SURNAMES);
  const middle = prng.pick(female ? MIDDLE_F : MIDDLE_M);
  const given = prng.pick(female ? GIVEN_F : GIVEN_M);
  return `${surname} ${middle} ${given}`;
}

function randomPhone(prng: Prng): string {
  let digits = '';
  for (let i = 0; i < 7; i++) digits += String(prng.int(0, 9));
  return prng.pick(PREFIXES) + digits;
}

/** A unique code `{agency}-{yymmdd}-{nnnn}` whose date part is the submission date in Vietnam. */
function dossierCode(ctx: Ctx, agencyCode: string, submittedAt: Date): string {
  const yymmdd = vnDate(submittedAt).slice(2).replace(/-/g, '');
  let n = ctx.prng.int(1, 300);
  let code: string;
  do {
    code = `${agencyCode}-${yymmdd}-${String(n).padStart(4, '0')}`;
    n += ctx.prng.int(1, 7);
  } while (ctx.usedCodes.has(code));
  ctx.usedCodes.add(code);
  return code;
}

/** The instant `workingDays` of open time before now, on a whole minute. */
function receivedBefore(ctx: Ctx, calendar: WorkingCalendar, workingDays: number): Date {
  const at = calendar.subtractWorkingDays(ctx.now, workingDays);
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

function allowedDays(p: ProcedureDetail): number | null {
  const inPerson = p.channelDetails.find((c) => c.channel === 'in_person' && c.workingDays !== null);
  return (inPerson ?? p.channelDetails.find((c) => c.workingDays !== null))?.workingDays ?? null;
}

/** The unit that processes a field's dossiers behind the one-stop counter. */
function processingUnit(agency: AgencyRecord, field: string): string {
  const where = agency.level === 'commune' ? agency.shortName ?? agency.name : agency.provinceName;
  if (['Hộ tịch', 'Chứng thực', 'Nuôi con nuôi'].includes(field)) {
    return agency.level === 'commune' ? 'Công chức Tư pháp – Hộ tịch' : 'Sở Tư pháp';
  }
  if (['Đất đai', 'Tài chính đất đai'].includes(field)) {
    return agency.level === 'commune' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Văn phòng Đăng ký đất đai';
  }
  if (field.includes('cư trú')) return `Công an ${where}`;
  return agency.level === 'commune' ? 'Văn phòng HĐND và UBND' : 'Sở Nội vụ';
}

function frontDesk(agency: AgencyRecord): string {
  return agency.level === 'commune' ? 'Bộ phận Một cửa' : 'Quầy tiếp nhận – Trung tâm Phục vụ hành chính công';
}

function leadership(agency: AgencyRecord): string {
  return agency.level === 'commune'
    ? `Chủ tịch Ủy ban nhân dân ${agency.shortName ?? agency.name}`
    : `Giám đốc Trung tâm Phục vụ hành chính công`;
}

const SUPPLEMENT_ITEMS: Record<Pool, string[][]> = {
  residence: [
    ['Văn bản đồng ý cho đăng ký thường trú của chủ hộ', 'Hợp đồng thuê nhà có công chứng (bản sao)'],
    ['Giấy tờ chứng minh chỗ ở hợp pháp', 'Tờ khai thay đổi thông tin cư trú (mẫu CT01) có chữ ký của chủ hộ'],
  ],
  civil: [
    ['Văn bản ủy quyền có chứng thực', 'Giấy tờ chứng minh nơi cư trú'],
    ['Tờ khai theo mẫu (ký đầy đủ họ tên)', 'Bản chính giấy tờ tùy thân để đối chiếu'],
  ],
  land: [
    ['Bản vẽ sơ đồ thửa đất có xác nhận của đơn vị đo đạc', 'Bản chính giấy tờ về quyền sử dụng đất'],
    ['Văn bản thỏa thuận phân chia tài sản của các đồng thừa kế (có công chứng)'],
  ],
};

const FINANCIAL: { description: string; amount: number }[] = [
  { description: 'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', amount: 100_000 },
  { description: 'Lệ phí trước bạ nhà, đất (0,5% giá tính lệ phí trước bạ)', amount: 12_450_000 },
  { description: 'Tiền sử dụng đất theo Thông báo của cơ quan thuế', amount: 48_600_000 },
];

const NOT_RECEIVED_REASONS = [
  'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại Trung tâm Phục vụ hành chính công thành phố.',
  'Hồ sơ nộp trực tuyến thiếu tờ khai theo mẫu; đề nghị nộp lại hồ sơ đầy đủ.',
  'Bản chụp giấy tờ tải lên không rõ nét, không đọc được nội dung.',
];
const SUSPENDED_REASONS = [
  'Quá thời hạn 30 ngày mà người nộp không bổ sung hồ sơ theo yêu cầu.',
  'Có đơn tranh chấp quyền sử dụng đất gửi Ủy ban nhân dân; dừng xử lý để giải quyết tranh chấp.',
  'Cơ quan công an đề nghị tạm dừng để xác minh thông tin nhân thân.',
];
const WITHDRAWAL_NOTES = [
  'Công dân có đơn xin rút hồ sơ để bổ sung thông tin cho đúng.',
  'Công dân đề nghị rút hồ sơ do thay đổi nhu cầu.',
  'Công dân đề nghị rút hồ sơ để nộp tại nơi thường trú.',
];
const APOLOGY_REASONS = [
  'Cần xác minh thêm thông tin về nơi cư trú với cơ quan liên quan.',
  'Phải lấy ý kiến của cơ quan chuyên môn về hiện trạng thửa đất.',
];

interface Plan {
  key?: DemoDossierKey;
  agency: AgencyRecord;
  pool: Pool | 'noLimit';
  status: DossierStatus;
  /** Working days of open time from reception to now (in-progress dossiers). */
  elapsed?: (allowed: number) => number;
  online?: boolean;
}

/** Builds one dossier's record and timeline from its plan. */
function buildDossier(ctx: Ctx, plan: Plan): DossierRecord {
  const { prng, now } = ctx;
  const { agency, status } = plan;
  const calendar = cachedCalendar(agency);
  const codes = plan.pool === 'noLimit' ? NO_LIMIT : POOL[plan.pool];
  const procedure = ctx.catalog.get(prng.pick(codes))!;
  const allowed = plan.pool === 'noLimit' ? null : allowedDays(procedure);
  const online = plan.online ?? prng.next() < 0.45;
  const desk = frontDesk(agency);
  const unit = processingUnit(agency, procedure.field);
  const events: Event[] = [];
  const pauses: Pause[] = [];
  let supplement: DossierRecord['supplement'] = null;
  let financialObligation: DossierRecord['financialObligation'] = null;
  let apology: DossierRecord['apology'] = null;
  let rejectionReason: string | null = null;
  let result: DossierRecord['result'] = null;
  let resolvedAt: Date | null = null;
  let returnedAt: Date | null = null;
  const pool: Pool = plan.pool === 'noLimit' ? 'civil' : plan.pool;
  const bringTo = `${agency.counters[0]?.name ?? desk}, ${agency.name}, ${agency.address}`;

  if (status === 'registered' || status === 'not_received') {
    // Submitted online, not (yet) accepted at the counter.
    const submittedAt = new Date(now.getTime() - prng.int(30, status === 'registered' ? 20 * 60 : 6 * 24 * 60) * MINUTE_MS);
    events.push({ at: submittedAt, status: 'registered', unit: 'Cổng Dịch vụ công quốc gia', note: 'Nộp hồ sơ trực tuyến' });
    if (status === 'not_received') {
      const at = calendar.addWorkingDays(submittedAt, 0.25);
      rejectionReason = prng.pick(NOT_RECEIVED_REASONS);
      events.push({ at: at < now ? at : new Date(now.getTime() - MINUTE_MS), status: 'not_received', unit: desk, note: rejectionReason });
    }
    return record(ctx, { procedure, agency, status, submittedAt, receivedAt: null, allowed, events, pauses, supplement, financialObligation, apology, rejectionReason, result, resolvedAt, returnedAt });
  }

  const days = allowed ?? 5;
  // A little jitter (under a quarter of a working day) so reception times do not all fall on
  // the same minute of the day; the plans keep a margin larger than that.
  const elapsed = (plan.elapsed ? plan.elapsed(days) : days * 0.3) + prng.next() * 0.25;
  const receivedAt = receivedBefore(ctx, calendar, elapsed);
  const submittedAt = online ? new Date(receivedAt.getTime() - prng.int(20, 18 * 60) * MINUTE_MS) : receivedAt;
  if (online) events.push({ at: submittedAt, status: 'registered', unit: 'Cổng Dịch vụ công quốc gia', note: 'Nộp hồ sơ trực tuyến' });
  events.push({ at: receivedAt, status: 'received', unit: desk, note: 'Tiếp nhận hồ sơ, cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
  const step = (wd: number) => calendar.addWorkingDays(receivedAt, Math.min(wd, elapsed * 0.95));
  if (status !== 'received') events.push({ at: step(Math.min(0.1, elapsed / 4)), status: 'processing', unit, note: 'Chuyển hồ sơ để thẩm định, xử lý' });

  switch (status) {
    case 'processing': {
      if (plan.key === 'processingResumed') {
        // Asked for a supplement, which came back two working days later: the clock stood still meanwhile.
        const from = step(days * 0.2);
        const to = calendar.addWorkingDays(from, 2);
        pauses.push({ from: from.toISOString(), to: to.toISOString() });
        const items = prng.pick(SUPPLEMENT_ITEMS[pool]);
        events.push({ at: from, status: 'supplement_requested', unit, note: `Đề nghị bổ sung: ${items.join('; ')}` });
        events.push({ at: to, status: 'processing', unit, note: 'Công dân đã bổ sung hồ sơ; tiếp tục xử lý' });
      }
      if (plan.key === 'apology' || plan.key === 'overdueWithApology') {
        const originalDue = calendar.addWorkingDays(receivedAt, days);
        const issuedAt = calendar.subtractWorkingDays(originalDue, 0.25);
        apology = {
          issuedAt: issuedAt.toISOString(),
          reason: prng.pick(APOLOGY_REASONS),
          extraWorkingDays: plan.key === 'apology' ? Math.max(3, Math.ceil(days / 2)) : 2,
          issuedBy: leadership(agency),
        };
        events.push({ at: issuedAt, status: 'processing', unit: leadership(agency), note: `Thư xin lỗi và hẹn lại ngày trả kết quả (gia hạn ${apology.extraWorkingDays} ngày làm việc)` });
      }
      break;
    }
    case 'supplement_requested': {
      const at = step(days * 0.4);
      pauses.push({ from: at.toISOString(), to: null });
      const items = prng.pick(SUPPLEMENT_ITEMS[pool]);
      supplement = {
        requestedAt: at.toISOString(),
        items,
        bringTo,
        note: 'Thời gian bổ sung hồ sơ không tính vào thời hạn giải quyết.',
      };
      events.push({ at, status: 'supplement_requested', unit, note: `Đề nghị bổ sung: ${items.join('; ')}` });
      break;
    }
    case 'financial_obligation': {
      // Time taken to pay is not counted in the processing time (land rules), so the clock pauses.
      const at = step(days * 0.5);
      pauses.push({ from: at.toISOString(), to: null });
      const f = prng.pick(FINANCIAL);
      financialObligation = {
        description: f.description,
        amount: f.amount,
        payTo: 'Kho bạc Nhà nước khu vực I (hoặc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia)',
      };
      events.push({ at, status: 'financial_obligation', unit: 'Cơ quan thuế', note: `Thông báo nộp ${f.description.toLowerCase()}` });
      break;
    }
    case 'withdrawal_requested': {
      events.push({ at: step(days * 0.3), status: 'withdrawal_requested', unit: desk, note: prng.pick(WITHDRAWAL_NOTES) });
      break;
    }
    case 'suspended': {
      rejectionReason = prng.pick(SUSPENDED_REASONS);
      events.push({ at: step(days * 0.5), status: 'suspended', unit, note: rejectionReason });
      break;
    }
    case 'resolved':
    case 'returned': {
      const share = plan.key === 'resolvedLate' ? 1.25 : prng.weighted([[0.4, 3], [0.7, 4], [0.95, 2], [1.15, 1]] as const);
      // Some past dossiers went through a supplement round: the clock stood still meanwhile.
      if (!plan.key && prng.next() < 0.15) {
        const from = calendar.addWorkingDays(receivedAt, days * 0.2);
        const to = calendar.addWorkingDays(from, prng.int(1, 3));
        const resolvedWithPause = calendar.addWorkingDays(receivedAt, days * share, [{ from: from.toISOString(), to: to.toISOString() }]);
        if (resolvedWithPause < now) {
          pauses.push({ from: from.toISOString(), to: to.toISOString() });
          const items = prng.pick(SUPPLEMENT_ITEMS[pool]);
          events.push({ at: from, status: 'supplement_requested', unit, note: `Đề nghị bổ sung: ${items.join('; ')}` });
          events.push({ at: to, status: 'processing', unit, note: 'Công dân đã bổ sung hồ sơ; tiếp tục xử lý' });
        }
      }
      resolvedAt = calendar.addWorkingDays(receivedAt, days * share, pauses);
      if (resolvedAt > now) resolvedAt = step(elapsed);
      const returnBy = calendar.addWorkingDays(resolvedAt, prng.pick([0.05, 0.2, 0.5, 1]));
      events.push({ at: resolvedAt, status: 'resolved', unit, note: 'Đã có kết quả giải quyết; chuyển Bộ phận Một cửa trả kết quả' });
      result = {
        description: procedure.result,
        place: `${desk}, ${agency.name}, ${agency.address}`,
        from: calendar.nextOpening(resolvedAt).toISOString(),
      };
      if (status === 'returned') {
        returnedAt = returnBy < now ? returnBy : new Date(Math.min(now.getTime() - MINUTE_MS, Math.max(resolvedAt.getTime() + MINUTE_MS, returnBy.getTime())));
        events.push({ at: returnedAt, status: 'returned', unit: desk, note: online ? 'Trả kết quả qua dịch vụ bưu chính' : 'Trả kết quả trực tiếp tại Bộ phận Một cửa' });
      }
      break;
    }
    default:
      break;
  }
  return record(ctx, { procedure, agency, status, submittedAt, receivedAt, allowed, events, pauses, supplement, financialObligation, apology, rejectionReason, result, resolvedAt, returnedAt });
}

function record(
  ctx: Ctx,
  d: {
    procedure: ProcedureDetail;
    agency: AgencyRecord;
    status: DossierStatus;
    submittedAt: Date;
    receivedAt: Date | null;
    allowed: number | null;
    events: Event[];
    pauses: Pause[];
    supplement: DossierRecord['supplement'];
    financialObligation: DossierRecord['financialObligation'];
    apology: DossierRecord['apology'];
    rejectionReason: string | null;
    result: DossierRecord['result'];
    resolvedAt: Date | null;
    returnedAt: Date | null;
  },
): DossierRecord {
  const history = [...d.events]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({ at: toIsoVn(e.at), status: e.status, unit: e.unit, note: e.note }));
  return {
    code: dossierCode(ctx, d.agency.code, d.submittedAt),
    procedureCode: d.procedure.code,
    agencyCode: d.agency.code,
    applicantName: randomName(ctx.prng),
    applicantPhone: randomPhone(ctx.prng),
    status: d.status,
    submittedAt: toIsoVn(d.submittedAt),
    receivedAt: d.receivedAt ? toIsoVn(d.receivedAt) : null,
    workingDaysAllowed: d.allowed,
    history,
    pauses: d.pauses.map((p) => ({ from: toIsoVn(new Date(p.from)), to: p.to === null ? null : toIsoVn(new Date(p.to)) })),
    supplement: d.supplement ? { ...d.supplement, requestedAt: toIsoVn(new Date(d.supplement.requestedAt)) } : null,
    financialObligation: d.financialObligation,
    apology: d.apology ? { ...d.apology, issuedAt: toIsoVn(new Date(d.apology.issuedAt)) } : null,
    rejectionReason: d.rejectionReason,
    result: d.result ? { ...d.result, from: toIsoVn(new Date(d.result.from)) } : null,
    resolvedAt: d.resolvedAt ? toIsoVn(d.resolvedAt) : null,
    returnedAt: d.returnedAt ? toIsoVn(d.returnedAt) : null,
  };
}

/** Plans for the well-known and the other in-progress demo dossiers (≥ 3 per status). */
function demoPlans(agencies: AgencyRecord[]): Plan[] {
  const [province, baDinh, hoanKiem, socSon] = agencies as [AgencyRecord, AgencyRecord, AgencyRecord, AgencyRecord];
  const f = (x: number) => (allowed: number) => allowed * x;
  return [
    { key: 'registered', agency: baDinh, pool: 'noLimit', status: 'registered' },
    { agency: hoanKiem, pool: 'residence', status: 'registered' },
    { agency: province, pool: 'land', status: 'registered' },
    { key: 'received', agency: baDinh, pool: 'civil', status: 'received', elapsed: f(0.05) },
    { agency: socSon, pool: 'residence', status: 'received', elapsed: f(0.1) },
    { agency: province, pool: 'land', status: 'received', elapsed: f(0.02) },
    { agency: hoanKiem, pool: 'noLimit', status: 'received', elapsed: () => 0.3 },
    { key: 'processingOnTime', agency: baDinh, pool: 'residence', status: 'processing', elapsed: f(0.45) },
    { key: 'processingResumed', agency: hoanKiem, pool: 'civil', status: 'processing', elapsed: (a) => a * 0.5 + 2 },
    { key: 'overdue', agency: socSon, pool: 'residence', status: 'processing', elapsed: (a) => a + 2.5 },
    { key: 'apology', agency: baDinh, pool: 'civil', status: 'processing', elapsed: (a) => a + 1.2 },
    { key: 'overdueWithApology', agency: province, pool: 'land', status: 'processing', elapsed: (a) => a + 4 },
    { agency: province, pool: 'land', status: 'processing', elapsed: f(0.3) },
    { agency: socSon, pool: 'civil', status: 'processing', elapsed: f(0.8) },
    { key: 'supplement', agency: baDinh, pool: 'residence', status: 'supplement_requested', elapsed: (a) => a * 0.4 + 1.5 },
    { agency: hoanKiem, pool: 'civil', status: 'supplement_requested', elapsed: (a) => a * 0.4 + 0.5 },
    { agency: province, pool: 'land', status: 'supplement_requested', elapsed: (a) => a * 0.4 + 3 },
    { key: 'financialObligation', agency: province, pool: 'land', status: 'financial_obligation', elapsed: (a) => a * 0.5 + 1 },
    { agency: socSon, pool: 'land', status: 'financial_obligation', elapsed: (a) => a * 0.5 + 2 },
    { agency: hoanKiem, pool: 'land', status: 'financial_obligation', elapsed: (a) => a * 0.5 + 0.5 },
    { key: 'notReceived', agency: baDinh, pool: 'civil', status: 'not_received' },
    { agency: socSon, pool: 'residence', status: 'not_received' },
    { agency: province, pool: 'land', status: 'not_received' },
    { key: 'withdrawn', agency: hoanKiem, pool: 'residence', status: 'withdrawal_requested', elapsed: f(0.5) },
    { agency: baDinh, pool: 'civil', status: 'withdrawal_requested', elapsed: f(0.6) },
    { agency: province, pool: 'land', status: 'withdrawal_requested', elapsed: f(0.4) },
    { key: 'suspended', agency: socSon, pool: 'land', status: 'suspended', elapsed: f(0.7) },
    { agency: baDinh, pool: 'residence', status: 'suspended', elapsed: f(0.9) },
    { agency: province, pool: 'land', status: 'suspended', elapsed: f(0.6) },
    { key: 'resolved', agency: baDinh, pool: 'civil', status: 'resolved', elapsed: (a) => a * 1.5 + 1 },
    { key: 'resolvedLate', agency: socSon, pool: 'residence', status: 'resolved', elapsed: (a) => a * 1.5 + 1 },
    { agency: province, pool: 'land', status: 'resolved', elapsed: (a) => a * 1.5 + 1 },
    { key: 'returnedRated', agency: baDinh, pool: 'residence', status: 'returned', elapsed: (a) => a * 1.5 + 3 },
    { key: 'returnedUnrated', agency: hoanKiem, pool: 'civil', status: 'returned', elapsed: (a) => a * 1.5 + 3 },
    { agency: socSon, pool: 'civil', status: 'returned', elapsed: (a) => a * 1.5 + 4 },
    { agency: province, pool: 'land', status: 'returned', elapsed: (a) => a * 1.5 + 5 },
  ];
}

const COMMENTS_GOOD = [
  'Cán bộ hướng dẫn tận tình, trả kết quả sớm hơn hẹn.',
  'Thủ tục nhanh gọn, không phải đi lại nhiều.',
  'Nộp trực tuyến tiện lợi, nhận tin nhắn báo kết quả đúng hẹn.',
  'Rất hài lòng với thái độ phục vụ.',
];
const COMMENTS_BAD = [
  'Phải bổ sung giấy tờ hai lần vì lần đầu hướng dẫn chưa rõ.',
  'Chờ đợi lâu tại quầy, đề nghị bố trí thêm cán bộ vào buổi sáng.',
  'Trả kết quả trễ hẹn nhưng không được thông báo trước.',
];

/**
 * How much more often a criterion is rated one step lower than the respondent's mood: citizens
 * tend to praise the officials and complain about repeated trips and online services.
 */
const CRITERION_SHIFT: Record<string, number> = { attitude: -0.06, contacts: 0.06, online_service: 0.08, feedback: 0.04 };

/** Ratings for one response: a respondent's overall mood, with some spread per criterion. */
function rate(prng: Prng, agencyBias: number, online: boolean, late: boolean): SurveyResponseRecord['answers'] {
  const mood: Rating = prng.weighted([
    ['very_satisfied', 0.52 + agencyBias - (late ? 0.25 : 0)],
    ['satisfied', 0.36],
    ['dissatisfied', 0.12 - agencyBias / 2 + (late ? 0.2 : 0)],
  ] as const);
  const scale: Rating[] = ['very_satisfied', 'satisfied', 'dissatisfied'];
  return OFFICIAL_SURVEY.criteria
    .filter((c) => c.required || online)
    .map((c) => {
      let i = scale.indexOf(mood);
      const r = prng.next();
      const shift = CRITERION_SHIFT[c.id] ?? 0;
      if (r < 0.12 - shift) i = Math.max(0, i - 1);
      else if (r < 0.22) i = Math.min(2, i + 1);
      if (c.id === 'processing_time' && late) i = Math.max(i, 1);
      return { criterion: c.id, rating: scale[i]! };
    });
}

/**
 * The demo data set for a given `now`: four agencies, dossiers in every national status (due
 * dates are never stored: they come from the working calendar), the official survey and about
 * 300 past responses on returned dossiers spread over the last twelve months. Deterministic:
 * the same `now` gives the same seed.
 */
export function buildSeed(now: Date): Seed {
  const catalog = loadCatalog();
  const ctx: Ctx = { prng: new Prng(SEED), now, catalog: catalog.byCode, usedCodes: new Set() };
  const agencies = buildDemoAgencies();
  const dossiers: DossierRecord[] = [];
  const wellKnown: Partial<Record<DemoDossierKey, string>> = {};
  for (const plan of demoPlans(agencies)) {
    const rec = buildDossier(ctx, plan);
    dossiers.push(rec);
    if (plan.key) wellKnown[plan.key] = rec.code;
  }

  const surveyResponses: SurveyResponseRecord[] = [];
  const bias: Record<string, number> = {
    [DEMO_AGENCY_CODES.province]: 0,
    [DEMO_AGENCY_CODES.baDinh]: 0.08,
    [DEMO_AGENCY_CODES.hoanKiem]: 0.03,
    [DEMO_AGENCY_CODES.socSon]: -0.05,
  };
  const rateDossier = (rec: DossierRecord, agency: AgencyRecord) => {
    const returnedAt = new Date(rec.returnedAt!);
    const latest = Math.min(now.getTime() - MINUTE_MS, returnedAt.getTime() + 3 * DAY_MS);
    const at = new Date(Math.ceil((returnedAt.getTime() + ctx.prng.next() * Math.max(0, latest - returnedAt.getTime())) / MINUTE_MS) * MINUTE_MS);
    const online = rec.history.some((h) => h.status === 'registered');
    const calendar = cachedCalendar(agency);
    const due = calendar.addWorkingDays(new Date(rec.receivedAt!), rec.workingDaysAllowed ?? 0, rec.pauses);
    const late = rec.workingDaysAllowed !== null && new Date(rec.resolvedAt!) > due;
    const answers = rate(ctx.prng, bias[agency.code] ?? 0, online, late);
    const unhappy = answers.some((a) => a.rating === 'dissatisfied');
    const comment = ctx.prng.next() < 0.3 ? ctx.prng.pick(unhappy ? COMMENTS_BAD : COMMENTS_GOOD) : null;
    surveyResponses.push({ surveyId: OFFICIAL_SURVEY_ID, dossierCode: rec.code, agencyCode: agency.code, submittedAt: toIsoVn(at), answers, comment });
  };

  // The well-known rated dossier and the other demo ones that are not "unrated".
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  for (const rec of dossiers) {
    if (rec.status === 'returned' && rec.code !== wellKnown.returnedUnrated) rateDossier(rec, byCode.get(rec.agencyCode)!);
  }

  // Past returned dossiers across the year, most of them rated.
  const weights = agencies.map((a, i) => [a, [4, 3, 2, 2][i] ?? 1] as const);
  const total = SURVEY_RESPONSES - surveyResponses.length + UNRATED_RETURNED;
  for (let i = 0; i < total; i++) {
    const agency = ctx.prng.weighted(weights);
    const pool: Pool = agency.level === 'province' ? ctx.prng.pick(['land', 'land', 'civil', 'residence'] as const) : ctx.prng.pick(['residence', 'civil', 'civil', 'land'] as const);
    // Received between about eleven months and a fortnight ago, evenly, so results (returned and
    // rated a little later) fill the last twelve months.
    const daysAgo = 14 + (330 * (i + ctx.prng.next())) / total;
    const rec = buildDossier(ctx, { agency, pool, status: 'returned', elapsed: () => Math.max(1, daysAgo * (5 / 7)) });
    dossiers.push(rec);
    if (i % Math.round(total / UNRATED_RETURNED) !== 0) rateDossier(rec, agency);
  }

  return {
    agencies,
    dossiers,
    surveys: [OFFICIAL_SURVEY],
    surveyResponses,
    wellKnown: wellKnown as Record<DemoDossierKey, string>,
  };
}

const codeCache = new Map<number, Record<DemoDossierKey, string>>();

/** Codes of the well-known demo dossiers in the seed built for `now`. */
export function demoDossierCodes(now: Date): Record<DemoDossierKey, string> {
  const key = now.getTime();
  let codes = codeCache.get(key);
  if (!codes) {
    codes = buildSeed(now).wellKnown;
    codeCache.set(key, codes);
  }
  return codes;
}

/** The reference instant for fixtures, stories and tests that need fixed demo codes (a Tuesday morning). */
export const DEMO_NOW = new Date('2026-11-24T09:30:00+07:00');

/**
 * Codes of the well-known demo dossiers in the seed built at `DEMO_NOW`, e.g.
 * `DEMO_DOSSIERS.returnedUnrated`. Computed on first read, so importing this module stays cheap.
 */
export const DEMO_DOSSIERS: Readonly<Record<DemoDossierKey, string>> = Object.defineProperties(
  {} as Record<DemoDossierKey, string>,
  Object.fromEntries(
    (
      [
        'registered', 'received', 'processingOnTime', 'processingResumed', 'overdue', 'apology', 'overdueWithApology',
        'supplement', 'financialObligation', 'notReceived', 'withdrawn', 'suspended', 'resolved', 'resolvedLate',
        'returnedRated', 'returnedUnrated',
      ] satisfies DemoDossierKey[]
    ).map((key) => [key, { enumerable: true, get: () => demoDossierCodes(DEMO_NOW)[key] }]),
  ),
);
