import type { Context } from 'hono';
import type { CoreDeps } from '../../core/deps';
import { validationError } from '../../core/errors';
import { shanghaiDate, shanghaiMinuteOfDay } from '../../core/scheduling/shanghai-time';
import { drilldownGroup, groupResponses, parseDrilldownQuery, todayIn, type DrilldownItem } from '../../core/scoring/response-drilldown';
import type { ExportColumn } from '../../core/scoring/score-columns';
import { label, ratingLabel, reasonLabel, resolvedLabel } from '../../../web/staff/labels';
import type { ApiEnv } from '../env';
import { toCsv } from './csv';
import { CSV_TYPE, download } from './download';

/** The most answers one drill-down CSV holds; a larger range is refused, to be narrowed. */
export const MAX_EXPORTED_RESPONSES = 10_000;

/** An answer with the names a spreadsheet shows in place of ids. */
export interface ExportedResponse extends DrilldownItem {
  teamName: string;
  zoneName: string;
}

/** `2026-10-31 23:30` on the Shanghai wall clock: what Excel and WPS read as a date and time. */
function shanghaiWallClock(instant: string): string {
  const at = new Date(instant);
  const minutes = shanghaiMinuteOfDay(at);
  return `${shanghaiDate(at)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The columns of the drill-down CSV; comments are the enterprise's own text, so formula-safe like every text cell. */
export const responseColumns: Array<ExportColumn<ExportedResponse>> = [
  { header: '评价时间(北京时间)', kind: 'text', width: 17, value: (r) => shanghaiWallClock(r.answeredAt) },
  { header: '开发区', kind: 'text', width: 20, value: (r) => r.zoneName },
  { header: '助企队', kind: 'text', width: 16, value: (r) => r.teamName },
  { header: '类别', kind: 'text', width: 12, value: (r) => r.category },
  { header: '问卷', kind: 'text', width: 10, value: (r) => (r.channel === 'followup' ? '整改回访' : '满意度回访') },
  { header: '评分', kind: 'count', width: 6, value: (r) => r.score },
  { header: '评价', kind: 'text', width: 10, value: (r) => label(ratingLabel, String(r.score)) },
  { header: '是否解决', kind: 'text', width: 10, value: (r) => label(resolvedLabel, r.resolved) },
  { header: '不满意原因', kind: 'text', width: 20, value: (r) => r.reasons.map((x) => label(reasonLabel, x)).join('、') },
  { header: '留言', kind: 'text', width: 40, value: (r) => r.comment },
  { header: '申诉剔除', kind: 'flag', width: 9, value: (r) => r.excluded },
  { header: '申诉中', kind: 'flag', width: 8, value: (r) => r.underAppeal },
  { header: '诉求编号', kind: 'text', width: 28, value: (r) => r.issueId },
  { header: '邀请编号', kind: 'text', width: 28, value: (r) => r.invitationId },
  { header: '企业编号', kind: 'text', width: 12, value: (r) => r.enterpriseId },
];

/**
 * `responses.csv`: every answer of a drill-down query (all its pages, newest first) as CSV, for the
 * API (bearer token) and the staff pages (session cookie). More than `MAX_EXPORTED_RESPONSES`
 * answers is `validation.failed` (`range.too_many_answers`): narrow the range or the group.
 */
export function responseExport(core: CoreDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const principal = c.get('principal');
    const { cursor: _ignored, ...query } = parseDrilldownQuery({ ...c.req.query(), limit: '200' }, todayIn(core));
    const group = await drilldownGroup(core, principal, query);
    const items: DrilldownItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await groupResponses(core, group, { ...query, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      if (items.length > MAX_EXPORTED_RESPONSES) {
        throw validationError([{ code: 'range.too_many_answers', path: 'from', message: `more than ${MAX_EXPORTED_RESPONSES} answers: narrow the range or the group` }]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [zones, teams] = await Promise.all([core.org.listZones(), core.org.listTeams({ kind: 'all' })]);
    const zoneName = new Map(zones.map((z) => [z.id, z.name]));
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    const rows = items.map((i) => ({ ...i, zoneName: zoneName.get(i.zoneId) ?? i.zoneId, teamName: teamName.get(i.teamId) ?? i.teamId }));
    const named = group.kind === 'team' ? teamName.get(group.teamId) : group.kind === 'zone' ? zoneName.get(group.zoneId) : group.kind === 'category' ? group.category : undefined;
    const title = `评价明细${named ? `（${named}）` : ''}${query.from}至${query.to}`;
    const asciiName = `huifang-responses-${query.from}_${query.to}.csv`;
    return download(c, toCsv(responseColumns, rows), { type: CSV_TYPE, asciiName, name: `${title}.csv` });
  };
}
