import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { CompiledQuery, type Kysely } from 'kysely';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { EndpointDef, EndpointName } from '@dvc-widgets/contract';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import type { AppEnv } from './context.js';
import { HttpError } from './errors.js';
import type { Metrics } from './metrics.js';

/**
 * Rate limits shared by every instance: rate-limiter-flexible's PostgreSQL store, in the
 * `rate_limits` table (migration 0002), so the limits hold across instances and restarts.
 *
 * Three budgets, each a fixed window of `windowMs` counted from a key's first hit:
 * - `lookup-ip`: lookups by code (dossier, survey eligibility, appointment) per client IP.
 *   Generous (default 300 a minute): a whole commune can sit behind one carrier-grade NAT address,
 *   and it must not share a budget sized for one person.
 * - `lookup-code`: the same lookups per looked-up *code family*, from all clients together
 *   (default 20 a minute). A dossier code is agency-day-sequence (`000.00.01.H29-260310-0420`):
 *   enumerating it walks the 4-digit sequence, so the family is the code without it, and an
 *   enumeration is held to the family's budget however many addresses it comes from. An
 *   appointment lookup's family is the code itself (guessing the phone for a known code). One
 *   citizen re-checking a dossier a few times a minute stays far inside both.
 * - `write-ip`: POSTs per client IP.
 *
 * A fixed window lets one key spend up to twice its budget across a window boundary, once; what
 * an enumeration needs is the long-run rate, which the window holds. (The sliding log this
 * replaces was exact but lived in one process's memory.)
 *
 * When the store is slow or failing the request is not held up: after `storeTimeoutMs` (default
 * 200 ms) or on a database error the decision is taken by an in-process limiter with the same
 * budget (rate-limiter-flexible's insurance limiter) — fail open to a local limit. During such an
 * outage N instances allow up to N× the budget; every such decision is counted in
 * `dvc_rate_limit_store_fallbacks_total`. Once a key has spent its budget, each instance also
 * blocks it in memory until its window ends (`inMemoryBlockOnConsumed`), so a flood of refused
 * requests costs the database nothing.
 *
 * Keys are SHA-256 hashes of the bucket's key (a client IP or a code), not the values: the table
 * is not a readable access log, and rows are deleted an hour after they expire.
 */
export interface RateLimits {
  /** The limits an operation's requests pass before their input is read, or undefined. */
  before(name: EndpointName, endpoint: EndpointDef): MiddlewareHandler<AppEnv> | undefined;
}

/** Dossier codes without their day's sequence number; other codes as they are. */
export function codeFamily(code: string): string {
  const c = code.trim().toUpperCase().slice(0, 64);
  const m = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6})-\d{4}$/.exec(c);
  return m ? m[1]! : c;
}

/**
 * rate-limiter-flexible's PostgreSQL store speaks to a `pg` client through `query({ text,
 * values })`. Giving it Kysely instead (this adapter) means one path for both databases: on
 * PostgreSQL the queries use the app's pool, on PGlite they queue on its one connection like
 * every other query (a raw PGlite call could land inside another request's open transaction).
 */
export class KyselyQueryClient {
  constructor(private readonly db: Kysely<Database>) {}

  async query(q: { text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number }> {
    const result = await this.db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
    return { rows: result.rows, rowCount: result.numAffectedRows !== undefined ? Number(result.numAffectedRows) : result.rows.length };
  }
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

const LOOKUP_CODE_PARAM: Partial<Record<EndpointName, string>> = {
  getDossier: 'code',
  checkSurveyEligibility: 'dossierCode',
  getAppointment: 'code',
};

export function createRateLimits(options: {
  db: Kysely<Database>;
  config: AppConfig;
  metrics: Metrics;
}): RateLimits {
  const { config, metrics } = options;
  const { windowMs, storeTimeoutMs } = config.rateLimit;
  const duration = Math.max(1, Math.round(windowMs / 1000));
  const client = new KyselyQueryClient(options.db);

  const limiter = (bucket: string, points: number): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const shared = new RateLimiterPostgres({
      storeClient: client,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: bucket,
      points,
      duration,
      inMemoryBlockOnConsumed: points,
    });
    const insurance = new RateLimiterMemory({ keyPrefix: bucket, points, duration });
    const counted = new Proxy(insurance, {
      get(target, prop, receiver) {
        if (prop === 'consume') {
          return (...args: Parameters<RateLimiterMemory['consume']>) => {
            metrics.storeFallback(bucket);
            return target.consume(...args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    return new RLWrapperTimeouts({ limiter: shared, timeoutMs: storeTimeoutMs, insuranceLimiter: counted });
  };

  const lookupIp = limiter('lookup-ip', config.rateLimit.lookups);
  const lookupCode = limiter('lookup-code', config.rateLimit.codeLookups);
  const writeIp = limiter('write-ip', config.rateLimit.writes);

  const clientIp = (c: Context): string => {
    if (config.trustProxy) {
      // The last hop is the one our own proxy appended; earlier ones are client-supplied.
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1]!;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  /** Spends one point of every check at once; a 429 if any budget is spent, waiting for the longest. */
  const enforce = async (checks: [string, RateLimiterAbstract, string][]): Promise<void> => {
    const verdicts = await Promise.allSettled(checks.map(([, l, key]) => l.consume(hashKey(key))));
    let waitMs = 0;
    let refused = false;
    verdicts.forEach((v, i) => {
      if (v.status === 'fulfilled') return;
      if (!(v.reason instanceof RateLimiterRes)) throw v.reason;
      refused = true;
      metrics.rateLimited(checks[i]![0]);
      waitMs = Math.max(waitMs, v.reason.msBeforeNext);
    });
    if (refused) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new HttpError(
        'rate_limited',
        'Too many requests, please wait before trying again',
        { retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
  };

  return {
    before(name, endpoint) {
      const codeParam = LOOKUP_CODE_PARAM[name];
      if (codeParam) {
        const ip = lookupIp;
        const code = lookupCode;
        if (!ip && !code) return undefined;
        const kind = name === 'getAppointment' ? 'appointment' : 'dossier';
        return async (c, next) => {
          const checks: [string, RateLimiterAbstract, string][] = [];
          if (ip) checks.push(['lookup-ip', ip, clientIp(c)]);
          if (code) checks.push(['lookup-code', code, `${kind}|${codeFamily(c.req.param(codeParam) ?? '')}`]);
          await enforce(checks);
          await next();
        };
      }
      if (endpoint.method === 'POST' && writeIp) {
        const write = writeIp;
        return async (c, next) => {
          await enforce([['write-ip', write, clientIp(c)]]);
          await next();
        };
      }
      return undefined;
    },
  };
}
