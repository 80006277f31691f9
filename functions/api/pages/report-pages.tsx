import { Hono, type Context } from 'hono';
import { shanghaiDate } from '../../core/scheduling/shanghai-time';
import { MonthlyReportPage } from '../../../web/reports/monthly-report-page';
import { ReportsPage } from '../../../web/reports/reports-page';
import { MessagePage } from '../../../web/staff/staff-layout';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';
import { dashboardData, monthEnd, monthlyQuerySchema, reportFilterSchema } from './report-data';

/** Reports are for the office and zone dispatchers; anyone else gets a page that says so, with 403. */
async function refused(c: Context<ApiEnv>): Promise<Response | undefined> {
  const viewer = c.get('principal');
  if (viewer.role === 'office' || viewer.role === 'zone-dispatcher') return undefined;
  return await c.html(<MessagePage title="无权访问" message="满意度报表仅供营商环境办公室和开发区调度室查看。" viewer={viewer} />, 403);
}

/**
 * `/app/reports`: the satisfaction dashboard, and `/app/reports/monthly` the printable monthly
 * report. Both read the counters through the core, scoped to the viewer.
 */
export function reportPages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const no = await refused(c);
      if (no) return no;
      const filter = parseWith(reportFilterSchema, c.req.query());
      return c.html(<ReportsPage viewer={c.get('principal')} data={await dashboardData(core, c.get('principal'), filter)} />);
    })
    .get('/monthly', async (c) => {
      const no = await refused(c);
      if (no) return no;
      const today = shanghaiDate(core.clock.now());
      const month = parseWith(monthlyQuerySchema, c.req.query()).month ?? today.slice(0, 7);
      // A month not over yet is reported up to today.
      const data = await dashboardData(core, c.get('principal'), monthEnd(month) <= today ? { month } : { from: `${month}-01`, to: today < `${month}-01` ? `${month}-01` : today });
      return c.html(<MonthlyReportPage viewer={c.get('principal')} data={{ ...data, range: { ...data.range, month } }} generatedOn={today} />);
    });
}
