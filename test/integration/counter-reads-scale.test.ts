import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { toItem } from '../../functions/adapters/dynamodb/items';
import { counterKey, responseKeys } from '../../functions/adapters/dynamodb/keys';
import type { SurveyResponse } from '../../functions/core/ports';
import { addDays, shanghaiInstant } from '../../functions/core/scheduling/shanghai-time';
import { answerCounterDeltas } from '../../functions/core/scoring/answer-deltas';
import { counterKeyId, noAnswers, type AnswerNumbersRow } from '../../functions/core/scoring/recount';
import { FOLLOWUP_SURVEY_ID } from '../../functions/core/surveys/definition';
import { reconcile } from '../../functions/jobs/reconcile';
import { demoCategories, demoTeams } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

const FROM = '2026-09-01';
const TO = '2026-10-15';
const DAYS = 45;

/** The i-th synthetic answer: spread over every day of the range, every demo team and category. */
function syntheticAnswer(i: number): SurveyResponse {
  const team = demoTeams[i % demoTeams.length]!;
  const score = 1 + ((i * 7) % 5);
  return {
    invitationId: `scale-${String(i).padStart(6, '0')}`,
    issueId: `scale-issue-${i}`,
    enterpriseId: `scale-ent-${i % 97}`,
    teamId: team.id,
    zoneId: team.zoneId,
    category: demoCategories[i % demoCategories.length]!,
    surveyId: i % 10 === 9 ? FOLLOWUP_SURVEY_ID : 'default',
    surveyVersion: 1,
    channel: 'sms',
    score,
    answers: { overall: score },
    answeredAt: shanghaiInstant(addDays(FROM, i % DAYS), 8 * 60 + (i % 720)).toISOString(),
  };
}

/** What each answer adds, folded with the one delta function the answer transaction uses. */
function countersOf(responses: SurveyResponse[]): AnswerNumbersRow[] {
  const rows = new Map<string, AnswerNumbersRow>();
  for (const r of responses) {
    for (const d of answerCounterDeltas(r)) {
      const row = rows.get(counterKeyId(d.key)) ?? { ...d.key, ...noAnswers() };
      row.counts[String(d.rating) as '1'] += 1;
      row.n += 1;
      row.sum += d.rating!;
      rows.set(counterKeyId(d.key), row);
    }
  }
  return [...rows.values()];
}

/** Items read and capacity consumed by every read a document client sends, and whether a response was among them. */
function readMeter(host: TestHost) {
  const meter = { on: false, items: 0, capacity: 0, queries: 0, responseItems: 0 };
  host.table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      const reading = meter.on && /^(Query|GetItem|BatchGetItem)Command$/.test(name);
      if (reading) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (reading) {
        const out = result.output as Record<string, any>;
        const items: any[] = out.Items ?? (out.Item ? [out.Item] : []);
        meter.queries += 1;
        meter.items += out.ScannedCount ?? items.length;
        meter.capacity += out.ConsumedCapacity?.CapacityUnits ?? 0;
        meter.responseItems += items.filter((i) => i.type === 'response' || i.type?.S === 'response').length;
      }
      return result;
    },
    { step: 'initialize', name: `read-meter-${Math.random()}` },
  );
  return meter;
}

/**
 * Reports read pre-aggregated counters only: what a score report and a day-by-day trend read is the
 * same at 1,000 and at 10,000 responses over the same groups and dates. The responses and their
 * counters are written straight to DynamoDB Local in batches of 25, not through 10,000 answers.
 */
describe('reports at 1,000 and at 10,000 responses', () => {
  let host: TestHost;
  let meter: ReturnType<typeof readMeter>;
  const written: SurveyResponse[] = [];

  async function batchWrite(items: Array<Record<string, unknown>>) {
    const chunks: Array<Array<Record<string, unknown>>> = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await host.table.doc.send(new BatchWriteCommand({ RequestItems: { [host.table.name]: requests } }));
          requests = (out.UnprocessedItems?.[host.table.name] ?? []) as typeof requests;
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
  }

  /** Adds responses up to `total`, then (over)writes every counter with the totals so far. */
  async function growTo(total: number) {
    const fresh = Array.from({ length: total - written.length }, (_, k) => syntheticAnswer(written.length + k));
    written.push(...fresh);
    const t = performance.now();
    await batchWrite(fresh.map((r) => toItem('response', r, responseKeys(r))));
    const counterRows = countersOf(written);
    await batchWrite(
      counterRows.map((row) => ({
        ...counterKey(row),
        type: 'counter',
        dimension: row.dimension,
        groupId: row.groupId,
        granularity: row.granularity,
        period: row.period,
        channel: row.channel,
        invited: 0,
        n: row.n,
        sum: row.sum,
        c1: row.counts['1'],
        c2: row.counts['2'],
        c3: row.counts['3'],
        c4: row.counts['4'],
        c5: row.counts['5'],
      })),
    );
    console.log(`wrote ${fresh.length} responses and ${counterRows.length} counters in ${(performance.now() - t).toFixed(0)} ms`);
  }

  /** A score report by team and by category, and a per-day trend of the whole district. */
  async function readReports() {
    meter.on = true;
    Object.assign(meter, { items: 0, capacity: 0, queries: 0, responseItems: 0 });
    const byTeam = await (await host.call('GET', `/api/v1/reports/scores?by=team&from=${FROM}&to=${TO}`, { as: 'office' })).json();
    const byCategory = await (await host.call('GET', `/api/v1/reports/scores?by=category&from=${FROM}&to=${TO}`, { as: 'office' })).json();
    const days = Array.from({ length: DAYS }, (_, i) => ({ granularity: 'day' as const, period: addDays(FROM, i) }));
    const trend = await host.core.counters.read('overall', days);
    meter.on = false;
    const reads = { items: meter.items, capacity: meter.capacity, queries: meter.queries, responseItems: meter.responseItems };
    const trendN = trend.filter((r) => r.channel === 'sms').reduce((n, r) => n + r.counts['1'] + r.counts['2'] + r.counts['3'] + r.counts['4'] + r.counts['5'], 0);
    return { reads, n: (byTeam as any).overall.n as number, categories: (byCategory as any).groups.length as number, trendN };
  }

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-10-20T02:00:00Z'));
    meter = readMeter(host);
    await host.tokenFor('office');
  });

  it('reads the same counters, and no response, at 1,000 and at 10,000 responses; reconciliation then finds 0 differences', async () => {
    const started = performance.now();
    await growTo(1_000);
    const small = await readReports();
    await growTo(10_000);
    const large = await readReports();
    const written10k = performance.now() - started;

    expect(small.n).toBe(900); // one answer in ten is a follow-up survey, counted apart
    expect(large.n).toBe(9_000);
    expect(large.trendN).toBe(9_000);
    expect(large.categories).toBe(small.categories);
    expect(large.reads).toEqual(small.reads);
    expect(large.reads.responseItems).toBe(0);
    expect(large.reads.items).toBeGreaterThan(0);
    console.log(`counter reads at 1,000 and 10,000 responses: ${JSON.stringify(small.reads)} / ${JSON.stringify(large.reads)}; writing and reading took ${written10k} ms in all`);

    const check = performance.now();
    const report = await reconcile(host.core, { from: FROM, to: TO });
    expect(report.checkedResponses).toBe(10_000);
    expect(report.differences).toEqual([]);
    console.log(`reconcile over ${FROM}..${TO}: ${report.checkedResponses} responses, ${report.comparedCounters} counters, ${(performance.now() - check).toFixed(0)} ms`);
    // About a minute here (56 s in the full suite); more when other suites share the two cores: DynamoDB Local writes 4 items per response (3 indexes).
  }, 300_000);
});
