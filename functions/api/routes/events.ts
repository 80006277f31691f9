import { Hono } from 'hono';
import { DomainError } from '../../core/errors';
import { closeFromLedger, ledgerClosedEventSchema } from '../../core/ledger/close-from-ledger';
import { closureBody } from '../closure-view';
import type { ApiDeps } from '../env';
import { parseWith } from '../validation';
import { signedJsonBody } from '../webhook-signature';

/**
 * `/api/v1/events`: what outside systems tell huifang, signed with the shared webhook secret
 * instead of a staff token. Mounted before the staff middleware.
 */
export function eventRoutes(deps: ApiDeps) {
  return new Hono().post('/issue-closed', async (c) => {
    const secret = deps.webhookSecret;
    if (!secret) throw new DomainError('webhook.not_configured', 'This deployment has no webhook secret (HUIFANG_WEBHOOK_SECRET, or one it could read from HUIFANG_WEBHOOK_SECRET_ARN); deliveries are refused until it has one.');
    const payload = await signedJsonBody(c, secret);
    const closure = await closeFromLedger(deps.core, parseWith(ledgerClosedEventSchema, payload));
    return c.json(closureBody(deps.core, closure));
  });
}
