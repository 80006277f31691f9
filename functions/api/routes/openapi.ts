import { z } from 'zod';
import { closeIssueSchema, newIssueSchema } from '../../core/ledger/issue';
import { completeTaskSchema } from '../../core/tasks/callback-task';

const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} },
};

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = { '400': { description: 'invalid input', ...json(errorSchema) }, '401': { description: 'not signed in', ...json(errorSchema) } };
const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

let cached: unknown;

/** The OpenAPI 3 document of the staff API, request bodies generated from the zod schemas. */
export function openApiDocument() {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'huifang staff API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/zones': { get: { summary: 'Zones in scope', parameters: listParams, responses: { '200': { description: 'zones' }, ...errors } } },
      '/api/v1/teams': { get: { summary: 'Teams in scope', parameters: listParams, responses: { '200': { description: 'teams' }, ...errors } } },
      '/api/v1/enterprises': { get: { summary: 'Enterprises in scope', parameters: listParams, responses: { '200': { description: 'enterprises' }, ...errors } } },
      '/api/v1/issues': {
        get: { summary: 'Issues in scope', parameters: listParams, responses: { '200': { description: 'issues' }, ...errors } },
        post: { summary: 'Record an issue', requestBody: json(z.toJSONSchema(newIssueSchema)), responses: { '201': { description: 'created' }, ...errors } },
      },
      '/api/v1/issues/{id}': { get: { summary: 'One issue with its ledger events', parameters: [idParam], responses: { '200': { description: 'issue' }, ...errors } } },
      '/api/v1/issues/{id}/close': {
        post: {
          summary: 'Close an issue (idempotent): callback task and survey invitation in one transaction',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(closeIssueSchema)),
          responses: { '200': { description: 'the closure' }, ...errors },
        },
      },
      '/api/v1/callback-tasks': { get: { summary: 'Callback and rectification tasks in scope', parameters: listParams, responses: { '200': { description: 'tasks' }, ...errors } } },
      '/api/v1/callback-tasks/{id}/complete': {
        post: {
          summary: 'Record the outcome of a task',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(completeTaskSchema)),
          responses: { '200': { description: 'the task' }, ...errors },
        },
      },
      '/api/v1/reports/scores': {
        get: {
          summary: 'Satisfaction scores per team, zone or category',
          parameters: [
            { name: 'by', in: 'query', required: true, schema: { enum: ['team', 'zone', 'category'] } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          ],
          responses: { '200': { description: 'scores' }, ...errors },
        },
      },
    },
  };
  return cached;
}
