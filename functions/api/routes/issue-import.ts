import { Hono } from 'hono';
import { z } from 'zod';
import { validationError } from '../../core/errors';
import { externalSourceSchema, importIssues, importRowSchema, IMPORT_MAX_ROWS } from '../../core/ledger/import-issues';
import type { ApiDeps, ApiEnv } from '../env';
import { rowsFromCsv } from '../issue-csv';
import { jsonBody, parseWith } from '../validation';

/** The JSON form of an import, as documented; rows are checked one by one by the core. */
export const importBodySchema = z.object({ rows: z.array(importRowSchema).min(1).max(IMPORT_MAX_ROWS) });
const looseBodySchema = z.object({ rows: z.array(z.unknown()) });
const querySchema = z.object({ source: externalSourceSchema.optional() });

/**
 * `/api/v1/issues/import`: many issues at once, from a CSV (`text/csv`) or JSON (`{rows: [...]}`),
 * each row recorded like `POST /api/v1/issues`. Answers 200 with a result per row; 400 only when the
 * body as a whole cannot be read.
 */
export function issueImportRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().post('/', async (c) => {
    const { source } = parseWith(querySchema, c.req.query());
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let rows: unknown[];
    if (type === 'text/csv' || type === 'application/csv') rows = rowsFromCsv(new Uint8Array(await c.req.arrayBuffer()));
    else if (type === 'application/json') rows = (await jsonBody(c, looseBodySchema)).rows;
    else throw validationError([{ code: 'body.unsupported_type', path: '(body)', message: 'send text/csv or application/json' }]);
    return c.json(await importIssues(deps.core, c.get('principal'), rows, source ? { source } : {}));
  });
}
