import { compress } from 'hono/compress';
import type { MiddlewareHandler } from 'hono';

/**
 * gzip/deflate by the client's Accept-Encoding. Citizens are often on slow rural links: gzip
 * shrinks the catalog index ~8× and the widget bundles ~3×. (The strong ETag becomes weak when
 * compressed; If-None-Match compares weakly, so revalidation still works.)
 */
export const compression = (): MiddlewareHandler => compress();
