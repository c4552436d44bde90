/**
 * The catalog schema (JSON Schema draft-07), kept as code so the loader validates with exactly what
 * the editor's `jsonValidation` uses. catalogs/catalog.schema.json is this object written out; a
 * unit test keeps the two identical. Only the keywords validateSchema.ts understands appear here.
 */
import { EVIDENCE_TAGS } from './types';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const pathGlob = { type: 'string', minLength: 1, maxLength: 300, pattern: '^/[^\\s?#]*$', description: 'Path glob: `*` is one segment, `**` any number of segments.' };
const method = { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] };

export const CATALOG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'API Doctor provider catalog',
  description: 'How API Doctor recognises an HTTP API and explains its errors.',
  type: 'object',
  required: ['id', 'name', 'match', 'statuses'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'Catalog id; a user catalog with the id of a built-in one replaces it. `http` is the generic catalog.' },
    name: text(80),
    docs: { type: 'string', pattern: '^https://[^\\s]+$', maxLength: 300 },
    match: {
      type: 'object',
      required: ['hosts'],
      additionalProperties: false,
      properties: {
        hosts: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9.-]+$', maxLength: 253 }, description: 'Host names, exact or `*.example.com`.' },
        urlPrefixes: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^(https?|wss?)://[^\\s]+$', maxLength: 300 } },
        keyPrefixes: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 2, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' } },
      },
    },
    auth: {
      type: 'object',
      required: ['header', 'scheme', 'keyInQueryRejected'],
      additionalProperties: false,
      properties: {
        header: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9-]+$' },
        scheme: { type: 'string', maxLength: 30, pattern: '^[A-Za-z0-9-]*$' },
        queryToken: {
          type: 'object',
          required: ['param', 'websocketOnly'],
          additionalProperties: false,
          properties: { param: text(40), websocketOnly: { type: 'boolean' } },
        },
        keyInQueryRejected: { type: 'boolean' },
        foreignKeyPrefixes: {
          type: 'array', maxItems: 20,
          items: {
            type: 'object', required: ['prefix', 'product'], additionalProperties: false,
            properties: { prefix: { type: 'string', minLength: 2, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' }, product: text(80) },
          },
        },
      },
    },
    rateLimits: {
      type: 'array', maxItems: 20,
      items: {
        type: 'object',
        required: ['surface', 'label', 'requests', 'perSeconds', 'paths'],
        additionalProperties: false,
        properties: {
          surface: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 },
          label: text(120),
          requests: { type: 'integer', minimum: 1 },
          perSeconds: { type: 'integer', minimum: 1 },
          paths: { type: 'array', minItems: 1, maxItems: 50, items: pathGlob },
          methods: { type: 'array', items: method },
        },
      },
    },
    retry: {
      type: 'object',
      required: ['firstDelayMs', 'factor', 'capMs', 'honourRetryAfter', 'serverErrorRetries', 'retryStatuses'],
      additionalProperties: false,
      properties: {
        firstDelayMs: { type: 'integer', minimum: 0, maximum: 600000 },
        factor: { type: 'number', minimum: 1, maximum: 10 },
        capMs: { type: 'integer', minimum: 0, maximum: 3600000 },
        honourRetryAfter: { type: 'boolean' },
        serverErrorRetries: { type: 'integer', minimum: 0, maximum: 10 },
        retryStatuses: { type: 'array', maxItems: 20, items: { type: 'integer', minimum: 100, maximum: 599 } },
      },
    },
    statuses: {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^([1-5][0-9][0-9]|[1-5]xx)$': { $ref: '#/definitions/errorEntry' } },
      description: 'Keyed by status code ("401") or class ("5xx").',
    },
    codes: {
      type: 'object',
      additionalProperties: { $ref: '#/definitions/codeEntry' },
      description: 'Keyed by the code as it appears in response bodies: `api_access_denied`, `NoSuchKey`, `Invalid API key`.',
    },
    ticket: {
      type: 'array', maxItems: 30,
      items: {
        type: 'object', required: ['id', 'label', 'source'], additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 },
          label: text(120),
          source: { type: 'string', enum: ['request-id', 'method', 'url', 'request-body', 'status', 'response-body', 'timestamp', 'blank'] },
        },
      },
    },
    constraints: {
      type: 'array', maxItems: 100,
      items: {
        type: 'object', required: ['rule', 'method', 'path', 'in', 'name', 'message'], additionalProperties: false,
        properties: {
          rule: { type: 'string', pattern: '^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$', maxLength: 80 },
          method,
          path: pathGlob,
          in: { type: 'string', enum: ['query', 'body'] },
          name: text(80),
          oneOf: { type: 'array', minItems: 1, maxItems: 50, items: text(80) },
          minItems: { type: 'integer', minimum: 0 },
          maxItems: { type: 'integer', minimum: 0 },
          required: { type: 'boolean' },
          message: text(300),
        },
      },
    },
    hints: {
      type: 'array', maxItems: 50,
      items: {
        type: 'object', required: ['rule', 'loop', 'instead', 'message'], additionalProperties: false,
        properties: {
          rule: { type: 'string', pattern: '^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$', maxLength: 80 },
          loop: { $ref: '#/definitions/endpoint' },
          instead: { $ref: '#/definitions/endpoint' },
          message: text(300),
        },
      },
    },
  },
  definitions: {
    endpoint: {
      type: 'object', required: ['method', 'path'], additionalProperties: false,
      properties: { method, path: pathGlob },
    },
    cause: {
      type: 'object', required: ['id', 'text'], additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 60 },
        text: text(400),
        evidence: { type: 'string', enum: [...EVIDENCE_TAGS] },
        fix: text(400),
      },
    },
    errorEntry: {
      type: 'object', required: ['title', 'meaning', 'causes', 'fixes', 'retryable'], additionalProperties: false,
      properties: {
        title: text(120),
        meaning: text(600),
        causes: { type: 'array', maxItems: 20, items: { $ref: '#/definitions/cause' } },
        fixes: { type: 'array', maxItems: 20, items: text(400) },
        retryable: { type: 'boolean' },
      },
    },
    codeEntry: {
      type: 'object', required: ['title', 'meaning', 'causes', 'fixes', 'retryable'], additionalProperties: false,
      properties: {
        title: text(120),
        meaning: text(600),
        causes: { type: 'array', maxItems: 20, items: { $ref: '#/definitions/cause' } },
        fixes: { type: 'array', maxItems: 20, items: text(400) },
        retryable: { type: 'boolean' },
        statuses: { type: 'array', maxItems: 20, items: { type: 'integer', minimum: 100, maximum: 599 } },
        messages: { type: 'array', maxItems: 20, items: text(300) },
      },
    },
  },
} as const;
