import * as z from 'zod/mini';
import { ErrorEnvelope } from './common.js';
import { endpoints, type EndpointDef, type EndpointName } from './endpoints.js';
import { endpointDocs } from './endpoint-docs.js';

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

const stripDialect = ({ $schema: _ignored, ...rest }: Json): Json => rest;

const ERROR_STATUS: Record<string, string> = {
  invalid_request: '400',
  not_found: '404',
  conflict: '409',
  unprocessable: '422',
  rate_limited: '429',
};

function parameters(e: EndpointDef): Json[] {
  const out: Json[] = [];
  for (const [where, obj] of [['path', e.params], ['query', e.query]] as const) {
    if (!obj) continue;
    const schema = stripDialect(toSchema(obj, 'input'));
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  }
  if (e.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'Client-chosen key (8–128 chars). Same key and body replays the first answer; a different body is a 422.',
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  if (e.cacheable) {
    out.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } });
  }
  return out;
}

/** The OpenAPI 3.1 document, generated from the endpoint table and the zod schemas. */
export function buildOpenApi(version = '0.1.0'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const errorResponse = {
    description: 'Error envelope',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
  for (const [operationId, e] of Object.entries(endpoints) as [string, EndpointDef][]) {
    const responses: Json = {
      [String(e.status)]: {
        description: 'OK',
        ...(e.cacheable ? { headers: { ETag: { schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: stripDialect(toSchema(e.response, 'output')) } },
      },
    };
    if (e.cacheable) responses['304'] = { description: 'Not modified (If-None-Match matched)' };
    responses['400'] = errorResponse;
    for (const code of endpointDocs[operationId as EndpointName].errors) {
      const status = ERROR_STATUS[code];
      if (status) responses[status] = code === 'rate_limited'
        ? { ...errorResponse, headers: { 'Retry-After': { schema: { type: 'integer' } } } }
        : errorResponse;
    }
    responses['500'] = errorResponse;
    responses['503'] = errorResponse;
    const op: Json = {
      operationId,
      summary: endpointDocs[operationId as EndpointName].summary,
      tags: endpointDocs[operationId as EndpointName].tags,
      parameters: parameters(e),
      responses,
    };
    if (e.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: stripDialect(toSchema(e.body, 'input')) } },
      };
    }
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dvc-widgets public API',
      version,
      description:
        'The shared public API behind the dvc-widgets web components: procedures, dossiers, satisfaction surveys and appointments at the one-stop counter. Generated from the zod schemas in @dvc-widgets/contract.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'agencies' },
      { name: 'procedures' },
      { name: 'dossiers' },
      { name: 'surveys' },
      { name: 'appointments' },
    ],
    paths,
    components: { schemas: { ErrorEnvelope: stripDialect(toSchema(ErrorEnvelope, 'output')) } },
  };
}
