/** Vietnam calendar dates (`@dvc-widgets/vn/vn-date`), re-exported for the widgets. */
export * from '@dvc-widgets/vn/vn-date';
