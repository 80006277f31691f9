import { readFile } from 'node:fs/promises';
import { calendarOverrideSchema, calendarOverridesSchema, type CalendarOverride } from '../../core/scheduling/calendar-override';

/**
 * Reads a file of State Council notices: one notice object or an array of them, in the format of
 * `core/scheduling/calendar-override.ts`. Throws with every problem listed when the file is not
 * JSON or a notice is invalid, so a host refuses to start rather than count the wrong days.
 *
 * @example await readCalendarOverrideFile('notices/2027.json') // [{ year: 2027, ... }]
 */
export async function readCalendarOverrideFile(path: string): Promise<CalendarOverride[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`calendar file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = (Array.isArray(value) ? calendarOverridesSchema : calendarOverrideSchema.transform((n) => [n])).safeParse(value);
  if (!parsed.success) {
    throw new Error(`calendar file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
