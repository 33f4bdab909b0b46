// Lit's development build warns (console.warn) about mistakes that still "work": a class field
// shadowing a reactive property, an update scheduled after an update completed, a missing
// polyfill… Tests run Lit in dev mode, so a test can assert that none of those were printed.

/** The one-time dev-mode notice Lit prints on every page: not a mistake. */
const NOT_A_MISTAKE = /Lit is in dev mode/;

/** Does this console.warn/error look like one of Lit's dev warnings? */
export function isLitDevWarning(args: unknown[]): boolean {
  const text = args.map(String).join(' ');
  if (NOT_A_MISTAKE.test(text)) return false;
  // Every Lit dev warning links to its explanation under lit.dev/msg/.
  return text.includes('lit.dev/msg/');
}

export interface LitWarningCapture {
  /** The Lit dev warnings printed since the capture started. */
  readonly warnings: string[];
  /** Stops capturing and puts console.warn/error back. */
  restore(): void;
}

/** Starts recording Lit dev warnings (other console output passes through untouched). */
export function captureLitWarnings(): LitWarningCapture {
  const warnings: string[] = [];
  const { warn, error } = console;
  const record =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (isLitDevWarning(args)) warnings.push(args.map(String).join(' '));
      original.apply(console, args);
    };
  console.warn = record(warn);
  console.error = record(error);
  return {
    warnings,
    restore() {
      console.warn = warn;
      console.error = error;
    },
  };
}

/**
 * Runs `fn` and throws if Lit printed a dev warning meanwhile. Lit also queues some warnings to
 * a later microtask, so one is awaited before checking.
 */
export async function expectNoLitDevWarnings(fn: () => unknown | Promise<unknown>): Promise<void> {
  const capture = captureLitWarnings();
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    capture.restore();
  }
  if (capture.warnings.length) {
    throw new Error(`Lit printed ${capture.warnings.length} dev warning(s):\n${capture.warnings.join('\n')}`);
  }
}
