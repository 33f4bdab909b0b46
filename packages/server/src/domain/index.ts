/**
 * Domain layer of the reference server: the procedure catalog, holidays and working calendar,
 * demo agencies and dossiers, the official survey, and the public views computed from them.
 * Pure functions over the package's own data files; no database, no HTTP.
 */
export type { Holiday } from './holidays.js';
export { loadHolidays, loadMakeUpWorkdays } from './holidays.js';
export type { Catalog, RawProcedure, RawProcedureDetail } from './catalog.js';
export { loadCatalog, NON_COMMUNE_FIELDS, toProcedureDetail, demoOnlineLevel } from './catalog.js';
export type { Pause } from './calendar.js';
export { WorkingCalendar, DEFAULT_HOURS, WORKING_DAY_MS } from './calendar.js';
export type { AgencyRecord, DossierRecord, DueDates } from './dossier.js';
export { toPublicDossier, computeDueDates } from './dossier.js';
export type { SurveyResponseRecord } from './survey.js';
export { OFFICIAL_SURVEY, OFFICIAL_SURVEY_ID } from './survey.js';
export type { Seed, DemoDossierKey } from './seed.js';
export { buildSeed, calendarFor, demoDossierCodes, DEMO_DOSSIERS, DEMO_NOW } from './seed.js';
export { buildDemoAgencies, DEMO_AGENCY_CODES } from './agencies.js';
export { buildSlotDays } from './slots.js';
export { maskName, maskPhone } from './mask.js';
export { toIsoVn, vnDate, vnInstant, isoWeekday, addDays } from '@dvc-widgets/vn/vn-date';
export type { Province, Commune } from './admin-units.js';
export { loadProvinces, findProvince, findCommune } from './admin-units.js';
export { Prng, hashSeed } from './prng.js';
