/** Run-time settings of the HTTP layer (the database is chosen by `startServer`). */
export interface AppConfig {
  /** Extra allowed CORS origins, on top of every agency's `corsOrigins`. */
  corsOrigins: string[];
  rateLimit: {
    windowMs: number;
    /** Dossier, eligibility and appointment lookups per client per window; 0 disables. */
    lookups: number;
    /** POST requests per client per window; 0 disables. */
    writes: number;
  };
  /** Take the client IP from the last `X-Forwarded-For` hop (only behind a proxy you run). */
  trustProxy: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: number;
}

export const DEFAULT_CONFIG: AppConfig = {
  corsOrigins: [],
  rateLimit: { windowMs: 60_000, lookups: 30, writes: 60 },
  trustProxy: false,
  bodyLimitBytes: 16 * 1024,
};

export function resolveConfig(partial: Partial<AppConfig> = {}): AppConfig {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    rateLimit: { ...DEFAULT_CONFIG.rateLimit, ...partial.rateLimit },
  };
}

const int = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Expected a non-negative integer, got "${value}"`);
  return n;
};

/** Reads the environment variables documented in packages/server/README.md. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimit: {
      windowMs: int(env.RATE_LIMIT_WINDOW_MS, DEFAULT_CONFIG.rateLimit.windowMs) || DEFAULT_CONFIG.rateLimit.windowMs,
      lookups: int(env.RATE_LIMIT_LOOKUPS, DEFAULT_CONFIG.rateLimit.lookups),
      writes: int(env.RATE_LIMIT_WRITES, DEFAULT_CONFIG.rateLimit.writes),
    },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, DEFAULT_CONFIG.bodyLimitBytes) || DEFAULT_CONFIG.bodyLimitBytes,
  };
}
