import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../env';
import { scoreExport } from '../exports/score-export';

/** `/api/v1/reports/scores.csv` and `.xlsx`: the scores of `/api/v1/reports/scores` as files for Excel and WPS. */
export function reportExportRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().get('/scores.csv', scoreExport(deps.core, 'csv')).get('/scores.xlsx', scoreExport(deps.core, 'xlsx'));
}
