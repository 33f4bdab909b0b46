import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The probes and metrics answer like the API (JSON or text, never framed or run). */
const OPERATIONS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Response headers by kind of answer: the JSON API, the API reference page, and static files
 * (demos and the widget bundles portals load from other origins).
 */
export function securityHeaders(docsStyleHash: string): MiddlewareHandler {
  const api = secureHeaders({
    // The API answers JSON only: nothing may run, load or frame it.
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // CORS decides who may read answers; CORP must not block the allowed cross-origin reads.
    crossOriginResourcePolicy: 'cross-origin',
    strictTransportSecurity: false,
  });
  const docs = secureHeaders({
    // The reference page is static HTML with one hashed inline style and no scripts.
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [`'${docsStyleHash}'`],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
  const files = secureHeaders({
    // The widget bundles in dist/ are loaded by portals on other origins.
    crossOriginResourcePolicy: 'cross-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: false,
  });
  return (c, next) => {
    const path = c.req.path;
    if (path === '/v1/docs' || path === '/v1/docs/') return docs(c, next);
    if (path.startsWith('/v1/') || path === '/v1' || OPERATIONS_PATHS.has(path)) return api(c, next);
    return files(c, next);
  };
}
