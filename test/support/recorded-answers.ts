import { expect } from 'vitest';
import type { Enterprise } from '../../functions/core/org/org';
import { tokenOf, type TestHost } from './test-host';

/** One answer to record: whose, what, and when (a UTC instant). */
export interface PlannedAnswer {
  enterprise: Enterprise;
  category: string;
  answers: Record<string, unknown>;
  at: string;
}

/**
 * Records answers through the real loop over HTTP: an issue per enterprise recorded and closed by
 * its team, one sweep that sends every survey SMS at `sendAt`, then each survey answered through
 * its link at its own time. Returns the invitation id (the response key) of each answer, in plan
 * order. The host needs `invitationTtlDays` long enough for the latest answer.
 */
export async function recordAnswers(host: TestHost, plan: PlannedAnswer[], times: { closeAt: string; sendAt: string }): Promise<string[]> {
  host.clock.set(new Date(times.closeAt));
  for (const p of plan) {
    const as = `member-${p.enterprise.teamId}`;
    const issue = (await (await host.call('POST', '/api/v1/issues', { as, body: { enterpriseId: p.enterprise.id, teamId: p.enterprise.teamId, category: p.category, title: '厂区道路照明' } })).json()) as { id: string };
    expect((await host.call('POST', `/api/v1/issues/${issue.id}/close`, { as, body: { resolution: '已协调处理' } })).status).toBe(200);
  }
  host.clock.set(new Date(times.sendAt));
  const sweep = (await (await host.call('POST', '/local/sweep')).json()) as { invitations: { sent: number } };
  expect(sweep.invitations.sent).toBe(plan.length);
  const ids: string[] = [];
  for (const p of plan) {
    host.clock.set(new Date(p.at));
    const [sms] = (await (await host.call('GET', `/local/outbox?to=${p.enterprise.contactPhone}`)).json()) as Array<{ body: string; invitationId: string }>;
    const res = await host.app.request(`/s/${tokenOf(sms!.body)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers: p.answers }),
    });
    expect(res.status).toBe(201);
    ids.push(sms!.invitationId);
  }
  return ids;
}
