import type { Hono, MiddlewareHandler } from 'hono';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from './context.js';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * Prometheus metrics of one app (its own registry, so several apps in one process — tests, an
 * embedding portal — never collide): requests and latency per contract operation, database pool
 * use, rate-limit refusals and store fallbacks, and the 409/422 refusals by reason (the answers an
 * offline outbox treats as final, so a rise in them is what an operator must see first).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'dvc_http_requests_total',
    help: 'Answered requests by operation, method and status',
    labelNames: ['operation', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'dvc_http_request_duration_seconds',
    help: 'Time to answer, by operation',
    labelNames: ['operation', 'method'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'dvc_rate_limit_refusals_total',
    help: 'Requests refused with 429, by limit (lookup-ip, lookup-code, write-ip)',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: 'dvc_rate_limit_store_fallbacks_total',
    help: 'Rate-limit decisions taken by the in-process limiter because the shared store was slow or failing',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  private readonly rejections = new Counter({
    name: 'dvc_rejections_total',
    help: '409 and 422 answers by operation, status and reason (slot_full, phone_limit, in_progress, …)',
    labelNames: ['operation', 'status', 'reason'] as const,
    registers: [this.registry],
  });

  constructor(poolStats?: () => PoolStats | undefined) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dvc_' });
    if (poolStats) {
      new Gauge({
        name: 'dvc_db_pool_connections',
        help: 'Database connections by state (total open, idle, requests waiting for one)',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const s = poolStats();
          if (!s) return;
          this.set({ state: 'total' }, s.total);
          this.set({ state: 'idle' }, s.idle);
          this.set({ state: 'waiting' }, s.waiting);
        },
      });
    }
  }

  rateLimited(bucket: string): void {
    this.refusals.inc({ bucket });
  }

  storeFallback(bucket: string): void {
    this.fallbacks.inc({ bucket });
  }

  /** Outermost timing middleware: every answer is counted, 404s and errors included. */
  middleware(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      const end = this.duration.startTimer();
      await next();
      const operation = c.get('operation') ?? 'other';
      const status = c.res.status;
      end({ operation, method: c.req.method });
      this.requests.inc({ operation, method: c.req.method, status: String(status) });
      if (status === 409 || status === 422) {
        this.rejections.inc({ operation, status: String(status), reason: c.get('reason') ?? 'none' });
      }
    };
  }

  routes(app: Hono<AppEnv>): void {
    // Counts only, no personal data; still, nginx (deploy/nginx.conf) keeps /metrics internal.
    app.get('/metrics', async (c) => {
      c.set('operation', 'metrics');
      c.header('Content-Type', this.registry.contentType);
      c.header('Cache-Control', 'no-store');
      return c.body(await this.registry.metrics());
    });
  }
}
