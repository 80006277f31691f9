import { beforeAll, describe, expect, it } from 'vitest';
import { queryAll } from '../../functions/adapters/dynamodb/client';
import { DynamoCounterStore } from '../../functions/adapters/dynamodb/counter-store';
import type { SurveyResponse } from '../../functions/core/ports';
import { addDays, shanghaiDate, shanghaiMonth } from '../../functions/core/scheduling/shanghai-time';
import { counterKeysFor, dimensions, smsChannelOf, type CounterKey } from '../../functions/core/scoring/counters';
import type { CallbackTask } from '../../functions/core/tasks/callback-task';
import type { Issue } from '../../functions/core/ledger/issue';
import type { Appeal } from '../../functions/core/appeals/appeal';
import { emptyWorkCounts, type WorkCounts } from '../../functions/core/scoring/counters';
import { reconcile } from '../../functions/jobs/reconcile';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { buildLocalHost, type LocalHost } from '../../infra/local/local-host';
import { seedLarge, type LargeSeedSummary } from '../../infra/local/seed/large-seed';
import type { LargeSeedSize } from '../../infra/local/seed/large-org';
import { freshTable } from '../support/test-host';

/** A slice of the district: one zone, six teams, 40 enterprises, three months. */
const slice: LargeSeedSize = { zones: 1, teams: 6, enterprises: 40, months: 3, issuesPerEnterprisePerYear: 12 };

/** What a level-count counter holds: answers, their sum, and per level. */
type Tally = { n: number; sum: number; counts: Record<string, number> };
const keyOf = (k: CounterKey) => `${k.dimension}|${k.granularity}|${k.period}|${k.groupId}|${k.channel}`;

describe('the large seed (HUIFANG_SEED=large), on a slice of the district', () => {
  let host: LocalHost;
  let summary: LargeSeedSummary | 'already-seeded';
  const progress: string[] = [];

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('large');
    host = await buildLocalHost({ endpoint, tableName });
    summary = await seedLarge(host, { size: slice, progress: { write: (t: string) => progress.push(t), isTTY: false } });
  }, 240_000);

  const all = <T>(kind: string) => queryAll<T>(host.table, { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :p', ExpressionAttributeValues: { ':p': kind } });

  it('writes the org of the slice and as many issues, tasks and answers as the summary says', async () => {
    if (summary === 'already-seeded') throw new Error('a fresh table was already seeded');
    expect(summary).toMatchObject({ zones: 1, teams: 6, enterprises: 40 });
    expect((await host.core.org.listTeams({ kind: 'all' })).length).toBe(6);
    expect((await host.core.org.listEnterprises({ kind: 'all' }, { limit: 200 })).items).toHaveLength(40);
    const issues = await all<Issue>('ISSUE');
    expect(issues).toHaveLength(summary.issues);
    expect(summary.issues).toBe(120);
    expect(issues.filter((i) => i.status === 'closed').length).toBeGreaterThan(60);
    expect(issues.reduce((sum, i) => sum + (i.reopenCount ?? 0), 0)).toBe(summary.reopened + summary.flagged);
    const responses = await all<SurveyResponse>('RESP');
    expect(responses).toHaveLength(summary.answered + summary.followUpsAnswered);
    const rate = summary.answered / summary.surveysSent;
    expect(rate).toBeGreaterThan(0.45);
    expect(rate).toBeLessThan(0.85);
    const tasks = await all<CallbackTask>('TASK');
    expect(tasks.filter((t) => t.kind === 'rectification')).toHaveLength(summary.rectifications);
    expect(tasks.some((t) => t.overdueLevel !== undefined && t.status === 'done')).toBe(true);
  });

  it('holds counters equal to a recount of the seeded answers, for every dimension, day and month', async () => {
    const expected = new Map<string, Tally>();
    const add = (key: CounterKey, rating: number) => {
      const t = expected.get(keyOf(key)) ?? { n: 0, sum: 0, counts: {} };
      t.n += 1;
      t.sum += rating;
      t.counts[rating] = (t.counts[rating] ?? 0) + 1;
      expected.set(keyOf(key), t);
    };
    for (const r of await all<SurveyResponse>('RESP')) {
      if (!r.excludedAt) for (const key of counterKeysFor(r, new Date(r.answeredAt), smsChannelOf(r))) add(key, r.score);
    }
    for (const t of await all<CallbackTask>('TASK')) {
      if (t.rating !== undefined && t.completedAt) for (const key of counterKeysFor(t, new Date(t.completedAt), 'callback')) add(key, t.rating);
    }
    const today = shanghaiDate(host.core.clock.now());
    const days = Array.from({ length: 110 }, (_, i) => addDays(today, -i));
    const months = [...new Set(days.map((d) => shanghaiMonth(new Date(`${d}T12:00:00+08:00`))))];
    const periods = [...days.map((period) => ({ granularity: 'day' as const, period })), ...months.map((period) => ({ granularity: 'month' as const, period }))];
    const store = new DynamoCounterStore(host.table);
    const actual = new Map<string, Tally>();
    for (const dimension of dimensions) {
      for (const row of await store.read(dimension, periods)) {
        const n = Object.values(row.counts).reduce((a, b) => a + b, 0);
        if (n === 0 && row.sum === 0) continue;
        actual.set(keyOf(row), { n, sum: row.sum, counts: Object.fromEntries(Object.entries(row.counts).filter(([, c]) => c !== 0)) });
      }
    }
    expect(expected.size).toBeGreaterThan(100);
    expect([...actual.entries()].sort()).toEqual([...expected.entries()].sort());
  });

  it('holds work counters equal to a recount of the seeded closures, reopens, tasks and appeals', async () => {
    const today = shanghaiDate(host.core.clock.now());
    const months = [...new Set(Array.from({ length: 110 }, (_, i) => shanghaiMonth(new Date(`${addDays(today, -i)}T12:00:00+08:00`))))];
    const rows = await new DynamoCounterStore(host.table).read('overall', months.map((period) => ({ granularity: 'month' as const, period })));
    const actual = emptyWorkCounts();
    for (const row of rows) for (const [name, v] of Object.entries(row.work) as Array<[keyof WorkCounts, number]>) actual[name] += v;

    const expected = emptyWorkCounts();
    for (const issue of await all<Issue>('ISSUE')) {
      for (const e of await host.core.issues.events(issue.id)) {
        if (e.to === 'closed' && e.from !== 'closed') expected.closed++;
        if (e.from === 'closed' && e.to !== 'closed') expected.reopened++;
      }
    }
    // Each task counts once: late when first raised as overdue, else on time or late when completed.
    for (const t of await all<CallbackTask>('TASK')) {
      const kind = t.kind === 'callback' ? 'callback' : 'rectification';
      if (t.overdueLevel !== undefined) expected[`${kind}Late`]++;
      else if (t.status === 'done' && t.completedAt) expected[Date.parse(t.completedAt) <= Date.parse(t.dueAt) ? (`${kind}OnTime` as const) : (`${kind}Late` as const)]++;
    }
    const appeals = await all<Appeal>('APPEAL');
    expected.appealsFiled = appeals.length;
    expected.appealsApproved = appeals.filter((a) => a.status === 'approved').length;

    expect(expected.closed).toBeGreaterThan(60);
    expect(expected.callbackOnTime).toBeGreaterThan(0);
    expect(expected.callbackLate).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });

  it('passes the reconciliation over the seeded range with no difference', async () => {
    const today = shanghaiDate(host.core.clock.now());
    const report = await reconcile(host.core, { from: addDays(today, -100), to: today, repair: false });
    expect(report.checkedResponses).toBeGreaterThan(50);
    expect(report.comparedCounters).toBeGreaterThan(100);
    expect(report.differences).toEqual([]);
  });

  it('draws a progress line about every 10% and ends with the totals and the seconds taken', () => {
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress.length).toBeLessThanOrEqual(12);
    expect(progress.at(-1)).toMatch(/^large seed done in \d+\.\d s: 1 zones, 6 teams, 40 enterprises; 120 issues .* items written \(\d+ counters\)\n$/);
  });

  it('ranks teams from the seeded counters and leaves a tiny team 样本不足, and the demo users sign in', async () => {
    const token = await signIn(host, 'office');
    const today = shanghaiDate(host.core.clock.now());
    const res = await host.app.request(`/api/v1/reports/scores?by=team&from=${addDays(today, -95)}&to=${today}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: Array<{ id: string; n: number; sufficient: boolean }> };
    expect(body.groups.filter((g) => g.sufficient).length).toBeGreaterThanOrEqual(3);
    expect(body.groups.find((g) => g.id === 'gaoxin-06')?.sufficient ?? false).toBe(false);
    const member = await signIn(host, 'member-gaoxin-01');
    const tasks = await host.app.request('/api/v1/callback-tasks', { headers: { authorization: `Bearer ${member}` } });
    expect(tasks.status).toBe(200);
    expect(((await tasks.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('runs once: a second seed writes nothing', async () => {
    const before = (await all<Issue>('ISSUE')).length;
    const lines = progress.length;
    expect(await seedLarge(host, { size: slice, progress: { write: (t: string) => progress.push(t) } })).toBe('already-seeded');
    expect((await all<Issue>('ISSUE')).length).toBe(before);
    expect(progress.length).toBe(lines);
  });
});

async function signIn(host: LocalHost, username: string): Promise<string> {
  const res = await host.app.request('/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return ((await res.json()) as { access_token: string }).access_token;
}
