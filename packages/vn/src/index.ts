/**
 * @dvc-widgets/vn — what is Vietnamese about the project, with no browser runtime: text folding
 * (`text`), Vietnam calendar dates (`vn-date`). The procedure search engine is its own entry
 * (`@dvc-widgets/vn/search`) so that what does not search does not pay for MiniSearch.
 */
export * from './text.js';
export * from './vn-date.js';
