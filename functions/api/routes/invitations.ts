import { Hono } from 'hono';
import { z } from 'zod';
import { invitationListings } from '../../core/invitations/invitation';
import { listInvitations } from '../../core/invitations/invitation-list';
import type { ApiDeps, ApiEnv } from '../env';
import { pageQuerySchema } from '../pagination';
import { parseWith } from '../validation';

const listQuerySchema = pageQuerySchema.extend({ status: z.enum(invitationListings).default('failed') });

/** `/api/v1/invitations?status=failed|suppressed|expired|undelivered`: survey SMS the office has to look at. */
export function invitationRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const { limit, cursor, status } = parseWith(listQuerySchema, c.req.query());
    return c.json(await listInvitations(deps.core, c.get('principal'), status, { limit, ...(cursor ? { cursor } : {}) }));
  });
}
