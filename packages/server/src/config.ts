/** Run-time settings of the HTTP layer (the database is chosen by `startServer`). */
export interface AppConfig {
  /** Extra allowed CORS origins, on top of every agency's `corsOrigins`. */
  corsOrigins: string[];
  rateLimit: {
    windowMs: number;
    /** Dossier, eligibility and appointment lookups per client IP per window; 0 disables. */
    lookups: number;
    /** The same lookups per looked-up code family, from all clients together, per window; 0 disables. */
    codeLookups: number;
    /** POST requests per client IP per window; 0 disables. */
    writes: number;
    /** How long a limit decision may wait for the shared store before the local limiter decides. */
    storeTimeoutMs: number;
  };
  /** Take the client IP from the last `X-Forwarded-For` hop (only behind a proxy you run). */
  trustProxy: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: number;
}

export const DEFAULT_CONFIG: AppConfig = {
  corsOrigins: [],
  // Per IP generous (a commune behind one carrier-grade NAT address shares it), per code tight.
  rateLimit: { windowMs: 60_000, lookups: 300, codeLookups: 20, writes: 60, storeTimeoutMs: 200 },
  trustProxy: false,
  bodyLimitBytes: 16 * 1024,
};

/** What `createApp` and `startServer` accept: any setting left out takes its default. */
export type AppConfigInput = Partial<Omit<AppConfig, 'rateLimit'>> & { rateLimit?: Partial<AppConfig['rateLimit']> };

export function resolveConfig(partial: AppConfigInput = {}): AppConfig {
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
      codeLookups: int(env.RATE_LIMIT_CODE_LOOKUPS, DEFAULT_CONFIG.rateLimit.codeLookups),
      writes: int(env.RATE_LIMIT_WRITES, DEFAULT_CONFIG.rateLimit.writes),
      storeTimeoutMs: int(env.RATE_LIMIT_STORE_TIMEOUT_MS, DEFAULT_CONFIG.rateLimit.storeTimeoutMs) || DEFAULT_CONFIG.rateLimit.storeTimeoutMs,
    },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, DEFAULT_CONFIG.bodyLimitBytes) || DEFAULT_CONFIG.bodyLimitBytes,
  };
}
