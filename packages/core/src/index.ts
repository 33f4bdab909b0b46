/**
 * @dvc-widgets/core — the runtime every widget shares. Everything exported here is public API;
 * modules may also be imported one by one (`@dvc-widgets/core/text`). The catalog controller and
 * the search engine are not in this entry (`@dvc-widgets/core/catalog`, `@dvc-widgets/core/search`):
 * widgets that do not search do not carry them.
 */
export * from './dev-mode.js';
export * from './errors.js';
export * from './config.js';
export * from './api-client.js';
export * from './api-controller.js';
export * from './data-task.js';
export * from './outbox.js';
export * from './i18n.js';
export * from './localize-controller.js';
export * from './announcer.js';
export * from './retry-countdown.js';
export * from './focus-controller.js';
export * from './theme.js';
export * from './base-element.js';
export * from './events.js';
export * from './text.js';
export * from './vn-date.js';
export * from './clock.js';
export * from './validators.js';
export * from './storage.js';
