import { expect } from '@open-wc/testing';
import { buildOpenApi } from '../src/openapi.js';
import { endpoints, type EndpointDef, type EndpointName } from '../src/endpoints.js';
import { endpointDocs } from '../src/endpoint-docs.js';

type Op = {
  operationId: string;
  summary: string;
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
};

describe('OpenAPI document', () => {
  const doc = buildOpenApi('9.9.9') as {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, Op>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 with the requested version', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.info.version).to.equal('9.9.9');
    expect(doc.components.schemas).to.have.property('ErrorEnvelope');
  });

  it('has one operation per endpoint, with its success status and error envelope responses', () => {
    for (const [name, e] of Object.entries(endpoints) as [string, EndpointDef][]) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, name).to.exist;
      expect(op!.operationId).to.equal(name);
      expect(op!.responses).to.have.property(String(e.status));
      expect(op!.responses).to.have.property('500');
      const { errors, summary } = endpointDocs[name as EndpointName];
      expect(op!.summary).to.equal(summary);
      if (errors.includes('rate_limited')) expect(op!.responses).to.have.property('429');
      if (errors.includes('conflict')) expect(op!.responses).to.have.property('409');
      expect(Boolean(op!.requestBody), `${name} body`).to.equal(Boolean(e.body));
    }
  });

  it('declares every path parameter as required and idempotent POSTs with the Idempotency-Key header', () => {
    for (const [name, e] of Object.entries(endpoints) as [string, EndpointDef][]) {
      const op = doc.paths[e.path]![e.method.toLowerCase()]!;
      const placeholders = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const p of placeholders) {
        const param = op.parameters.find((x) => x.name === p && x.in === 'path');
        expect(param, `${name} ${p}`).to.exist;
        expect(param!.required).to.equal(true);
      }
      const key = op.parameters.find((x) => x.name === 'Idempotency-Key');
      expect(Boolean(key), `${name} idempotency`).to.equal(Boolean(e.idempotent));
      if (e.method === 'POST') expect(e.idempotent, `${name} POST must be idempotent`).to.equal(true);
    }
  });

  it('marks cacheable GETs with ETag and 304', () => {
    const op = doc.paths['/v1/procedure-index']!.get!;
    expect(op.responses).to.have.property('304');
    expect(op.parameters.some((p) => p.name === 'If-None-Match')).to.equal(true);
  });
});
