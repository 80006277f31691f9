import { z } from 'zod';
import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Enterprise } from './org';

/** The body of `POST /api/v1/enterprises/{id}/opt-out`: why the office marks the enterprise. */
export const markOptOutSchema = z.object({ reason: z.string().trim().min(1).max(200).default('office') });
export type MarkOptOut = z.infer<typeof markOptOutSchema>;

/** The replies that opt out of SMS, as providers and the 工信部 rules expect them: 退订, TD, T (any case). */
const OPT_OUT_REPLY = /^\s*(退订|td|t)\s*[。.!！]?\s*$/i;

/** True when an SMS reply asks for no more messages. */
export function isOptOutReply(body: string): boolean {
  return OPT_OUT_REPLY.test(body);
}

/**
 * The office (or the enterprise's zone dispatcher) marks an enterprise opted out: it is never
 * messaged again, and an invitation that comes due for it is kept as `suppressed` with the reason.
 * Marking twice keeps the first time and reason.
 */
export async function markOptedOut(deps: CoreDeps, principal: Principal, enterpriseId: string, input: MarkOptOut): Promise<Enterprise> {
  if (principal.role !== 'office' && principal.role !== 'zone-dispatcher') {
    throw new DomainError('auth.forbidden', 'Only the office or a zone dispatcher marks an enterprise opted out.');
  }
  const enterprise = await deps.org.getEnterprise(enterpriseId);
  if (!enterprise || !inScope(scopeOf(principal), enterprise)) throw new DomainError('not_found', `No enterprise ${enterpriseId}.`);
  const marked = await deps.org.setOptOut(enterpriseId, { at: deps.clock.now().toISOString(), reason: `office: ${input.reason}` });
  if (!marked) throw new DomainError('not_found', `No enterprise ${enterpriseId}.`);
  return marked;
}

/**
 * An SMS reply from `from`: 退订/TD/T opts out every enterprise with that contact phone; any other
 * text changes nothing. Answers the ids of the enterprises now opted out.
 */
export async function optOutBySmsReply(deps: CoreDeps, reply: { from: string; body: string }): Promise<{ optedOut: string[] }> {
  if (!isOptOutReply(reply.body)) return { optedOut: [] };
  const at = deps.clock.now().toISOString();
  const reason = `sms-reply: ${reply.body.trim().slice(0, 20)}`;
  const marked = await Promise.all((await deps.org.enterprisesByPhone(reply.from)).map((e) => deps.org.setOptOut(e.id, { at, reason })));
  return { optedOut: marked.filter((e): e is Enterprise => e !== undefined).map((e) => e.id) };
}
