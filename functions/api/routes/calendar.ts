import { Hono } from 'hono';
import { z } from 'zod';
import { calendarYear } from '../../core/scheduling/calendar-year';
import { shanghaiDate } from '../../core/scheduling/shanghai-time';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';

const calendarQuerySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, 'a year written YYYY')
    .transform(Number)
    .pipe(z.number().int().min(2000).max(2100))
    .optional(),
});

/**
 * `/api/v1/calendar?year=YYYY`: whether the working-day calendar knows the year's holidays and
 * make-up workdays, where from, and a zh-CN warning while it counts Monday-Friday. Without `year`,
 * the current year in Asia/Shanghai.
 */
export function calendarRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>().get('/', (c) => {
    const { year } = parseWith(calendarQuerySchema, c.req.query());
    return c.json(calendarYear(core.calendar, year ?? Number(shanghaiDate(core.clock.now()).slice(0, 4))));
  });
}
