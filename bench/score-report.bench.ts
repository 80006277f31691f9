import { queryAll } from '../functions/adapters/dynamodb/client';
import { addCounterDelta, counterItem, type CounterTotal } from '../functions/adapters/dynamodb/counter-items';
import { responseItem } from '../functions/adapters/dynamodb/entity-items';
import type { Principal } from '../functions/core/auth/principal';
import type { SurveyResponse } from '../functions/core/ports';
import { addDays, shanghaiDate, shanghaiInstant } from '../functions/core/scheduling/shanghai-time';
import { counterKeysFor } from '../functions/core/scoring/counters';
import { scoreReport } from '../functions/core/scoring/score-report';
import { emptyCounts, summarize, type LevelCounts } from '../functions/core/scoring/statistics';
import { random } from '../infra/local/seed/demo-seed';
import { writeInBatches } from '../infra/local/seed/batch-writer';
import { largeOrg } from '../infra/local/seed/large-org';
import type { LocalHost } from '../infra/local/local-host';
import { median, type BenchRow } from './timing';

const office: Principal = { sub: 'office', username: 'office', role: 'office' };

/** `count` answers spread over the last 90 days and 112 teams, with the counters they add (same builders as the live path). */
function answers(count: number, today: string) {
  const org = largeOrg({ zones: 4, teams: 112, enterprises: 1000 });
  const rnd = random(count);
  const totals = new Map<string, CounterTotal>();
  const responses: SurveyResponse[] = Array.from({ length: count }, (_, i) => {
    const e = rnd.pick(org.enterprises);
    const at = shanghaiInstant(addDays(today, -rnd.int(0, 89)), rnd.int(9 * 60, 20 * 60));
    const score = rnd.pick([5, 5, 5, 4, 4, 3, 2, 1]);
    const r: SurveyResponse = {
      invitationId: `bench-${count}-${String(i).padStart(6, '0')}`,
      issueId: `issue-${i}`,
      enterpriseId: e.id,
      teamId: e.teamId,
      zoneId: e.zoneId,
      category: '政策咨询',
      surveyId: 'callback-satisfaction',
      surveyVersion: 1,
      channel: 'sms',
      score,
      answers: { overall: score, resolved: score >= 4 ? 'yes' : 'no' },
      answeredAt: at.toISOString(),
    };
    for (const key of counterKeysFor(r, at, 'sms')) addCounterDelta(totals, { key, rating: score, invited: 1 });
    return r;
  });
  return { org, items: [...responses.map(responseItem), ...[...totals.values()].map(counterItem)] };
}

/** The baseline: read every raw answer of the range (the GSI3 `RESP` partition, by time) and count per team. */
async function recount(host: LocalHost, from: string, to: string): Promise<Map<string, ReturnType<typeof summarize>>> {
  const rows = await queryAll<SurveyResponse>(host.table, {
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :p AND GSI3SK BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':p': 'RESP', ':a': `RESP#${shanghaiInstant(from).toISOString()}`, ':b': `RESP#${shanghaiInstant(addDays(to, 1)).toISOString()}` },
  });
  const byTeam = new Map<string, LevelCounts>();
  for (const r of rows) {
    const counts = byTeam.get(r.teamId) ?? emptyCounts();
    counts[String(r.score) as keyof LevelCounts] += 1;
    byTeam.set(r.teamId, counts);
  }
  return new Map([...byTeam].map(([team, counts]) => [team, summarize(counts)]));
}

/**
 * The team ranking of the last 90 days, read from the counters (what `GET /reports/scores` does)
 * against a recount of every raw answer, at 1k and 10k answers, on one table each. The two must
 * agree on n per team; the times are medians of 5 runs, taken in this run, side by side.
 */
export async function benchScoreReport(fresh: () => Promise<LocalHost>, sizes = [1_000, 10_000]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const today = shanghaiDate(new Date());
  const from = addDays(today, -89);
  for (const size of sizes) {
    const host = await fresh();
    const data = answers(size, today);
    await host.org.putAll(data.org);
    await writeInBatches(host.table, data.items, { lanes: 4 });
    const report = await scoreReport(host.core, office, { by: 'team', from, to: today });
    const counted = await recount(host, from, today);
    const disagree = report.groups.filter((g) => g.n !== (counted.get(g.id)?.n ?? 0)).length;
    if (disagree > 0) throw new Error(`counters and recount disagree for ${disagree} teams at ${size} answers`);
    const fromCounters = await median(5, () => scoreReport(host.core, office, { by: 'team', from, to: today }));
    const fromRaw = await median(5, () => recount(host, from, today));
    rows.push({ bench: 'team scores, 90 days', variant: 'counters (reports/scores)', size: `${size} answers`, ms: fromCounters, ratio: 1 });
    rows.push({ bench: 'team scores, 90 days', variant: 'recount raw answers', size: `${size} answers`, ms: fromRaw, ratio: fromRaw / fromCounters });
    host.close();
  }
  return rows;
}
