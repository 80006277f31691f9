import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalendarOverrideFile } from '../../../functions/adapters/calendar/override-file';
import { shippedCalendarOverrideFiles } from '../../../functions/adapters/calendar/overrides/shipped';

const fixture = resolve(import.meta.dirname, '../../core/scheduling/fixtures/notice-2029.fictional.json');
const scratch = mkdtempSync(join(tmpdir(), 'huifang-calendar-'));

function fileWith(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('a calendar override file', () => {
  it('reads one notice as a list of one', async () => {
    const notices = await readCalendarOverrideFile(fixture);

    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ year: 2029, workdays: ['2029-09-29', '2029-10-13'] });
  });

  it('reads a list of notices', async () => {
    const path = fileWith('two.json', JSON.stringify([
      { year: 2029, source: 'a', holidays: ['2029-01-01'], workdays: [] },
      { year: 2030, source: 'b', holidays: ['2030-01-01'], workdays: [] },
    ]));

    expect((await readCalendarOverrideFile(path)).map((n) => n.year)).toEqual([2029, 2030]);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const path = fileWith('broken.json', '{ "year": 2029,');

    await expect(readCalendarOverrideFile(path)).rejects.toThrow(/broken\.json/);
  });

  it('refuses an invalid notice with every problem and where it is', async () => {
    const path = fileWith('invalid.json', JSON.stringify({ year: 2029, source: 'x', holidays: ['2029-02-30'], workdays: ['2031-01-04'] }));

    await expect(readCalendarOverrideFile(path)).rejects.toThrow(/holidays\.0: .*; workdays\.0: /);
  });

  it('ships every notice file of its folder, so none is left out of the Lambda bundle', () => {
    const files = readdirSync(resolve(import.meta.dirname, '../../../functions/adapters/calendar/overrides')).filter((f) => f.endsWith('.json'));

    expect(shippedCalendarOverrideFiles).toHaveLength(files.length);
  });
});
