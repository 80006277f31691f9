import type { Context } from 'hono';
import type { CoreDeps } from '../../core/deps';
import { addDays, shanghaiDate } from '../../core/scheduling/shanghai-time';
import { scoreColumns, scoreExportTitle } from '../../core/scoring/score-columns';
import { scoreQuerySchema, scoreReport, type ScoreQuery } from '../../core/scoring/score-report';
import type { ApiEnv } from '../env';
import { parseWith } from '../validation';
import { toCsv } from './csv';
import { CSV_TYPE, download, XLSX_TYPE } from './download';
import { toXlsx } from './xlsx';

/** The scores query of a request; without a range, the last 30 days up to today in Shanghai. */
export function scoreQueryOf(core: CoreDeps, query: Record<string, string>): ScoreQuery {
  const today = shanghaiDate(core.clock.now());
  return parseWith(scoreQuerySchema, { from: addDays(today, -29), to: today, ...query });
}

/**
 * `scores.csv` / `scores.xlsx`: the rows of `GET /api/v1/reports/scores` for the same query and
 * caller, in rank order, under the columns of `scoreColumns`. Used by the API (bearer token) and
 * the staff pages (session cookie) alike.
 */
export function scoreExport(core: CoreDeps, format: 'csv' | 'xlsx') {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const report = await scoreReport(core, c.get('principal'), scoreQueryOf(core, c.req.query()));
    const title = scoreExportTitle(report);
    const asciiName = `huifang-scores-${report.by}-${report.from}_${report.to}.${format}`;
    if (format === 'csv') return download(c, toCsv(scoreColumns, report.groups), { type: CSV_TYPE, asciiName, name: `${title}.csv` });
    const bytes = await toXlsx({ name: '满意度排名', title, at: core.clock.now() }, scoreColumns, report.groups);
    return download(c, bytes, { type: XLSX_TYPE, asciiName, name: `${title}.xlsx` });
  };
}
