/**
 * @dvc-widgets/procedure-lookup — the class and its events; import `./define` (or
 * `@dvc-widgets/procedure-lookup/define`) to register `<dvc-procedure-lookup>`.
 */
export { DvcProcedureLookup, URL_PARAMS, highlight, type LookupItem } from './procedure-lookup.component.js';
export { DvcProcedureSelectEvent, DvcBookRequestEvent } from '@dvc-widgets/core';
export type { DvcProcedureSelectDetail, DvcBookRequestDetail } from '@dvc-widgets/core';
