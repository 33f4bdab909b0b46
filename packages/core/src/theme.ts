import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Default colours. Each pair used for text meets WCAG AA (≥ 4.5:1 against `surface` and
 * `surfaceAlt`), each UI colour (border, focus) meets ≥ 3:1; test/theme.test.ts computes the
 * ratios so a change that breaks them fails. Exported for that test and for documentation.
 */
export const palette = {
  light: {
    primary: '#0b5cad',
    onPrimary: '#ffffff',
    surface: '#ffffff',
    surfaceAlt: '#f2f4f7',
    text: '#1a1d21',
    textMuted: '#4f5864',
    border: '#6b7685',
    focus: '#0a4a8c',
    success: '#1e7b34',
    warning: '#8a5300',
    danger: '#b3261e',
    info: '#0b5cad',
  },
  dark: {
    primary: '#7cb7ff',
    onPrimary: '#0b1a2b',
    surface: '#16191d',
    surfaceAlt: '#22272e',
    text: '#e8eaed',
    textMuted: '#aab2bd',
    border: '#8893a2',
    focus: '#9ccaff',
    success: '#6fcf8a',
    warning: '#f0b45a',
    danger: '#ff8a80',
    info: '#7cb7ff',
  },
} as const;

export type PaletteKey = keyof (typeof palette)['light'];

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/*
 * Private `--_x` properties read the public `--dvc-color-x` (light) or `--dvc-dark-color-x`
 * (dark) token with our default as fallback, so a portal can set tokens on :root or on one
 * element and widget CSS only ever reads `--_x`. Built from `palette` (our own constants, so
 * unsafeCSS is safe here) to keep one source for the values and the contrast test.
 */
function colourVars(scheme: 'light' | 'dark'): CSSResult {
  const prefix = scheme === 'light' ? '--dvc-color-' : '--dvc-dark-color-';
  const lines = Object.entries(palette[scheme]).map(
    ([key, value]) => `--_${kebab(key)}: var(${prefix}${kebab(key)}, ${value});`,
  );
  return unsafeCSS(lines.join('\n'));
}

/** Custom properties only: colours (light and dark), spacing, radius, typography. */
export const tokens = css`
  :host {
    ${colourVars('light')}
    --_root-background: var(--dvc-root-background, transparent);
    /* Fonts with complete Vietnamese coverage first; system-ui last because on some Windows
       set-ups it resolves to a face that lacks stacked diacritics (ặ, ỗ). */
    --_font-family: var(
      --dvc-font-family,
      'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, system-ui, sans-serif
    );
    --_font-size-sm: var(--dvc-font-size-sm, 0.875em);
    --_font-size-lg: var(--dvc-font-size-lg, 1.125em);
    --_font-size-xl: var(--dvc-font-size-xl, 1.375em);
    --_space-1: var(--dvc-space-1, 0.25em);
    --_space-2: var(--dvc-space-2, 0.5em);
    --_space-3: var(--dvc-space-3, 0.75em);
    --_space-4: var(--dvc-space-4, 1em);
    --_space-5: var(--dvc-space-5, 1.5em);
    --_space-6: var(--dvc-space-6, 2em);
    --_radius: var(--dvc-radius, 0.375em);
    --_radius-lg: var(--dvc-radius-lg, 0.75em);
    /* 2.75em ≈ 44 px at the default size: well above WCAG 2.2's 24 px minimum target. */
    --_target-size: var(--dvc-target-size, 2.75em);
    --_focus-width: var(--dvc-focus-width, 3px);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${colourVars('dark')}
    --_root-background: var(--dvc-dark-root-background, var(--_surface));
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${colourVars('dark')}
      --_root-background: var(--dvc-dark-root-background, var(--_surface));
      color-scheme: dark;
    }
  }
`;

/**
 * Tokens, the `.dvc-root` reset and shared element styles. Use as the first entry of a widget's
 * `static styles`.
 */
export const baseStyles = css`
  ${tokens}

  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  /* Keeps its space but is neither painted nor announced while its strings load (LocalizeController). */
  :host([dvc-strings-pending]) {
    visibility: hidden;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* A host page's body {} or * {} rules beat any :host rule for inherited properties, so the
     root resets each of them explicitly. medium = the reader's own default size, unaffected by
     html { font-size: 62.5% }; everything inside is in em. */
  .dvc-root {
    font-family: var(--_font-family);
    font-size: var(--dvc-font-size, medium);
    font-weight: 400;
    font-style: normal;
    font-variant: normal;
    font-stretch: normal;
    line-height: 1.5;
    color: var(--_text);
    background-color: var(--_root-background);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    text-decoration: none;
    white-space: normal;
    overflow-wrap: break-word;
    hyphens: manual;
    direction: ltr;
    visibility: visible;
    cursor: auto;
  }
  .dvc-root :where(h1, h2, h3, h4, p, ul, ol, dl, dd, figure, fieldset) {
    margin: 0;
  }
  .dvc-root :where(fieldset) {
    border: 0;
    padding: 0;
    min-width: 0;
  }

  .dvc-visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  /* One focus ring everywhere: 3 px, ≥ 3:1 against the surface, offset so it never hides text. */
  :focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }

  .dvc-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-2);
    min-height: var(--_target-size);
    min-width: var(--_target-size);
    padding: var(--_space-2) var(--_space-4);
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .dvc-button--secondary {
    background: transparent;
    color: var(--_primary);
  }
  .dvc-button:hover:not(:disabled) {
    text-decoration: underline;
  }
  .dvc-button:disabled,
  .dvc-button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }

  .dvc-label {
    display: block;
    font-weight: 600;
    margin-block-end: var(--_space-1);
  }
  .dvc-hint {
    display: block;
    color: var(--_text-muted);
    font-size: var(--_font-size-sm);
    margin-block-end: var(--_space-1);
  }
  .dvc-field-error {
    display: block;
    color: var(--_danger);
    font-weight: 600;
    margin-block: var(--_space-1);
  }
  .dvc-input,
  .dvc-select,
  .dvc-textarea {
    display: block;
    width: 100%;
    min-height: var(--_target-size);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    line-height: 1.5;
  }
  .dvc-input[aria-invalid='true'],
  .dvc-select[aria-invalid='true'],
  .dvc-textarea[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .dvc-input::placeholder,
  .dvc-textarea::placeholder {
    color: var(--_text-muted);
    opacity: 1;
  }

  .dvc-link {
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  .dvc-alert {
    --_alert-accent: var(--_info);
    display: block;
    padding: var(--_space-3) var(--_space-4);
    border: 1px solid var(--_alert-accent);
    border-inline-start-width: 0.375em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
  }
  .dvc-alert--info {
    --_alert-accent: var(--_info);
  }
  .dvc-alert--success {
    --_alert-accent: var(--_success);
  }
  .dvc-alert--warning {
    --_alert-accent: var(--_warning);
  }
  .dvc-alert--danger {
    --_alert-accent: var(--_danger);
  }

  .dvc-spinner {
    display: inline-block;
    width: 1.25em;
    height: 1.25em;
    flex: none;
    border: 0.1875em solid var(--_border);
    border-block-start-color: var(--_primary);
    border-radius: 50%;
    animation: dvc-spin 0.8s linear infinite;
    vertical-align: middle;
  }
  @keyframes dvc-spin {
    to {
      transform: rotate(1turn);
    }
  }

  /* Motion off when the reader asks: the spinner becomes a static ring (the text next to it
     still says that something is loading). */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
    .dvc-spinner {
      animation: none;
    }
  }

  /* Windows High Contrast / forced colours: backgrounds vanish, so borders carry the shapes
     and system colours keep the focus ring and states visible. */
  @media (forced-colors: active) {
    .dvc-button {
      border: 2px solid ButtonText;
      forced-color-adjust: none;
      background: ButtonFace;
      color: ButtonText;
    }
    .dvc-button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .dvc-alert {
      border-color: CanvasText;
    }
    .dvc-spinner {
      border-color: GrayText;
      border-block-start-color: CanvasText;
    }
  }
`;
