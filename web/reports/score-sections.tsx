import type { CategoryZoneTable } from '../../functions/core/scoring/category-zone';
import type { ScoreReport } from '../../functions/core/scoring/score-report';
import type { TrendReport } from '../../functions/core/scoring/trend-report';
import { BarChart } from '../charts/bar-chart';
import { LineChart } from '../charts/line-chart';
import { fixed, percent } from '../charts/scale';
import { drillHref } from './ranking';

type Range = { from: string; to: string };

/** Zones side by side: a bar of satisfaction with its 95% interval each, and the numbers as a table. */
export function ZoneComparison(props: { id: string; report: ScoreReport; range: Range; highlight?: string | undefined }) {
  const groups = props.report.groups;
  return (
    <section class="card" aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>开发区对比</h2>
      <BarChart
        id={props.id}
        title="各开发区满意率（含95%置信区间）"
        desc={`${props.range.from} 至 ${props.range.to}，满意率为“满意”与“非常满意”所占比例。${groups.map((g) => `${g.name} ${percent(g.csat)}（样本量 ${g.n}）`).join('；')}`}
        bars={groups.map((g) => ({ label: g.name, value: g.csat, lower: g.wilsonLower, upper: g.wilsonUpper, note: `n=${g.n}`, highlight: g.id === props.highlight }))}
        domain={[0, 1]}
        format={(v) => percent(v, 0)}
      />
      <div class="scroll">
        <table class="data">
          <caption>开发区数据</caption>
          <thead>
            <tr>
              <th scope="col">开发区</th>
              <th scope="col" class="num">样本量</th>
              <th scope="col" class="num">满意率</th>
              <th scope="col" class="num">95%区间</th>
              <th scope="col" class="num">好评率</th>
              <th scope="col" class="num">平均分</th>
              <th scope="col" class="num">回复率</th>
              <th scope="col">明细</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr data-zone={g.id}>
                <th scope="row">{g.name}</th>
                <td class="num">{g.n}</td>
                <td class="num">{percent(g.csat)}</td>
                <td class="num">{g.n > 0 ? `${percent(g.wilsonLower, 0)}–${percent(g.wilsonUpper, 0)}` : '—'}</td>
                <td class="num">{percent(g.goodRate)}</td>
                <td class="num">{fixed(g.mean)}</td>
                <td class="num">{percent(g.responseRate, 0)}</td>
                <td>
                  <a href={drillHref('zoneId', g.id, props.range)} aria-label={`查看${g.name}的评价明细`}>
                    查看
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Categories down, zones across: satisfaction and n in each cell; a cell under the minimum n is greyed, never compared. */
export function CategoryZoneSection(props: { table: CategoryZoneTable; minResponses: number }) {
  const t = props.table;
  const cell = (c: { n: number; csat: number | null; sufficient: boolean } | undefined) =>
    !c || c.n === 0 ? '—' : `${percent(c.csat, 0)}（${c.n}）`;
  return (
    <section class="card" aria-labelledby="catzone-h">
      <h2 id="catzone-h">类别 × 开发区</h2>
      <p class="note">单元格为满意率（样本量）；灰色为样本少于 {props.minResponses} 份，仅供参考。</p>
      <div class="scroll">
        <table class="data category-zone">
          <caption>各类别在各开发区的满意率</caption>
          <thead>
            <tr>
              <th scope="col">类别</th>
              {t.zones.map((z) => (
                <th scope="col" class="num">
                  {z.name}
                </th>
              ))}
              {t.zones.length > 1 ? (
                <th scope="col" class="num">
                  合计
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {t.categories.map((category) => (
              <tr data-category={category}>
                <th scope="row">{category}</th>
                {t.zones.map((z) => {
                  const c = t.cells[category]?.[z.id];
                  return (
                    <td class={`num${c && c.n > 0 && !c.sufficient ? ' few' : ''}`}>
                      {c && c.n > 0 ? <a href={drillHref('zoneId', z.id, t, { category })}>{cell(c)}</a> : cell(c)}
                    </td>
                  );
                })}
                {t.zones.length > 1 ? <td class={`num${t.totals[category] && t.totals[category].n > 0 && !t.totals[category].sufficient ? ' few' : ''}`}>{cell(t.totals[category])}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A month label for the axis: `2026-11` -> `26年11月`. */
const monthLabel = (period: string) => (/^\d{4}-\d{2}$/.test(period) ? `${period.slice(2, 4)}年${Number(period.slice(5))}月` : period);

/** The trend as a line chart of satisfaction per series, and below it the same numbers as a table. */
export function TrendSection(props: { id: string; title: string; trend: TrendReport }) {
  const series = props.trend.series;
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  const labels = periods.map(monthLabel);
  const total = series.reduce((sum, s) => sum + s.points.reduce((n, p) => n + p.n, 0), 0);
  return (
    <section class="card" aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {series.length === 0 ? (
        <p class="muted">没有可显示的趋势。</p>
      ) : (
        <LineChart
          id={props.id}
          title={props.title}
          desc={`${props.trend.from} 至 ${props.trend.to} 每月满意率，共 ${total} 份评价；没有评价的月份不画点。数据见下表。`}
          labels={labels}
          series={series.map((s) => ({ name: s.name, values: s.points.map((p) => p.csat) }))}
          domain={[0, 1]}
          formatY={(v) => percent(v, 0)}
          noteOf={(si, pi) => `样本量 ${series[si]?.points[pi]?.n ?? 0}`}
        />
      )}
      {series.length > 0 ? (
        <div class="scroll">
          <table class="data trend-table">
            <caption>{`${props.title}（满意率 / 样本量）`}</caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                {series.map((s) => (
                  <th scope="col" class="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((period, pi) => (
                <tr>
                  <th scope="row">{period}</th>
                  {series.map((s) => {
                    const p = s.points[pi];
                    return <td class="num">{p && p.n > 0 ? `${percent(p.csat, 0)} / ${p.n}` : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The headline numbers of a range. */
export function Kpis(props: { overall: ScoreReport['overall']; label: string }) {
  const o = props.overall;
  const items: Array<[string, string]> = [
    ['评价份数', String(o.n)],
    ['满意率', percent(o.csat)],
    ['好评率', percent(o.goodRate)],
    ['平均分', fixed(o.mean)],
    ['回复率', percent(o.responseRate, 0)],
  ];
  return (
    <ul class="kpis" aria-label={props.label}>
      {items.map(([label, value]) => (
        <li>
          <span class="label">{label}</span>
          <span class="value">{value}</span>
        </li>
      ))}
    </ul>
  );
}
