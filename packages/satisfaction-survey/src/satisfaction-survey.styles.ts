import { css } from 'lit';

/**
 * Styles of <dvc-satisfaction-survey>. Colours and sizes only through core's private `--_*`
 * tokens (which read the public `--dvc-*` ones) and this widget's own `--dvc-satisfaction-survey-*`
 * properties; sizes in em so the widget follows the reader's font size, not the portal's root.
 */
export const styles = css`
  :host {
    --_ss-accent: var(--dvc-satisfaction-survey-accent, var(--_primary));
    --_ss-bar: var(--dvc-satisfaction-survey-bar-color, var(--_primary));
    --_ss-track: var(--dvc-satisfaction-survey-bar-track, var(--_surface-alt));
    --_ss-max-width: var(--dvc-satisfaction-survey-max-width, 48em);
    --_ss-gap: var(--dvc-satisfaction-survey-gap, var(--_space-4));
  }

  .dvc-root {
    max-width: var(--_ss-max-width);
  }

  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--_ss-gap);
  }

  h2,
  h3 {
    font-weight: 700;
    line-height: 1.25;
    color: var(--_text);
  }
  h2 {
    font-size: var(--_font-size-xl);
  }
  h3 {
    font-size: var(--_font-size-lg);
  }
  /* Headings take focus on step changes (tabindex=-1); the ring shows only for keyboard users. */
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }

  .muted {
    color: var(--_text-muted);
  }
  .step-of {
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
    margin: 0;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    align-items: center;
  }

  .field {
    display: flex;
    flex-direction: column;
  }
  .field .dvc-input {
    max-width: 24em;
  }

  /* Error summary, GOV.UK style: a thick danger border and links to each problem. */
  .error-summary {
    padding: var(--_space-4);
    border: 0.25em solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .error-summary ul {
    margin: var(--_space-2) 0 0;
    padding-inline-start: 1.25em;
  }
  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }

  .criterion {
    padding: var(--_space-3) var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .criterion[data-invalid] {
    border-inline-start: 0.3125em solid var(--_danger);
  }
  .criterion legend {
    padding: 0;
    font-weight: 600;
    float: left;
    width: 100%;
    margin-block-end: var(--_space-2);
  }
  .criterion legend + * {
    clear: both;
  }
  .criterion .optional {
    font-weight: 400;
    color: var(--_text-muted);
  }

  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2) var(--_space-4);
    clear: both;
  }
  /* The whole label is the target (≥ 2.75em tall), larger than the 24 px WCAG 2.2 minimum. */
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: var(--_target-size);
    padding-inline-end: var(--_space-2);
    cursor: pointer;
  }
  .choice input {
    width: 1.375em;
    height: 1.375em;
    margin: 0;
    accent-color: var(--_ss-accent);
    flex: none;
  }

  .counter {
    font-size: var(--_font-size-sm);
    color: var(--_text-muted);
    margin-block-start: var(--_space-1);
  }
  .counter[data-over] {
    color: var(--_danger);
    font-weight: 600;
  }

  .answers {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
    gap: var(--_space-2) var(--_space-4);
    margin: 0;
  }
  .answers dt {
    font-weight: 600;
  }
  .answers dd {
    margin: 0;
  }
  .answers .comment {
    white-space: pre-wrap;
  }

  .reference {
    font-size: var(--_font-size-xl);
    font-weight: 700;
    letter-spacing: 0.05em;
    font-variant-numeric: tabular-nums;
  }

  .loading {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
  }

  /* Modal (button mode). The native <dialog> is on the top layer, so no z-index contest with portal CSS. */
  dialog {
    width: min(44em, calc(100vw - 1em));
    max-height: calc(100dvh - 1em);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-lg);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  .dialog-bar {
    display: flex;
    justify-content: flex-end;
    padding: var(--_space-2) var(--_space-2) 0;
  }
  .dialog-body {
    padding: 0 var(--_space-4) var(--_space-5);
  }
  .close {
    min-width: var(--_target-size);
    min-height: var(--_target-size);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_text);
    font: inherit;
    font-size: var(--_font-size-lg);
    line-height: 1;
    cursor: pointer;
  }

  /* Results */
  .period {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
  }
  .period legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: var(--_space-1);
  }
  .custom {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    align-items: flex-end;
  }
  .custom .dvc-input {
    width: auto;
  }
  .custom-error {
    flex-basis: 100%;
  }

  .overall {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2) var(--_space-4);
    padding: var(--_space-3) var(--_space-4);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .overall strong {
    font-size: var(--_font-size-xl);
  }

  /* The font size is set on the <svg> only: every em inside (positions and text) then means the
     same length, so labels and bars cannot drift apart. */
  .chart {
    width: 100%;
    overflow: visible;
    font-size: 0.875em;
  }
  .chart .label {
    fill: var(--_text);
  }
  .chart .value {
    fill: var(--_text);
    font-weight: 700;
  }
  .chart .track {
    fill: var(--_ss-track);
    stroke: var(--_border);
    stroke-width: 1;
  }
  .chart .bar {
    fill: var(--_ss-bar);
  }

  .table-wrap {
    overflow-x: auto;
  }
  th[scope='row'] {
    min-width: 11em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_space-2);
  }
  th,
  td {
    padding: var(--_space-2);
    border-block-end: 1px solid var(--_border);
    text-align: end;
    vertical-align: top;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
  }

  @media (forced-colors: active) {
    .chart .bar {
      fill: CanvasText;
    }
    .chart .track {
      fill: Canvas;
      stroke: CanvasText;
    }
    .chart .label,
    .chart .value {
      fill: CanvasText;
    }
    .error-summary,
    .criterion[data-invalid] {
      border-color: CanvasText;
    }
  }
`;
