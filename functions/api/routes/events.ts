import { Hono } from 'hono';
import { DomainError } from '../../core/errors';
import { closeFromLedger, ledgerClosedEventSchema } from '../../core/ledger/close-from-ledger';
import { closureBody } from '../closure-view';
import type { ApiDeps } from '../env';
import { parseWith } from '../validation';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../webhook-signature';

/**
 * `/api/v1/events`: what outside systems tell huifang, signed with the shared webhook secret
 * instead of a staff token. Mounted before the staff middleware.
 */
export function eventRoutes(deps: ApiDeps) {
  return new Hono().post('/issue-closed', async (c) => {
    const secret = deps.webhookSecret;
    if (!secret) throw new DomainError('webhook.not_configured', 'This deployment has no webhook secret (HUIFANG_WEBHOOK_SECRET, or one it could read from HUIFANG_WEBHOOK_SECRET_ARN); deliveries are refused until it has one.');
    // The signature covers the bytes as sent, so they are read raw and parsed only once trusted.
    const body = new Uint8Array(await c.req.arrayBuffer());
    // Wall-clock time, as for staff tokens: the replay window guards the transport, even while the local domain clock is moved.
    verifyWebhook(secret, { timestamp: c.req.header(TIMESTAMP_HEADER), signature: c.req.header(SIGNATURE_HEADER) }, body, new Date());
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new DomainError('validation.failed', 'The body must be JSON.', [{ code: 'body.invalid_json', path: '(body)', message: 'not valid JSON' }]);
    }
    const closure = await closeFromLedger(deps.core, parseWith(ledgerClosedEventSchema, payload));
    return c.json(closureBody(deps.core, closure));
  });
}
