/**
 * The State Council notices shipped with huifang for years `chinese-days` does not know yet, one
 * JSON file per year (`2027.json`, the format of `core/scheduling/calendar-override.ts`). Imported
 * as JSON so the Lambda bundle carries them; checked at start-up like the survey definitions.
 *
 * To add a year the day its notice appears: write `<year>.json` from the notice's text, import it
 * below (`import notice2027 from './2027.json' with { type: 'json' };`) and list it. Until a release
 * ships it, the office can load the same object through the `calendarOverrides` setting.
 * Never type a notice before it is published: a guessed year is worse than the Monday-Friday
 * fallback, which at least warns.
 */
import { calendarOverridesSchema, type CalendarOverride } from '../../../core/scheduling/calendar-override';

/** The notice files of this folder, as imported (none yet: no notice beyond those chinese-days 1.5.7 holds has been checked in). */
export const shippedCalendarOverrideFiles: unknown[] = [];

function checked(files: unknown[]): CalendarOverride[] {
  const parsed = calendarOverridesSchema.safeParse(files);
  if (!parsed.success) {
    throw new Error(`invalid calendar override in functions/adapters/calendar/overrides: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The shipped notices, validated. */
export const shippedCalendarOverrides: readonly CalendarOverride[] = checked(shippedCalendarOverrideFiles);
