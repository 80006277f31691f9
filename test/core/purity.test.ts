import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(import.meta.dirname, '../../functions/core');
const ALLOWED_PACKAGES = ['zod', 'ajv'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** Import specifiers of a file that leave the core or name a package other than zod/ajv. */
function foreignImports(text: string, file: string): string[] {
  const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2] ?? m[3])!);
  return specifiers.filter((spec) => (spec.startsWith('.') ? !resolve(dirname(file), spec).startsWith(CORE) : !ALLOWED_PACKAGES.includes(spec)));
}

/** Uses of the environment or the wall clock, comments aside. */
function impureCalls(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return [...code.matchAll(/process\.env|Date\.now\(\)|new Date\(\s*\)|performance\.now\(\)/g)].map((m) => m[0]);
}

const files = sources(CORE);

describe('functions/core stays pure', () => {
  it('catches what it must catch', () => {
    const file = join(CORE, 'ledger', 'x.ts');
    const sample = `import { z } from 'zod';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport type { Context } from "hono";\nimport { a } from '../../api/app';\nimport { b } from '../errors';\nconst m = await import('node:process');`;
    expect(foreignImports(sample, file)).toEqual(['@aws-sdk/client-dynamodb', 'hono', '../../api/app', 'node:process']);
    expect(impureCalls('const t = Date.now(); // new Date()\nconst d = new Date(); const e = process.env.X; const ok = new Date(iso);')).toEqual(['Date.now()', 'new Date()', 'process.env']);
  });

  it('has every core file in view', () => {
    expect(files.map((f) => relative(CORE, f))).toEqual(expect.arrayContaining(['errors.ts', 'ports.ts', 'ledger/close-issue.ts', 'scheduling/working-days.ts']));
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only core files, zod and ajv', (_, file) => {
    expect(foreignImports(readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s reads neither the environment nor the wall clock', (_, file) => {
    expect(impureCalls(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
