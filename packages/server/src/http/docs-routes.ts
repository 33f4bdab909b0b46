import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { renderDocs } from './docs.js';

/**
 * The committed OpenAPI document (kept fresh by `npm run openapi -- --check` in CI), so clients
 * download exactly the file reviewers read, and the reference page rendered from it once.
 */
export function loadDocs(): { openapiText: string; html: string; styleHash: string } {
  const openapiText = readFileSync(createRequire(import.meta.url).resolve('@dvc-widgets/contract/openapi.json'), 'utf8');
  return { openapiText, ...renderDocs(JSON.parse(openapiText) as Record<string, unknown>) };
}

export function docsRoutes(app: Hono<AppEnv>, docs: { openapiText: string; html: string }): void {
  app.get('/v1/openapi.json', (c) => {
    c.set('operation', 'openapi');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(docs.openapiText);
  });
  app.get('/v1/docs', (c) => {
    c.set('operation', 'docs');
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(docs.html);
  });
}
