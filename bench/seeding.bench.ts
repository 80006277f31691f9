import { ulidIds } from '../functions/adapters/ids/ids';
import type { Principal } from '../functions/core/auth/principal';
import type { CoreDeps } from '../functions/core/deps';
import { sendInvitation } from '../functions/core/invitations/send-due';
import { closeIssue } from '../functions/core/ledger/close-issue';
import { createIssue } from '../functions/core/ledger/issues';
import type { SmsGateway, SmsMessage } from '../functions/core/ports';
import { recordAnswer } from '../functions/core/responses/record-answer';
import { addMinutes } from '../functions/core/scheduling/shanghai-time';
import { completeTask } from '../functions/core/tasks/callback-tasks';
import { writeInBatches } from '../infra/local/seed/batch-writer';
import { largeOrg, type LargeSeedSize } from '../infra/local/seed/large-org';
import { planIssues, type IssuePlan } from '../infra/local/seed/large-plans';
import { SeedingStores } from '../infra/local/seed/memory-stores';
import type { LocalHost } from '../infra/local/local-host';
import type { BenchRow } from './timing';

const slice: LargeSeedSize = { zones: 1, teams: 6, enterprises: 40, months: 6, issuesPerEnterprisePerYear: 12 };

class CapturingGateway implements SmsGateway {
  readonly tokens = new Map<string, string>();
  async send(message: SmsMessage) {
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (token) this.tokens.set(message.invitationId, token);
    return { providerMessageId: `bench-${message.invitationId}` };
  }
}

/** Record, close, send, answer and call back each planned issue through the core, `lanes` at a time. */
async function tell(core: CoreDeps, plans: IssuePlan[], lanes: number): Promise<void> {
  const capture = new CapturingGateway();
  const asOf = (instant: Date): CoreDeps => {
    const clock = { now: () => new Date(instant.getTime()) };
    return { ...core, clock, ids: ulidIds(clock), sms: capture };
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < plans.length) {
        const plan = plans[next++]!;
        const who: Principal = { sub: 'm', username: `member-${plan.enterprise.teamId}`, role: 'team-member', teamId: plan.enterprise.teamId, zoneId: plan.enterprise.zoneId };
        const issue = await createIssue(asOf(plan.openedAt), who, { enterpriseId: plan.enterprise.id, teamId: plan.enterprise.teamId, category: plan.category, title: plan.title });
        const closure = await closeIssue(asOf(plan.closedAt!), who, issue.id, { resolution: '已办结' });
        const sentAt = new Date(closure.invitation.sendAfter);
        await sendInvitation(asOf(sentAt), closure.invitation);
        const token = capture.tokens.get(closure.invitation.id);
        if (token && plan.answersAfterMinutes !== null) await recordAnswer(asOf(addMinutes(sentAt, plan.answersAfterMinutes)), token, plan.answers, 'bench');
        await completeTask(asOf(addMinutes(plan.closedAt!, 24 * 60)), who, closure.callbackTask.id, { outcome: 'reached', enterpriseSaysResolved: 'yes' });
      }
    }),
  );
}

/**
 * Seeding the same closures two ways, on fresh tables: one transaction per step through the
 * DynamoDB stores (6 lanes, as the demo seed does), and the large seed's way (the core against
 * in-memory stores, then BatchWriteItem, 4 requests in flight). Time per closure, side by side.
 */
export async function benchSeeding(fresh: () => Promise<LocalHost>, closures = 48): Promise<BenchRow[]> {
  const org = largeOrg(slice);
  const now = new Date();
  const eightDaysAgo = addMinutes(now, -8 * 24 * 60).toISOString();
  const plans = planIssues(org, slice, now, ['政策咨询', '审批手续', '金融支持'])
    .filter((p) => p.closedAt && p.closedAt.toISOString() < eightDaysAgo && p.answers.overall !== undefined && Number(p.answers.overall) >= 3)
    .slice(0, closures);

  const live = await fresh();
  await live.org.putAll(org);
  const t0 = performance.now();
  await tell(live.core, plans, 6);
  const transactions = performance.now() - t0;
  live.close();

  const batch = await fresh();
  await batch.org.putAll(org);
  const t1 = performance.now();
  const stores = new SeedingStores(org);
  await tell({ ...batch.core, ...storesOf(stores) }, plans, 1);
  const items = stores.items();
  await writeInBatches(batch.table, items, { lanes: 4 });
  const batched = performance.now() - t1;
  batch.close();

  const size = `${plans.length} closures`;
  return [
    { bench: 'seeding closures', variant: `BatchWrite (${items.length} items)`, size, ms: batched / plans.length, ratio: 1 },
    { bench: 'seeding closures', variant: 'a transaction per step', size, ms: transactions / plans.length, ratio: transactions / batched },
  ];
}

function storesOf(s: SeedingStores) {
  return { org: s.org, issues: s.issues, tasks: s.tasks, invitations: s.invitations, counters: s.counters, rateLimits: s.rateLimits, responses: s.responses, appeals: s.appeals };
}
