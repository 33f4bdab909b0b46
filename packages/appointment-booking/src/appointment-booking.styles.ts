import { css } from 'lit';

/**
 * Styles of <dvc-appointment-booking>. Colours and sizes only through core's private `--_*`
 * properties (which read the public `--dvc-*` tokens) or this widget's own
 * `--dvc-appointment-booking-*` properties, which default to them. Sizes in `em`.
 */
export const styles = css`
  :host {
    --_ab-accent: var(--dvc-appointment-booking-accent, var(--_primary));
    --_ab-open: var(--dvc-appointment-booking-open-color, var(--_success));
    --_ab-full: var(--dvc-appointment-booking-full-color, var(--_warning));
    --_ab-closed: var(--dvc-appointment-booking-closed-color, var(--_text-muted));
    --_ab-day-size: var(--dvc-appointment-booking-day-size, 3em);
    --_ab-max-width: var(--dvc-appointment-booking-max-width, 42em);
  }

  .dvc-root {
    max-width: var(--_ab-max-width);
    display: grid;
    gap: var(--_space-4);
  }

  .title {
    font-size: var(--_font-size-xl);
    font-weight: 700;
    line-height: 1.25;
  }
  .intro {
    color: var(--_text-muted);
    margin-block-start: var(--_space-1);
  }

  /* Progress: numbers and words, never colour alone; the current step is also bold and underlined. */
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    list-style: none;
    padding: 0;
    margin: 0;
    font-size: var(--_font-size-sm);
    color: var(--_text-muted);
  }
  .steps li[aria-current='step'] {
    color: var(--_text);
    font-weight: 700;
    text-decoration: underline;
    text-decoration-thickness: 0.15em;
    text-underline-offset: 0.3em;
  }
  .steps .done::before {
    content: '✓ ';
  }

  .panel {
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-lg);
    background: var(--_surface);
  }
  .step-heading {
    font-size: var(--_font-size-lg);
    font-weight: 700;
    line-height: 1.3;
  }
  .step-heading:focus {
    outline: none;
  }
  .step-heading:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: center;
  }
  .link-button {
    min-height: 1.5em;
    padding: var(--_space-1) 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
    justify-self: start;
    text-align: start;
  }

  .chosen {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    align-items: baseline;
    padding: var(--_space-2) var(--_space-3);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .chosen strong {
    font-weight: 700;
  }

  /* Procedure search */
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .result {
    display: flex;
    gap: var(--_space-3);
    align-items: center;
    justify-content: space-between;
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .result-field {
    display: block;
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
  }

  /* Calendar (APG date-picker grid, inline) */
  .calendar {
    display: grid;
    gap: var(--_space-2);
  }
  .cal-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .cal-month {
    font-weight: 700;
    font-size: var(--_font-size-lg);
    text-align: center;
    flex: 1;
  }
  .cal-nav {
    padding: var(--_space-1);
  }
  table.grid {
    width: 100%;
    border-collapse: separate;
    border-spacing: 0.25em;
    table-layout: fixed;
  }
  .grid th {
    font-size: var(--_font-size-sm);
    font-weight: 600;
    color: var(--_text-muted);
    padding-block: var(--_space-1);
    text-align: center;
  }
  .grid td {
    padding: 0;
    text-align: center;
  }
  .day {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    width: 100%;
    min-height: var(--_ab-day-size);
    min-width: 1.5em;
    padding: 0.125em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    line-height: 1.15;
    cursor: pointer;
  }
  .day-number {
    font-weight: 700;
  }
  .day-tag {
    font-size: 0.75em;
  }
  .day--open {
    border: 2px solid var(--_ab-open);
  }
  .day--open .day-tag {
    color: var(--_ab-open);
    font-weight: 600;
  }
  /* Full and closed days: a pattern and a word as well as the colour (WCAG 1.4.1). */
  .day--full {
    border-style: dashed;
    border-color: var(--_ab-full);
    background: repeating-linear-gradient(
      135deg,
      var(--_surface-alt) 0 0.25em,
      var(--_surface) 0.25em 0.5em
    );
    cursor: not-allowed;
  }
  .day--full .day-tag {
    color: var(--_ab-full);
    font-weight: 600;
  }
  .day--closed {
    border-color: transparent;
    background: var(--_surface-alt);
    color: var(--_ab-closed);
    cursor: not-allowed;
  }
  .day--closed .day-number {
    font-weight: 400;
  }
  .day--today .day-number {
    text-decoration: underline;
  }
  td[aria-selected='true'] .day {
    background: var(--_ab-accent);
    border-color: var(--_ab-accent);
    color: var(--_on-primary);
  }
  td[aria-selected='true'] .day .day-tag {
    color: inherit;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-4);
    padding: 0;
    margin: 0;
    list-style: none;
    font-size: var(--_font-size-sm);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: var(--_space-1);
  }
  .swatch {
    display: inline-block;
    width: 1.25em;
    height: 1.25em;
    border-radius: 0.25em;
  }
  .swatch.day--open,
  .swatch.day--full,
  .swatch.day--closed {
    min-height: 0;
    width: 1.25em;
    padding: 0;
  }

  /* Slots */
  .slots {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8.5em, 1fr));
    gap: var(--_space-2);
  }
  .slots legend {
    font-weight: 600;
    margin-block-end: var(--_space-2);
    padding: 0;
  }
  .slot {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: var(--_target-size);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .slot input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_ab-accent);
  }
  .slot-remaining {
    display: block;
    font-size: var(--_font-size-sm);
    color: var(--_text-muted);
  }
  .slot:has(input:checked) {
    border: 2px solid var(--_ab-accent);
    background: var(--_surface-alt);
  }
  .slot:has(input:disabled) {
    cursor: not-allowed;
    border-style: dashed;
    color: var(--_text-muted);
  }

  /* Forms */
  .field {
    display: grid;
    gap: 0;
  }
  .optional {
    font-weight: 400;
    color: var(--_text-muted);
  }
  .dvc-textarea {
    min-height: 5em;
    resize: vertical;
  }

  /* Review and confirmation */
  .summary {
    display: grid;
    grid-template-columns: minmax(7em, max-content) 1fr;
    gap: var(--_space-2) var(--_space-4);
    margin: 0;
  }
  .summary dt {
    font-weight: 600;
    color: var(--_text-muted);
  }
  .summary dd {
    margin: 0;
  }
  .code {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
    font-size: var(--_font-size-xl);
    font-weight: 700;
    letter-spacing: 0.08em;
  }
  .ticket {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_space-4);
    align-items: start;
  }
  /* The QR code stays black on white in every theme: scanners need the contrast. */
  .qr {
    width: 9em;
    height: 9em;
    display: block;
    background: #fff;
  }
  .bring {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .alert-actions {
    margin-block-start: var(--_space-2);
  }

  .stack {
    display: grid;
    gap: var(--_space-3);
  }
  .spaced {
    margin-block-start: var(--_space-4);
  }

  .manage-toggle {
    justify-self: start;
  }

  @media (max-width: 30em) {
    .panel {
      padding: var(--_space-3);
    }
    .ticket {
      grid-template-columns: 1fr;
    }
    .summary {
      grid-template-columns: 1fr;
      gap: 0 var(--_space-2);
    }
    .summary dd {
      margin-block-end: var(--_space-2);
    }
    .day-tag {
      font-size: 0.65em;
    }
    table.grid {
      border-spacing: 0.125em;
    }
  }

  @media (forced-colors: active) {
    td[aria-selected='true'] .day {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .day--full,
    .day--closed {
      border: 1px dashed GrayText;
    }
    .qr {
      forced-color-adjust: none;
    }
  }

  /* Printed appointment slip: only the confirmation, no buttons, black on white. */
  @media print {
    .dvc-root {
      color: #000;
      background: #fff;
      max-width: none;
    }
    .steps,
    .actions,
    .intro,
    .manage-toggle,
    .dvc-button,
    .link-button {
      display: none !important;
    }
    .panel {
      border: 1px solid #000;
      break-inside: avoid;
    }
    :focus,
    :focus-visible {
      outline: none !important;
    }
  }
`;
