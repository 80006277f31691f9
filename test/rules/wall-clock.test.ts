import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TEST_EPOCH } from '../support/pinned-wall-clock';

const TESTS = resolve(import.meta.dirname, '..');
/** The one file that may set the wall clock: it pins it for every test. */
const PIN = join(TESTS, 'support', 'pinned-wall-clock.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/**
 * Reads of the wall clock, and ways to unpin it, comments and string literals aside: a test names
 * its instants (`host.clock.set(...)`, `pinWallClock(...)`) and measures durations with `performance.now()`.
 */
function wallClockReads(text: string): string[] {
  // One pass, left to right, so that a comment's apostrophe and a string's `//` are both read right.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
  return [...code.matchAll(/Date\.now\(\)|new Date\(\s*\)|vi\.useRealTimers\(|vi\.useFakeTimers\(|vi\.setSystemTime\(/g)].map((m) => m[0]);
}

const files = sources(TESTS).filter((f) => f !== PIN);

describe('no test depends on today’s date', () => {
  it('catches what it must catch', () => {
    const sample = "const a = Date.now(); // new Date()\nconst b = new Date( ); vi.useRealTimers(); const ok = new Date(iso); const s = 'Date.now() // x';\n// it's\nvi.setSystemTime(t);";
    expect(wallClockReads(sample)).toEqual(['Date.now()', 'new Date( )', 'vi.useRealTimers(', 'vi.setSystemTime(']);
  });

  it('runs every test file on the pinned wall clock', () => {
    expect(vi.isFakeTimers()).toBe(true);
    // Date starts at the pin in each test file and moves on in real time: seconds, never days.
    const sincePin = (vi.getMockedSystemTime()?.getTime() ?? Number.NaN) - TEST_EPOCH.getTime();
    expect(sincePin).toBeGreaterThanOrEqual(0);
    expect(sincePin).toBeLessThan(10 * 60_000);
  });

  it('has every test file in view', () => {
    expect(files.map((f) => relative(TESTS, f))).toEqual(expect.arrayContaining(['api/lambda-handler.test.ts', 'integration/demo-seed.test.ts']));
  });

  it.each(files.map((f) => [relative(TESTS, f), f]))('%s reads no wall clock and leaves the pin alone', (_, file) => {
    expect(wallClockReads(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
