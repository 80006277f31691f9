import type { Child } from 'hono/jsx';
import type { GroupScore } from '../../functions/core/scoring/score-report';
import { fixed, percent } from '../charts/scale';
import { hrefWith } from '../staff/format';

/** A team's row of the ranking: its scores and where its links go. */
export interface RankingRow {
  group: GroupScore;
  zoneName?: string | undefined;
  /** The answers behind the numbers (`/app/reports/responses?teamId=..&from=..&to=..`). */
  drillHref: string;
}

/** One column of the ranking tables; the tables are drawn from this list alone, so a new score is one entry. */
export interface RankingColumn {
  key: string;
  header: string;
  numeric?: boolean;
  cell: (row: RankingRow) => Child;
}

/** The answers of a group over a range, on the drill-down page. */
export function drillHref(param: 'teamId' | 'zoneId', id: string, range: { from: string; to: string }, extra: Record<string, string | undefined> = {}): string {
  return hrefWith('/app/reports/responses', { [param]: id, from: range.from, to: range.to, ...extra });
}

/**
 * The ranking's columns, in order. Scores that other counters add later (on-time callbacks,
 * rectifications, composite rank, appeals) go here as entries.
 */
export const rankingColumns: RankingColumn[] = [
  { key: 'rank', header: '名次', numeric: true, cell: (r) => r.group.rank ?? '—' },
  { key: 'name', header: '助企队', cell: (r) => r.group.name },
  { key: 'zone', header: '开发区', cell: (r) => r.zoneName ?? '' },
  { key: 'n', header: '样本量', numeric: true, cell: (r) => r.group.n },
  { key: 'csat', header: '满意率', numeric: true, cell: (r) => percent(r.group.csat) },
  { key: 'interval', header: '95%区间', numeric: true, cell: (r) => (r.group.n > 0 ? `${percent(r.group.wilsonLower, 0)}–${percent(r.group.wilsonUpper, 0)}` : '—') },
  { key: 'goodRate', header: '好评率', numeric: true, cell: (r) => percent(r.group.goodRate) },
  { key: 'mean', header: '平均分', numeric: true, cell: (r) => fixed(r.group.mean) },
  { key: 'adjustedMean', header: '调整均分', numeric: true, cell: (r) => fixed(r.group.adjustedMean) },
  { key: 'responseRate', header: '回复率', numeric: true, cell: (r) => percent(r.group.responseRate, 0) },
  { key: 'callbackOnTimeRate', header: '回访及时率', numeric: true, cell: (r) => percent(r.group.callbackOnTimeRate, 0) },
  { key: 'rectificationOnTimeRate', header: '整改及时率', numeric: true, cell: (r) => percent(r.group.rectificationOnTimeRate, 0) },
  { key: 'rehandleRate', header: '重办率', numeric: true, cell: (r) => percent(r.group.rehandleRate, 0) },
  { key: 'composite', header: '综合指数', numeric: true, cell: (r) => fixed(r.group.composite, 1) },
  { key: 'compositeRank', header: '综合名次', numeric: true, cell: (r) => r.group.compositeRank ?? '—' },
  { key: 'appeals', header: '申诉(提出/成立)', numeric: true, cell: (r) => `${r.group.appeals.filed}/${r.group.appeals.approved}` },
  {
    key: 'drill',
    header: '明细',
    cell: (r) => (
      <a href={r.drillHref} aria-label={`查看${r.group.name}的评价明细`}>
        查看
      </a>
    ),
  },
];

/** A table of ranked teams drawn from `columns`. */
export function RankingTable(props: { caption: string; rows: RankingRow[]; columns?: RankingColumn[]; empty: string }) {
  const columns = props.columns ?? rankingColumns;
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <div class="scroll">
      <table class="data ranking">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-team={row.group.id}>
              {columns.map((c) => (c.key === 'name' ? <th scope="row">{c.cell(row)}</th> : <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 红榜 and 黑榜: the best and the worst `size` of the ranked (sufficient) teams, the worst listed
 * worst first. With fewer than twice `size` ranked teams, the 黑榜 takes only those not on the 红榜.
 */
export function topAndBottom<T extends { group: { rank: number | null } }>(rows: T[], size: number): { top: T[]; bottom: T[] } {
  const ranked = rows.filter((r) => r.group.rank !== null).sort((a, b) => (a.group.rank as number) - (b.group.rank as number));
  const top = ranked.slice(0, size);
  const bottom = ranked.slice(Math.max(size, ranked.length - size)).reverse();
  return { top, bottom };
}

/** The teams under the minimum sample, named apart with their n (they are never ranked); those without any answer in one line. */
export function InsufficientList(props: { rows: RankingRow[]; minResponses: number }) {
  if (props.rows.length === 0) return null;
  const some = props.rows.filter((r) => r.group.n > 0);
  const none = props.rows.filter((r) => r.group.n === 0);
  return (
    <section class="card few-list" aria-labelledby="few-title">
      <h2 id="few-title">样本不足（少于 {props.minResponses} 份评价，不参与排名）</h2>
      {some.length > 0 ? (
        <ul class="list">
          {some.map((r) => (
            <li data-team={r.group.id}>
              <a href={r.drillHref}>{r.group.name}</a> <span class="muted">{r.zoneName ?? ''} · 样本量 {r.group.n}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {none.length > 0 ? (
        <p class="note">
          另有 {none.length} 个助企队本期没有评价：{none.map((r) => r.group.name).join('、')}
        </p>
      ) : null}
    </section>
  );
}
