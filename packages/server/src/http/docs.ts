import { createHash } from 'node:crypto';

type Json = Record<string, any>;

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Example values for the contract's formats, so examples look like real requests. */
const EXAMPLE_BY_PATTERN: Record<string, string> = {
  '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$': '000.00.01.H29',
  '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4}$': '000.00.01.H29-260310-0420',
  '^\\d\\.\\d{6}(\\.[A-Z]\\d{2})?$': '1.001193',
  '^0(3[2-9]|5\\d|7[06-9]|8[1-9]|9\\d)\\d{7}$': '0912345678',
  '^\\d{12}$': '001090012345',
  '^LH-[2-9A-HJ-NP-Z]{6}$': 'LH-7K3M9Q',
  '^[a-z0-9][a-z0-9-]{0,63}$': 'mot-cua',
  '^([01]\\d|2[0-3]):[0-5]\\d$': '07:30',
  '^\\d{2}$': '79',
  '^[a-z0-9_]{1,40}$': 'thoi_gian',
};

/** Examples for free-text properties, by name. */
const EXAMPLE_BY_NAME: Record<string, string> = {
  fullName: 'Nguyễn Văn An',
  note: 'Tôi cần nộp hồ sơ đăng ký khai sinh',
  comment: 'Cán bộ hướng dẫn tận tình',
  q: 'dang ky khai sinh',
  field: 'Hộ tịch',
  name: 'Đăng ký khai sinh',
  criterion: 'attitude',
};

/** A plausible example value for a JSON Schema (depth-limited). */
export function exampleOf(schema: Json | undefined, depth = 0, name?: string): unknown {
  if (!schema || depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) {
    const pick = union.find((s: Json) => s.type !== 'null') ?? union[0];
    return exampleOf(pick, depth + 1, name);
  }
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Json)) out[k] = exampleOf(v as Json, depth + 1, k);
      return out;
    }
    case 'array':
      return [exampleOf(schema.items as Json, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'date') return '2026-03-10';
      if (schema.format === 'date-time') return '2026-03-10T08:15:00+07:00';
      if (schema.format === 'uri') return 'https://dichvucong.gov.vn/';
      if (typeof schema.pattern === 'string') {
        const known = EXAMPLE_BY_PATTERN[schema.pattern];
        if (known) return known;
      }
      return (name && EXAMPLE_BY_NAME[name]) ?? 'string';
    default:
      return null;
  }
}

/** A short human-readable type: `string (date)`, `array of object`, `"a" | "b"`. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return union.map((s: Json) => typeOf(s)).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items)}`;
  const extra = [schema.format, schema.pattern && `pattern ${schema.pattern}`].filter(Boolean).join(', ');
  return `${schema.type ?? 'any'}${extra ? ` (${extra})` : ''}`;
}

const pre = (value: unknown) => `<pre><code>${esc(JSON.stringify(value, null, 2))}</code></pre>`;

function schemaBlock(title: string, schema: Json | undefined): string {
  if (!schema) return '';
  return `<details><summary>${esc(title)}: schema</summary>${pre(schema)}</details>
<p class="label">${esc(title)}: example</p>${pre(exampleOf(schema))}`;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;--accent:#0b5cad;--code:#f4f4f4}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#121212;--muted:#aaa;--line:#444;--accent:#7db4ff;--code:#1e1e1e}}
body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:60em;margin:0 auto;padding:1em}
a{color:var(--accent)}
nav ul{columns:2;padding-left:1.2em}
section.op{border-top:1px solid var(--line);padding:.5em 0 1em}
h3{font-size:1.05em;font-family:ui-monospace,monospace;word-break:break-all}
.method{display:inline-block;min-width:3.5em;font-weight:700}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid var(--line);padding:.25em .5em;text-align:left;vertical-align:top}
pre{background:var(--code);padding:.6em;overflow:auto;font-size:.85em;max-height:28em}
.label,.muted{color:var(--muted);font-size:.9em;margin:.5em 0 0}
`;

/** The API reference as one self-contained HTML page (no scripts, no external resources). */
export function renderDocs(openapi: Json): { html: string; styleHash: string } {
  const styleHash = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;
  const ops: { tag: string; method: string; path: string; op: Json }[] = [];
  for (const [path, methods] of Object.entries(openapi.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      ops.push({ tag: (op as Json).tags?.[0] ?? 'other', method: method.toUpperCase(), path, op: op as Json });
    }
  }
  const tags = [...new Set(ops.map((o) => o.tag))];
  const body = tags
    .map((tag) => {
      const sections = ops
        .filter((o) => o.tag === tag)
        .map(({ method, path, op }) => {
          const params = (op.parameters ?? []) as Json[];
          const paramRows = params
            .map(
              (p) =>
                `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${esc(typeOf(p.schema))}</code>${p.description ? `<br>${esc(p.description)}` : ''}</td></tr>`,
            )
            .join('');
          const example: Record<string, string> = {};
          for (const p of params) if (p.in === 'path') example[p.name] = String(exampleOf(p.schema));
          const url = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(example[k] ?? k));
          const bodySchema = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
          const curl = [
            `curl -s${method === 'GET' ? '' : ` -X ${method}`} 'http://127.0.0.1:8787${url}'`,
            ...(bodySchema
              ? [`  -H 'Content-Type: application/json'`, `  -H 'Idempotency-Key: 6f1c2d9e-example'`, `  -d '${JSON.stringify(exampleOf(bodySchema))}'`]
              : []),
          ].join(' \\\n');
          const responses = Object.entries((op.responses ?? {}) as Json)
            .map(([status, r]) => `<tr><td>${esc(status)}</td><td>${esc((r as Json).description ?? '')}</td></tr>`)
            .join('');
          const okStatus = Object.keys(op.responses ?? {}).find((s) => /^2/.test(s));
          const okSchema = okStatus ? (op.responses[okStatus]?.content?.['application/json']?.schema as Json | undefined) : undefined;
          return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="method">${esc(method)}</span> ${esc(path)}</h3>
<p>${esc(op.summary ?? '')} <span class="muted">(operationId <code>${esc(op.operationId)}</code>)</span></p>
${paramRows ? `<table><caption class="label">Parameters</caption><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Type</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
<p class="label">Example request</p><pre><code>${esc(curl)}</code></pre>
${schemaBlock('Request body', bodySchema)}
<table><caption class="label">Responses</caption><thead><tr><th>Status</th><th>Meaning</th></tr></thead><tbody>${responses}</tbody></table>
${schemaBlock(`Response ${okStatus ?? ''}`, okSchema)}
</section>`;
        })
        .join('\n');
      return `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>\n${sections}`;
    })
    .join('\n');
  const toc = ops
    .map(({ method, path, op }) => `<li><a href="#${esc(op.operationId)}"><code>${esc(method)} ${esc(path)}</code></a></li>`)
    .join('');
  const errorSchema = openapi.components?.schemas?.ErrorEnvelope as Json | undefined;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(openapi.info?.title ?? 'API')} — reference</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(openapi.info?.title ?? 'API')} <small class="muted">v${esc(openapi.info?.version ?? '')}</small></h1>
<p>${esc(openapi.info?.description ?? '')}</p>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI ${esc(openapi.openapi ?? '')}).</p>
<h2>Conventions</h2>
<ul>
<li>Every error answer uses one envelope: <code>{"error":{"code","message","details?"}}</code>.</li>
<li>Every POST needs an <code>Idempotency-Key</code> header (8–128 characters). Retrying with the same key and body replays the first answer; the same key with another body is a 422.</li>
<li>Dossier, eligibility and appointment lookups are rate-limited per client; a 429 carries <code>Retry-After</code> (seconds) and <code>details.retryAfter</code>.</li>
<li>Cacheable answers carry a strong <code>ETag</code>; send it back in <code>If-None-Match</code> to get a 304.</li>
<li>Times are ISO 8601 with the +07:00 offset (Asia/Ho_Chi_Minh); dates are <code>YYYY-MM-DD</code>.</li>
</ul>
${schemaBlock('Error envelope', errorSchema)}
<nav aria-label="Operations"><h2>Operations</h2><ul>${toc}</ul></nav>
${body}
</main>
</body>
</html>
`;
  return { html, styleHash };
}
