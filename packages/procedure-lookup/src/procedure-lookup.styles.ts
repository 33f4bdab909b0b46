import { css } from 'lit';

/* Widget tokens default to the global ones (core theme.ts); internals read only the private --_x. */
export const styles = css`
  :host {
    --_accent: var(--dvc-procedure-lookup-accent, var(--_primary));
    --_mark-bg: var(--dvc-procedure-lookup-mark-background, #fff1a8);
    --_mark-fg: var(--dvc-procedure-lookup-mark-color, #1a1d21);
    --_max-width: var(--dvc-procedure-lookup-max-width, 48em);
  }
  :host([theme='dark']) {
    --_mark-bg: var(--dvc-procedure-lookup-mark-background, #5c4b00);
    --_mark-fg: var(--dvc-procedure-lookup-mark-color, #fff8d6);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_mark-bg: var(--dvc-procedure-lookup-mark-background, #5c4b00);
      --_mark-fg: var(--dvc-procedure-lookup-mark-color, #fff8d6);
    }
  }

  .dvc-root {
    max-width: var(--_max-width);
    display: flex;
    flex-direction: column;
    gap: var(--_space-4);
    padding: var(--_space-2) 0;
  }
  .title,
  .detail__title {
    font-size: var(--_font-size-xl);
    line-height: 1.3;
    color: var(--_text);
  }
  .detail__title:focus {
    outline: none;
  }
  .detail__title:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
  }
  .section-title {
    font-size: var(--_font-size-lg);
    line-height: 1.3;
    display: inline;
  }
  .search {
    display: grid;
  }
  .search__input {
    font-size: var(--_font-size-lg);
  }
  .banner {
    margin: 0;
  }
  .state {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
  }
  .state__title {
    font-size: var(--_font-size-lg);
  }
  .state--loading {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    color: var(--_text-muted);
  }

  /* Browse by field */
  .browse {
    display: grid;
    gap: var(--_space-2);
  }
  .browse__list {
    list-style: none;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .browse__field {
    min-height: var(--_target-size);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-lg);
    background: var(--_surface-alt);
    color: var(--_text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .browse__more > summary {
    cursor: pointer;
    min-block-size: 1.5em;
    margin-block: 0.5em;
    color: var(--_link, var(--dvc-color-primary, #0b5cad));
    font-weight: 600;
  }
  .browse__field:hover {
    border-color: var(--_accent);
    text-decoration: underline;
  }

  /* Filters */
  .filters {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2) var(--_space-3);
  }
  .filters__summary,
  .section > summary,
  .raw-details > summary {
    cursor: pointer;
    min-height: var(--_target-size);
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    font-weight: 600;
  }
  .filters__summary::marker,
  .section > summary::marker {
    color: var(--_accent);
  }
  .section > summary {
    display: list-item;
    padding-block: var(--_space-2);
  }
  .filters__grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: var(--_space-3);
    margin-block: var(--_space-2) var(--_space-3);
  }

  /* Results */
  .results {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
  }
  .results__count {
    color: var(--_text-muted);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-2);
    align-items: center;
  }
  .results__list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
  }
  .result {
    display: flex;
    flex-direction: column;
    gap: var(--_space-1);
    padding: var(--_space-3);
    min-height: var(--_target-size);
    border: 1px solid var(--_border);
    border-inline-start-width: 0.3em;
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
    /* Rows below the fold skip style and layout until scrolled near: a keystroke lays out only
       what the citizen sees. They stay in the accessibility tree and in find-in-page. */
    content-visibility: auto;
    contain-intrinsic-size: auto 5em;
  }
  .result:hover .result__name {
    text-decoration: underline;
  }
  /* The active option is shown by a thick outline AND a background, never colour alone. */
  .result--active {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 1px;
    border-inline-start-color: var(--_accent);
    background: var(--_surface-alt);
  }
  .result__name {
    font-weight: 600;
    color: var(--_accent);
  }
  .result__meta {
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
  }
  mark {
    background: var(--_mark-bg);
    color: var(--_mark-fg);
    border-radius: 0.15em;
    padding: 0 0.05em;
  }
  .more {
    align-self: flex-start;
  }

  /* Empty state */
  .empty {
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-4);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .empty__tips {
    margin: 0;
    padding-inline-start: 1.25em;
    display: grid;
    gap: var(--_space-2);
  }

  /* Detail */
  .detail {
    display: grid;
    gap: var(--_space-3);
  }
  .back {
    justify-self: start;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10em, 1fr));
    gap: var(--_space-2) var(--_space-4);
    margin: 0;
  }
  .facts dt,
  .channel__facts dt {
    font-size: var(--_font-size-sm);
    color: var(--_text-muted);
  }
  .facts dd,
  .channel__facts dd {
    margin: 0;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .section {
    border-block-start: 1px solid var(--_border);
  }
  .section__body {
    padding-block-end: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
  }
  .channels,
  .docs,
  .legal {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space-3);
  }
  .channel {
    padding: var(--_space-3);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    display: grid;
    gap: var(--_space-2);
  }
  .channel__name,
  .doc-group__title {
    font-size: 1em;
    color: var(--_accent);
  }
  .channel__facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10em, 1fr));
    gap: var(--_space-2);
    margin: 0;
  }
  .note,
  .doc__form,
  .doc__count,
  .source {
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
    font-weight: 400;
  }
  .doc {
    display: grid;
    gap: var(--_space-1);
    padding-inline-start: var(--_space-3);
    border-inline-start: 0.2em solid var(--_border);
  }
  .doc-group {
    display: grid;
    gap: var(--_space-2);
  }
  .steps {
    margin: 0;
    padding-inline-start: 1.5em;
    display: grid;
    gap: var(--_space-2);
  }
  .prewrap {
    white-space: pre-line;
  }
  .raw {
    font-size: var(--_font-size-sm);
  }

  @media (forced-colors: active) {
    .result--active {
      outline-color: Highlight;
    }
    mark {
      forced-color-adjust: none;
      background: Mark;
      color: MarkText;
    }
  }

  /* Print: the procedure only, black on white, every section open (see onBeforePrint). */
  @media print {
    .dvc-root {
      max-width: none;
      color: #000;
      background: #fff;
    }
    .back,
    .actions,
    .search,
    .filters,
    .banner {
      display: none !important;
    }
    .section > summary::marker {
      content: '';
    }
    .channel {
      background: none;
      border: 1px solid #000;
      break-inside: avoid;
    }
    .facts dt,
    .channel__facts dt,
    .note,
    .doc__form,
    .doc__count,
    .source {
      color: #000;
    }
    .channel__name,
    .doc-group__title,
    .result__name {
      color: #000;
    }
  }
`;
