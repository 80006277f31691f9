import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const keys = readFileSync(resolve(ROOT, 'functions/adapters/dynamodb/keys.ts'), 'utf8');
const architecture = readFileSync(resolve(ROOT, 'ARCHITECTURE.md'), 'utf8');

/** The key prefixes `keys.ts` builds (`ZONE#${id}`), the ones the map of the table must name. */
function keyPrefixes(source: string): string[] {
  return [...new Set([...source.matchAll(/`([A-Z]+)#\$\{/g)].map((m) => `${m[1]}#`))].sort();
}

describe('ARCHITECTURE.md keeps up with the table', () => {
  it('reads the prefixes of keys.ts', () => {
    expect(keyPrefixes('const a = (id) => `ZONE#${id}`; const b = `X`; const c = `COUNT#${d}#${g}`;')).toEqual(['COUNT#', 'ZONE#']);
    expect(keyPrefixes(keys)).toEqual(expect.arrayContaining(['ISSUE#', 'INV#', 'COUNT#', 'TOKEN#']));
  });

  it.each(keyPrefixes(keys))('names the key prefix %s', (prefix) => {
    expect(architecture).toContain(`\`${prefix}`);
  });
});
