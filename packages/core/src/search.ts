/**
 * The Vietnamese procedure search engine, `@dvc-widgets/vn/search`, re-exported so widgets import
 * it from core (`@dvc-widgets/core/search`; not in core's main entry, so widgets that do not search
 * do not pay for MiniSearch).
 */
export * from '@dvc-widgets/vn/search';
