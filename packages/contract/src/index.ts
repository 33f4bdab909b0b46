/**
 * @dvc-widgets/contract — the shared public API. Schemas use `zod/mini`: it never compiles
 * parsers with `new Function`, so it runs under a strict Content-Security-Policy.
 */
export * from './common.js';
export * from './formats.js';
export * from './agency.js';
export * from './procedure.js';
export * from './dossier.js';
export * from './survey.js';
export * from './appointment.js';
export * from './endpoints.js';
export * from './endpoint-docs.js';
