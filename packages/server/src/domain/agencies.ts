import type { WorkingInterval } from '@dvc-widgets/contract';
import { findProvince } from './admin-units.js';
import { DEFAULT_HOURS } from './calendar.js';
import { NON_COMMUNE_FIELDS, loadCatalog } from './catalog.js';
import type { AgencyRecord } from './dossier.js';

/**
 * Demo agencies for the reference server: the public service centre of Hà Nội and three of its
 * communes. Unit names and GSO codes are real (data/admin-units-2025.json); the identifier codes
 * follow the QĐ 20/2020/QĐ-TTg pattern, and addresses, phone numbers, counters and booking
 * policies are illustrative demo data.
 */
export const DEMO_PROVINCE_CODE = '01';

export const DEMO_AGENCY_CODES = {
  province: '000.00.00.H29',
  baDinh: '000.21.01.H29',
  hoanKiem: '000.22.01.H29',
  socSon: '000.23.01.H29',
} as const;

const SATURDAY_MORNING: WorkingInterval = { weekday: 6, open: '07:30', close: '11:30' };

function communeName(code: string): string {
  const province = findProvince(DEMO_PROVINCE_CODE);
  const commune = province?.communes.find((c) => c.code === code);
  if (!commune) throw new RangeError(`Commune ${code} not in admin units`);
  return commune.name;
}

/** Commune-level procedures a commune People's Committee handles (customs and tax excluded). */
export function communeProcedureCodes(): string[] {
  return loadCatalog()
    .procedures.filter((p) => p.levels.includes('commune') && !NON_COMMUNE_FIELDS.includes(p.field))
    .map((p) => p.code);
}

/** Province and commune procedures, received at the provincial centre (Decree 118/2025: any boundary). */
export function provinceProcedureCodes(): string[] {
  return loadCatalog()
    .procedures.filter(
      (p) => (p.levels.includes('province') || p.levels.includes('commune')) && !NON_COMMUNE_FIELDS.includes(p.field),
    )
    .map((p) => p.code);
}

export function buildDemoAgencies(): AgencyRecord[] {
  const province = findProvince(DEMO_PROVINCE_CODE);
  if (!province) throw new RangeError(`Province ${DEMO_PROVINCE_CODE} not in admin units`);
  const provinceShort = province.provinceName.replace(/^Thành phố /, '');
  const communeCodes = communeProcedureCodes();
  const base = { provinceCode: province.provinceCode, provinceName: province.provinceName, timeZone: 'Asia/Ho_Chi_Minh' as const };

  const communeCounters = [
    { id: 'q1', name: 'Quầy 1 – Tư pháp, hộ tịch, chứng thực', fields: ['Hộ tịch', 'Chứng thực', 'Nuôi con nuôi', 'Hòa giải ở cơ sở'] },
    { id: 'q2', name: 'Quầy 2 – Đất đai, xây dựng, môi trường', fields: ['Đất đai', 'Tài chính đất đai', 'Hoạt động xây dựng', 'Môi trường', 'Nhà ở và công sở'] },
    { id: 'q3', name: 'Quầy 3 – Cư trú, chính sách, tổng hợp', fields: [] },
  ];

  const provinceAgency: AgencyRecord = {
    ...base,
    code: DEMO_AGENCY_CODES.province,
    name: `Trung tâm Phục vụ hành chính công ${province.provinceName.replace(/^Thành phố/, 'thành phố')}`,
    shortName: `TTPVHCC ${provinceShort}`,
    level: 'province',
    communeCode: null,
    address: `258 Võ Chí Công, Phường Phú Thượng, ${provinceShort}`,
    phone: '02432222222',
    email: null,
    website: 'https://dichvucong.hanoi.gov.vn',
    hours: DEFAULT_HOURS,
    counters: [
      { id: 'tp', name: 'Quầy Tư pháp', fields: ['Hộ tịch', 'Chứng thực', 'Nuôi con nuôi', 'Quốc tịch', 'Lý lịch tư pháp'] },
      { id: 'dd', name: 'Quầy Đất đai – Môi trường', fields: ['Đất đai', 'Tài chính đất đai', 'Môi trường', 'Tài nguyên nước', 'Địa chất và khoáng sản'] },
      { id: 'xd', name: 'Quầy Xây dựng – Giao thông', fields: ['Hoạt động xây dựng', 'Quy hoạch đô thị và nông thôn', 'Đường bộ', 'Hàng hải và đường thủy nội địa'] },
      { id: 'th', name: 'Quầy Tổng hợp', fields: [] },
    ],
    booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 6, maxPerPhonePerDay: 2, daysAhead: 30, requiresCccd: false },
    procedureCodes: provinceProcedureCodes(),
    corsOrigins: [],
  };

  const commune = (
    code: string,
    communeCode: string,
    extra: Pick<AgencyRecord, 'address' | 'phone' | 'hours' | 'booking'>,
  ): AgencyRecord => {
    const name = communeName(communeCode);
    return {
      ...base,
      ...extra,
      code,
      name: `Trung tâm Phục vụ hành chính công ${name.replace(/^(Phường|Xã|Đặc khu)/, (m) => m.toLowerCase())}`,
      shortName: name,
      level: 'commune',
      communeCode,
      email: null,
      website: null,
      counters: communeCounters,
      procedureCodes: communeCodes,
      corsOrigins: [],
    };
  };

  return [
    provinceAgency,
    commune(DEMO_AGENCY_CODES.baDinh, '00004', {
      address: `Số 25 Đường Liễu Giai, ${communeName('00004')}, ${provinceShort}`,
      phone: '02438234567',
      hours: DEFAULT_HOURS,
      booking: { enabled: true, slotMinutes: 20, capacityPerSlot: 3, maxPerPhonePerDay: 1, daysAhead: 14, requiresCccd: false },
    }),
    commune(DEMO_AGENCY_CODES.hoanKiem, '00070', {
      address: `Số 126 Hàng Trống, ${communeName('00070')}, ${provinceShort}`,
      phone: '02438256789',
      // This centre also opens on Saturday mornings (hours are data: DOMAIN, appointments).
      hours: [...DEFAULT_HOURS, SATURDAY_MORNING],
      booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 4, maxPerPhonePerDay: 1, daysAhead: 21, requiresCccd: false },
    }),
    commune(DEMO_AGENCY_CODES.socSon, '00376', {
      address: `Số 1 Đường Núi Đôi, ${communeName('00376')}, ${provinceShort}`,
      phone: '02438843210',
      hours: DEFAULT_HOURS,
      // Asks for the 12-digit CCCD when booking, to check the applicant's identity at the counter.
      booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 2, maxPerPhonePerDay: 1, daysAhead: 10, requiresCccd: true },
    }),
  ];
}
