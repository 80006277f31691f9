import type { DashboardData } from '../../functions/api/pages/report-data';
import { hrefWith } from '../staff/format';
import { StaffLayout, type Viewer } from '../staff/staff-layout';
import { drillHref, InsufficientList, RankingTable, topAndBottom, type RankingColumn, type RankingRow } from './ranking';
import { CategoryZoneSection, Kpis, TrendSection, ZoneComparison } from './score-sections';
import { reportCss } from './styles';

/** How many teams the 红榜 and the 黑榜 each list. */
export const BOARD_SIZE = 5;

/** The teams of a report as ranking rows, with their zone and drill-down link. */
export function rankingRows(data: DashboardData): RankingRow[] {
  return data.teams.groups.map((group) => ({ group, zoneName: data.teamZone.get(group.id), drillHref: drillHref('teamId', group.id, data.range) }));
}

/** `from 至 to`, or `2026年11月` for a whole month. */
export function rangeLabel(range: DashboardData['range']): string {
  return range.month && range.from === `${range.month}-01` ? `${range.month.slice(0, 4)}年${Number(range.month.slice(5))}月${range.to.slice(8) === monthDays(range.month) ? '' : `（截至${Number(range.to.slice(8))}日）`}` : `${range.from} 至 ${range.to}`;
}

const monthDays = (m: string) => String(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)), 0)).getUTCDate());

function Filters(props: { data: DashboardData }) {
  const { data } = props;
  const f = data.filter;
  const custom = !data.range.month;
  return (
    <form method="get" action="/app/reports" class="card filters" aria-label="筛选">
      <label class="field">
        月份
        <input type="month" name="month" value={custom ? '' : data.range.month} />
      </label>
      <label class="field">
        起始日期
        <input type="date" name="from" value={custom ? data.range.from : ''} />
      </label>
      <label class="field">
        截止日期
        <input type="date" name="to" value={custom ? data.range.to : ''} />
      </label>
      {data.canFilter.zone ? (
        <label class="field">
          开发区
          <select name="zoneId">
            <option value="">全部</option>
            {data.zones.map((z) => (
              <option value={z.id} selected={z.id === f.zoneId}>
                {z.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {data.canFilter.category ? (
        <label class="field">
          类别
          <select name="category">
            <option value="">全部</option>
            {data.categories.map((c) => (
              <option value={c} selected={c === f.category}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" class="secondary">
        查看
      </button>
    </form>
  );
}

/**
 * `/app/reports`: the office's dashboard (a dispatcher sees their zone). 红榜 and 黑榜 of the
 * ranked teams with n and interval, the teams under the minimum apart, zones compared, categories
 * by zone, the monthly trend as server-drawn SVG, drill-down and export links. A plain GET form
 * filters it; nothing needs JavaScript.
 */
export function ReportsPage(props: { viewer: Viewer; data: DashboardData; columns?: RankingColumn[] }) {
  const { data } = props;
  const rows = rankingRows(data);
  const { top, bottom } = topAndBottom(rows, BOARD_SIZE);
  const few = rows.filter((r) => !r.group.sufficient);
  const exportParams = { by: 'team', from: data.range.from, to: data.range.to };
  const zoneName = data.zones.find((z) => z.id === data.filter.zoneId)?.name;
  return (
    <StaffLayout title="满意度报表" viewer={props.viewer} section="reports" extraCss={reportCss}>
      <div class="report-head">
        <div>
          <h1>满意度报表 · {rangeLabel(data.range)}</h1>
          <p class="muted">
            {zoneName ?? (data.zones.length === 1 ? data.zones[0]?.name : '全区')}
            {data.filter.category ? ` · 类别：${data.filter.category}` : ''} · 仅统计企业短信评价；样本少于 {data.teams.minResponses} 份的助企队不参与排名。
          </p>
        </div>
        <nav class="links no-print" aria-label="导出与打印">
          <a href={hrefWith('/app/reports/scores.csv', exportParams)}>导出 CSV</a>
          <a href={hrefWith('/app/reports/scores.xlsx', exportParams)}>导出 Excel</a>
          <a href={hrefWith('/app/reports/monthly', { month: data.range.to.slice(0, 7) })}>打印月报</a>
        </nav>
      </div>
      <Filters data={data} />
      <section class="card" aria-labelledby="overall-h">
        <h2 id="overall-h">全区总体</h2>
        <Kpis overall={data.teams.overall} label="全区总体指标" />
        {data.filter.category ? <p class="note">类别筛选作用于趋势与“类别 × 开发区”表；助企队排名按全部类别计算。</p> : null}
      </section>
      <div class="pair">
        <ZoneComparison id="zone-chart" report={data.zoneScores} range={data.range} highlight={data.filter.zoneId} />
        <TrendSection id="trend-chart" title={data.trendTitle} trend={data.trend} />
      </div>
      <div class="boards">
        <section class="card red" aria-labelledby="top-h">
          <h2 id="top-h">红榜（前 {BOARD_SIZE} 名）</h2>
          <RankingTable caption="满意度最高的助企队" rows={top} columns={props.columns} empty="暂无达到样本要求的助企队。" />
        </section>
        <section class="card black" aria-labelledby="bottom-h">
          <h2 id="bottom-h">黑榜（后 {BOARD_SIZE} 名）</h2>
          <RankingTable caption="满意度最低的助企队（从低到高）" rows={bottom} columns={props.columns} empty={top.length > 0 ? '参与排名的助企队不足以另列黑榜。' : '暂无达到样本要求的助企队。'} />
        </section>
      </div>
      <InsufficientList rows={few} minResponses={data.teams.minResponses} />
      <CategoryZoneSection table={data.categoryZone} minResponses={data.teams.minResponses} />
    </StaffLayout>
  );
}
