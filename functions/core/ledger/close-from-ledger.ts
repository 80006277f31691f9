import { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { closeIssue, type Closure } from './close-issue';
import { DEFAULT_EXTERNAL_SOURCE, externalSourceSchema } from './import-issues';
import { closeIssueSchema } from './issue';

/**
 * What an outside ledger sends when it closed an issue: huifang's `issueId`, or its own
 * `externalId` (from an import, in `source`), the resolution, and who closed it over there.
 */
export const ledgerClosedEventSchema = z
  .object({
    issueId: z.string().trim().min(1).max(64).optional(),
    externalId: z.string().trim().min(1).max(128).optional(),
    source: externalSourceSchema.optional(),
    resolution: closeIssueSchema.shape.resolution,
    closedBy: z.string().trim().min(1).max(64).optional(),
  })
  .refine((e) => (e.issueId === undefined) !== (e.externalId === undefined), { message: 'give either issueId or externalId', path: ['issueId'] });
export type LedgerClosedEvent = z.infer<typeof ledgerClosedEventSchema>;

/**
 * Who closes an issue on an outside ledger's word: a system principal with the office's reach,
 * so the ledger event says the close came from the outside ledger (and from whom there).
 */
export function ledgerPrincipal(closedBy?: string): Principal {
  return { sub: 'ledger-webhook', username: closedBy ? `external-ledger/${closedBy}` : 'external-ledger', role: 'office' };
}

/**
 * Closes an issue because an outside ledger says it is closed: the same closing transaction as
 * `POST /api/v1/issues/{id}/close`, so a repeated delivery answers the closure that exists.
 */
export async function closeFromLedger(deps: CoreDeps, event: LedgerClosedEvent): Promise<Closure> {
  const ref = event.externalId === undefined ? undefined : { source: event.source ?? DEFAULT_EXTERNAL_SOURCE, externalId: event.externalId };
  const issueId = ref ? await deps.issues.issueIdByExternalRef(ref) : event.issueId;
  if (!issueId) throw new DomainError('issue.not_found', `No issue has ${ref?.source} id ${ref?.externalId}.`);
  return closeIssue(deps, ledgerPrincipal(event.closedBy), issueId, { resolution: event.resolution });
}
