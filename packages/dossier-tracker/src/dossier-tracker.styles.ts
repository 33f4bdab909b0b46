import { css } from 'lit';

/**
 * Styles of <dvc-dossier-tracker>. Colours and sizes only through tokens: the widget's own
 * `--dvc-dossier-tracker-*` properties default to core's private `--_*` values, which read the
 * global `--dvc-*` tokens.
 */
export const styles = css`
  :host {
    --_dt-accent: var(--dvc-dossier-tracker-accent, var(--_primary));
    --_dt-card-background: var(--dvc-dossier-tracker-card-background, var(--_surface-alt));
    --_dt-progress-track: var(--dvc-dossier-tracker-progress-track, var(--_surface-alt));
    --_dt-progress-fill: var(--dvc-dossier-tracker-progress-fill, var(--_primary));
    --_dt-progress-late: var(--dvc-dossier-tracker-progress-late, var(--_danger));
    --_dt-max-width: var(--dvc-dossier-tracker-max-width, 48em);
  }

  .dvc-root {
    max-width: var(--_dt-max-width);
    display: grid;
    gap: var(--_space-4);
  }

  .title {
    font-size: var(--_font-size-xl);
    font-weight: 700;
    line-height: 1.3;
  }

  form {
    display: grid;
    gap: var(--_space-2);
  }
  .field-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: flex-start;
  }
  .field-row .dvc-input {
    flex: 1 1 16em;
    width: auto;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .field-row .dvc-button {
    flex: 0 0 auto;
  }

  .remember {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: var(--_target-size);
    cursor: pointer;
  }
  .remember input {
    /* 1.25em ≈ 20px box inside a row at least 44px tall: the whole label is the target. */
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_dt-accent);
    flex: none;
  }

  .recent {
    display: grid;
    gap: var(--_space-2);
  }
  .recent h3,
  .section h3,
  .section h4 {
    font-size: var(--_font-size-lg);
    font-weight: 700;
    line-height: 1.3;
  }
  .recent ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .recent-button {
    flex-direction: column;
    align-items: flex-start;
    font-weight: 600;
  }
  .recent-button .meta {
    font-weight: 400;
    font-size: var(--_font-size-sm);
  }
  .clear {
    justify-self: start;
  }

  .loading {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
  }

  .result {
    display: grid;
    gap: var(--_space-4);
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-lg);
    background: var(--_dt-card-background);
  }
  .result-heading {
    font-size: var(--_font-size-lg);
    font-weight: 700;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .result-heading:focus {
    outline: none;
  }
  .result-heading:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
  }
  .procedure {
    font-size: var(--_font-size-lg);
  }

  .status {
    --_status-colour: var(--_info);
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    justify-self: start;
    padding: var(--_space-1) var(--_space-3);
    border: 2px solid var(--_status-colour);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 700;
  }
  .status svg,
  .badge svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    color: var(--_status-colour);
  }
  .status[data-group='action'],
  .badge[data-group='action'] {
    --_status-colour: var(--_warning);
  }
  .status[data-group='ready'],
  .status[data-group='done'],
  .badge[data-group='ready'] {
    --_status-colour: var(--_success);
  }
  .status[data-group='stopped'],
  .badge[data-group='late'] {
    --_status-colour: var(--_danger);
  }
  .status[data-group='withdrawn'] {
    --_status-colour: var(--_text-muted);
  }

  .badge {
    --_status-colour: var(--_info);
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    font-weight: 600;
  }

  dl.facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
    gap: var(--_space-3) var(--_space-4);
    margin: 0;
  }
  dl.facts div {
    min-width: 0;
  }
  dl.facts dt {
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
  }
  dl.facts dd {
    margin: 0;
    font-weight: 600;
  }

  .progress {
    display: grid;
    gap: var(--_space-1);
  }
  .progress-track {
    height: 0.75em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_dt-progress-track);
    overflow: hidden;
  }
  .progress-fill {
    height: 100%;
    background: var(--_dt-progress-fill);
  }
  .progress[data-late] .progress-fill {
    background: var(--_dt-progress-late);
  }

  .section {
    display: grid;
    gap: var(--_space-2);
  }
  .section ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .timeline {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-3);
  }
  .timeline li {
    position: relative;
    padding-inline-start: var(--_space-5);
    border-inline-start: 2px solid var(--_border);
    padding-block-end: var(--_space-1);
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.4375em;
    inset-block-start: 0.3em;
    width: 0.75em;
    height: 0.75em;
    border-radius: 50%;
    background: var(--_dt-accent);
  }
  .timeline time,
  .timeline .unit {
    display: block;
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
  }
  .timeline .what {
    font-weight: 600;
  }

  .as-of {
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin-block-start: var(--_space-2);
  }

  @media (forced-colors: active) {
    .progress-fill {
      background: CanvasText;
    }
    .status,
    .timeline li::before {
      forced-color-adjust: auto;
    }
  }
`;
