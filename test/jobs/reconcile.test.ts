import { describe, expect, it } from 'vitest';
import { reconcile, yesterdayRange } from '../../functions/jobs/reconcile';
import type { CounterStore, ResponseStore, SurveyResponse } from '../../functions/core/ports';
import { counterKeyId, recountAnswers, type AnswerNumbersRow } from '../../functions/core/scoring/recount';

const answer = (id: string, score: number, answeredAt: string, over: Partial<SurveyResponse> = {}): SurveyResponse => ({
  invitationId: id,
  issueId: `issue-${id}`,
  enterpriseId: 'ent-001',
  teamId: 'gaoxin-01',
  zoneId: 'gaoxin',
  category: '用工短缺',
  surveyId: 'default',
  surveyVersion: 1,
  channel: 'sms',
  score,
  answers: { overall: score },
  answeredAt,
  ...over,
});

/** In-memory counters and responses, with the repair's condition on the numbers read. */
function fakeStores(responses: SurveyResponse[]) {
  const rows = new Map<string, AnswerNumbersRow>([...recountAnswers(responses)].map(([id, r]) => [id, structuredClone(r)]));
  const ranges: Array<{ from: string; to: string }> = [];
  const counters: Pick<CounterStore, 'readAnswerNumbers' | 'correctAnswerNumbers'> = {
    readAnswerNumbers: async (dimension, periods) =>
      [...rows.values()].filter((r) => r.dimension === dimension && periods.some((p) => p.granularity === r.granularity && p.period === r.period)).map((r) => structuredClone(r)),
    correctAnswerNumbers: async (key, was, to) => {
      const id = counterKeyId(key);
      const current = rows.get(id);
      if ((current?.n ?? 0) !== was.n || (current?.sum ?? 0) !== was.sum) return false;
      rows.set(id, { ...key, ...structuredClone(to) });
      return true;
    },
  };
  const store: Pick<ResponseStore, 'answeredBetween'> = {
    answeredBetween: async (range, page) => {
      ranges.push(range);
      const inRange = responses.filter((r) => r.answeredAt >= range.from && r.answeredAt < range.to);
      const start = Number(page.cursor ?? 0);
      const next = start + page.limit < inRange.length ? String(start + page.limit) : null;
      return { items: inRange.slice(start, start + page.limit), nextCursor: next };
    },
  };
  const deps = { counters: counters as CounterStore, responses: store as ResponseStore };
  return { deps, rows, ranges };
}

const november = Array.from({ length: 1200 }, (_, i) => answer(`r${i}`, 1 + (i % 5), `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00.000Z`));

describe('reconcile (fakes)', () => {
  it('finds no difference when the counters hold what the responses add up to, reading every page', async () => {
    const { deps } = fakeStores(november);
    const report = await reconcile(deps, { from: '2026-11-16', to: '2026-11-16' });
    expect(report.differences).toEqual([]);
    expect(report.checkedResponses).toBe(1200);
    expect(report.comparedCounters).toBeGreaterThan(0);
  });

  it('reports a tampered counter and leaves it alone without the repair flag', async () => {
    const { deps, rows } = fakeStores(november);
    const id = 'team#day#2026-11-16#gaoxin-01#sms';
    const right = structuredClone(rows.get(id)!);
    rows.get(id)!.n += 3;
    const report = await reconcile(deps, { from: '2026-11-16', to: '2026-11-16' });
    expect(report.differences).toEqual([{ key: id, expected: { n: right.n, sum: right.sum, counts: right.counts }, actual: { n: right.n + 3, sum: right.sum, counts: right.counts } }]);
    expect(report.repaired).toBe(0);
    expect(rows.get(id)!.n).toBe(right.n + 3);
  });

  it('repairs with the flag, after which a second run finds nothing', async () => {
    const { deps, rows } = fakeStores(november);
    rows.delete('overall#month#2026-11#all#sms');
    const report = await reconcile(deps, { from: '2026-11-30', to: '2026-11-30', repair: true });
    expect(report.differences.map((d) => d.key)).toEqual(['overall#month#2026-11#all#sms']);
    expect(report.repaired).toBe(1);
    expect((await reconcile(deps, { from: '2026-11-30', to: '2026-11-30' })).differences).toEqual([]);
  });

  it('does not count a response taken out by an appeal', async () => {
    const excluded = answer('x', 1, '2026-11-16T03:00:00.000Z', { excludedAt: '2026-11-20T00:00:00Z', appealId: 'ap-1' });
    // The counters hold what an approval leaves: the excluded answer taken back out.
    const { deps } = fakeStores([...november, excluded]);
    const report = await reconcile(deps, { from: '2026-11-16', to: '2026-11-16' });
    expect(report.excludedResponses).toBe(1);
    expect(report.differences).toEqual([]);
  });

  it('lists a counter that changed between the check and the repair instead of overwriting it', async () => {
    const { deps, rows } = fakeStores(november);
    const id = 'zone#day#2026-11-16#gaoxin#sms';
    rows.get(id)!.n += 1;
    const read = deps.counters.readAnswerNumbers;
    deps.counters.readAnswerNumbers = async (d, p) => {
      const out = await read(d, p);
      if (d === 'zone') rows.get(id)!.sum += 5; // an answer lands after the counters were read
      return out;
    };
    const report = await reconcile(deps, { from: '2026-11-16', to: '2026-11-16', repair: true });
    expect(report.repaired).toBe(0);
    expect(report.changedMeanwhile).toEqual([id]);
  });

  it('reads the responses of the whole months the range touches, by their UTC instants', async () => {
    const { deps, ranges } = fakeStores([]);
    await reconcile(deps, { from: '2026-10-31', to: '2026-11-01' });
    expect(ranges).toEqual([{ from: '2026-09-30T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' }]);
  });

  it('refuses a range that ends before it starts', async () => {
    const { deps } = fakeStores([]);
    await expect(reconcile(deps, { from: '2026-11-02', to: '2026-11-01' })).rejects.toThrow(/from must not be after to/);
  });

  it('checks yesterday in Shanghai: at 03:00 on 1 December that is 30 November', () => {
    expect(yesterdayRange(new Date('2026-11-30T19:00:00Z'))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });
});
