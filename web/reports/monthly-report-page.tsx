import type { DashboardData } from '../../functions/api/pages/report-data';
import { hrefWith } from '../staff/format';
import { StaffLayout, type Viewer } from '../staff/staff-layout';
import { InsufficientList, RankingTable, type RankingColumn } from './ranking';
import { rangeLabel, rankingRows } from './reports-page';
import { CategoryZoneSection, Kpis, TrendSection, ZoneComparison } from './score-sections';
import { reportCss } from './styles';

/**
 * `/app/reports/monthly?month=YYYY-MM`: the monthly report the office prints and hands out. On
 * paper (A4) the navigation and the month picker disappear and each part starts a new page:
 * the overview and zones, the full team ranking, categories by zone, the twelve-month trend.
 */
export function MonthlyReportPage(props: { viewer: Viewer; data: DashboardData; generatedOn: string; columns?: RankingColumn[] }) {
  const { data } = props;
  const rows = rankingRows(data);
  const ranked = rows.filter((r) => r.group.rank !== null);
  const title = `${rangeLabel(data.range)}营商环境满意度月报`;
  return (
    <StaffLayout title={title} viewer={props.viewer} section="reports" extraCss={reportCss}>
      <form method="get" action="/app/reports/monthly" class="card filters no-print" aria-label="选择月份">
        <label class="field">
          月份
          <input type="month" name="month" value={data.range.month} />
        </label>
        <button type="submit" class="secondary">
          查看
        </button>
        <p class="note">打印：使用浏览器的“打印”（Ctrl+P），纸张 A4；导航和筛选不会打印。</p>
        <a href={hrefWith('/app/reports', { month: data.range.month })}>返回报表</a>
      </form>
      <section class="sheet" aria-labelledby="m-overview">
        <h1 id="m-overview">{title}</h1>
        <p class="muted">
          统计范围：{data.range.from} 至 {data.range.to}（北京时间）· 仅统计企业短信评价 · 满意率为“满意”与“非常满意”所占比例，区间为95%置信区间 · 样本少于 {data.teams.minResponses}{' '}
          份不参与排名 · 生成日期 {props.generatedOn}
        </p>
        <div class="card">
          <h2>总体情况</h2>
          <Kpis overall={data.teams.overall} label="本月总体指标" />
        </div>
        <ZoneComparison id="m-zone-chart" report={data.zoneScores} range={data.range} />
      </section>
      <section class="sheet" aria-labelledby="m-ranking">
        <div class="card">
          <h2 id="m-ranking">助企队排名</h2>
          <RankingTable caption="参与排名的助企队（按调整均分）" rows={ranked} columns={props.columns} empty="本月暂无达到样本要求的助企队。" />
        </div>
        <InsufficientList rows={rows.filter((r) => !r.group.sufficient)} minResponses={data.teams.minResponses} />
      </section>
      <section class="sheet" aria-label="类别与开发区">
        <CategoryZoneSection table={data.categoryZone} minResponses={data.teams.minResponses} />
      </section>
      <section class="sheet" aria-label="趋势">
        <TrendSection id="m-trend-chart" title={data.trendTitle} trend={data.trend} />
      </section>
    </StaffLayout>
  );
}
