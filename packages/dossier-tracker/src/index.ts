/**
 * @dvc-widgets/dossier-tracker — the class and its events, without registering the tag.
 * Import `@dvc-widgets/dossier-tracker/define` (or call `DvcDossierTracker.define(tag)`) to register it.
 */
export {
  DvcDossierTracker,
  EXAMPLE_DOSSIER_CODE,
  STATUS_GROUP,
  type LookupResult,
  type RecentLookup,
  type StaleReason,
  type StatusGroup,
} from './dossier-tracker.component.js';
export { DvcDossierFoundEvent, DvcRateRequestEvent } from '@dvc-widgets/core';
export type { DvcDossierFoundDetail, DvcRateRequestDetail } from '@dvc-widgets/core';
