import { raw } from 'hono/html';
import type { DrilldownItem, DrilldownQuery } from '../../functions/core/scoring/response-drilldown';
import { shanghaiDateTime } from './format';
import { label, ratingLabel, reasonLabel, resolvedLabel } from './labels';
import { FilterSelect } from './filter-select';
import { StaffLayout, type Viewer } from './staff-layout';

/** The drill-down is a desktop table: wider than the phone-first pages, scrolling sideways on a phone. */
const tableCss = `
body.staff main{max-width:75rem}
.table-wrap{overflow-x:auto}
table.answers{width:100%;border-collapse:collapse;font-size:.9rem}
table.answers th,table.answers td{padding:.5rem;border-bottom:1px solid #eaecf0;text-align:left;vertical-align:top}
table.answers th{background:#f5f6f8;white-space:nowrap}
table.answers td.comment{min-width:14rem;white-space:pre-wrap;overflow-wrap:anywhere}
table.answers tr.excluded td{color:#98a2b3;text-decoration:line-through}
table.answers tr.excluded td.state{text-decoration:none}
.score-low{color:#b42318;font-weight:600}
`;

export interface ResponsesPageProps {
  viewer: Viewer;
  query: DrilldownQuery;
  /** What the page shows, e.g. 高新第1助企队 or 类别：用工短缺. */
  groupName: string;
  /** Offered in the filters: only what the viewer may ask for. */
  zones: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string }>;
  categories: string[];
  teamName: Map<string, string>;
  items: DrilldownItem[];
  nextHref?: string | undefined;
  /** Every answer of the same query as CSV. */
  csvHref: string;
  now: Date;
}

/** A plain GET form with the drill-down's own query parameters, so a link from the dashboard fills it in. */
function Filters(props: ResponsesPageProps) {
  const q = props.query;
  return (
    <form method="get" action="/app/reports/responses" class="card filters">
      {props.zones.length > 0 ? <FilterSelect name="zoneId" text="开发区" value={q.zoneId} options={props.zones.map((z) => ({ value: z.id, text: z.name }))} /> : null}
      {props.teams.length > 1 ? <FilterSelect name="teamId" text="助企队" value={q.teamId} options={props.teams.map((t) => ({ value: t.id, text: t.name }))} /> : null}
      {props.categories.length > 0 ? <FilterSelect name="category" text="类别" value={q.category} options={props.categories.map((c) => ({ value: c, text: c }))} /> : null}
      <FilterSelect name="rating" text="评价" value={q.rating?.toString()} options={['5', '4', '3', '2', '1'].map((r) => ({ value: r, text: label(ratingLabel, r) }))} />
      <label class="field">
        开始日期
        <input type="date" name="from" value={q.from} required />
      </label>
      <label class="field">
        结束日期
        <input type="date" name="to" value={q.to} required />
      </label>
      <button type="submit" class="secondary">
        查询
      </button>
    </form>
  );
}

function State(props: { item: DrilldownItem }) {
  if (props.item.excluded) return <span class="badge flag">申诉通过，不计分</span>;
  if (props.item.underAppeal) return <span class="badge open">申诉中</span>;
  return <span class="badge done">计分</span>;
}

/**
 * `/app/reports/responses`: the answers behind a score, with what the enterprise wrote. Comments
 * are the enterprise's own words, shown as text (JSX escapes them), never as markup.
 */
export function ResponsesPage(props: ResponsesPageProps) {
  const shown = props.items.length;
  const excluded = props.items.filter((i) => i.excluded).length;
  return (
    <StaffLayout title="评价明细" viewer={props.viewer}>
      <style>{raw(tableCss)}</style>
      <h1>评价明细 · {props.groupName}</h1>
      <p class="muted">
        {props.query.from} 至 {props.query.to}（北京时间），按评价时间从新到旧。
      </p>
      <Filters {...props} />
      <p>
        本页样本 <strong>{shown}</strong> 条{excluded > 0 ? `，其中 ${excluded} 条经申诉剔除、不计分` : ''}。 <a href={props.csvHref}>导出全部（CSV）</a>
      </p>
      {shown === 0 ? (
        <p class="muted card">这段时间没有符合条件的评价。</p>
      ) : (
        <div class="card table-wrap">
          <table class="answers">
            <thead>
              <tr>
                <th scope="col">评价时间</th>
                <th scope="col">助企队</th>
                <th scope="col">类别</th>
                <th scope="col">评价</th>
                <th scope="col">是否解决</th>
                <th scope="col">不满意原因</th>
                <th scope="col">留言</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr class={item.excluded ? 'excluded' : undefined}>
                  <td>{shanghaiDateTime(item.answeredAt, props.now)}</td>
                  <td>{props.teamName.get(item.teamId) ?? item.teamId}</td>
                  <td>{item.category}</td>
                  <td class={item.score <= 2 ? 'score-low' : undefined}>
                    {item.channel === 'followup' ? '整改回访：' : ''}
                    {label(ratingLabel, String(item.score))}
                  </td>
                  <td>{label(resolvedLabel, item.resolved)}</td>
                  <td>{item.reasons.map((r) => label(reasonLabel, r)).join('、')}</td>
                  <td class="comment">{item.comment ?? ''}</td>
                  <td class="state">
                    <State item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextHref ? (
        <p class="pager">
          <a href={props.nextHref}>下一页 →</a>
        </p>
      ) : null}
    </StaffLayout>
  );
}
