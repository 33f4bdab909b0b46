/** Vietnamese text folding and tokenising: `@dvc-widgets/vn/text`, re-exported for the widgets. */
export * from '@dvc-widgets/vn/text';
