import { Hono } from 'hono';
import { z } from 'zod';
import { closeIssue } from '../../core/ledger/close-issue';
import {
  bounceIssueSchema,
  closeIssueSchema,
  escalateIssueSchema,
  issueStatusSchema,
  newIssueSchema,
  reopenIssueSchema,
  startIssueSchema,
} from '../../core/ledger/issue';
import { bounceIssue, escalateIssue, reopenIssue, startIssue } from '../../core/ledger/transitions';
import { createIssue, issueFor, listIssues } from '../../core/ledger/issues';
import { closureBody } from '../closure-view';
import type { ApiDeps, ApiEnv } from '../env';
import { pageQuerySchema } from '../pagination';
import { jsonBody, parseWith } from '../validation';

const listQuerySchema = pageQuerySchema.extend({
  status: issueStatusSchema.optional(),
  teamId: z.string().min(1).max(64).optional(),
  zoneId: z.string().min(1).max(64).optional(),
});

/** `/api/v1/issues`: the ledger. */
export function issueRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .post('/', async (c) => {
      const issue = await createIssue(core, c.get('principal'), await jsonBody(c, newIssueSchema));
      return c.json(issue, 201, { Location: `/api/v1/issues/${issue.id}` });
    })
    .get('/', async (c) => {
      const { limit, cursor, ...filter } = parseWith(listQuerySchema, c.req.query());
      return c.json(await listIssues(core, c.get('principal'), filter, { limit, ...(cursor ? { cursor } : {}) }));
    })
    .get('/:id', async (c) => {
      const principal = c.get('principal');
      const issue = await issueFor(core, principal, c.req.param('id'));
      return c.json({ ...issue, events: await core.issues.events(issue.id) });
    })
    .post('/:id/start', async (c) => c.json(await startIssue(core, c.get('principal'), c.req.param('id'), await jsonBody(c, startIssueSchema))))
    .post('/:id/escalate', async (c) => c.json(await escalateIssue(core, c.get('principal'), c.req.param('id'), await jsonBody(c, escalateIssueSchema))))
    .post('/:id/bounce', async (c) => c.json(await bounceIssue(core, c.get('principal'), c.req.param('id'), await jsonBody(c, bounceIssueSchema))))
    .post('/:id/reopen', async (c) => c.json(await reopenIssue(core, c.get('principal'), c.req.param('id'), await jsonBody(c, reopenIssueSchema))))
    .post('/:id/close', async (c) => {
      const input = await jsonBody(c, closeIssueSchema);
      const closure = await closeIssue(core, c.get('principal'), c.req.param('id'), input);
      return c.json(closureBody(core, closure));
    });
}
