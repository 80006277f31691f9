import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? (d.name === 'node_modules' ? [] : sources(join(dir, d.name))) : /\.(ts|tsx)$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/**
 * The packages a file imports (static, dynamic, type-only), builtins and relative paths aside; a
 * type-only import is `name|@types/name`: either one declared serves it.
 */
function importedPackages(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    const spec = (m[3] ?? m[4] ?? m[5])!;
    if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    found.add(m[2] && !name.startsWith('@') ? `${name}|@types/${name}` : name);
  }
  return [...found];
}

/** What ships in the Lambda bundles and the local host: it must be a dependency, not a devDependency. */
const RUNTIME = ['functions', 'web'];
const EVERYWHERE = [...RUNTIME, 'infra', 'bench', 'test'];

describe('every imported package is declared in package.json', () => {
  it('catches what it must catch', () => {
    const sample = "import { a } from 'left-pad';\nimport type { B } from 'aws-lambda';\nimport x from '@scope/pkg/sub';\nconst m = await import('lazy-pkg');\nimport { c } from './local';\nimport { d } from 'node:fs';\nimport 'side-effect';";
    expect(importedPackages(sample).sort()).toEqual(['@scope/pkg', 'aws-lambda|@types/aws-lambda', 'lazy-pkg', 'left-pad', 'side-effect']);
  });

  it.each(EVERYWHERE)('%s/ imports only declared packages', (dir) => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    // This file's own samples name packages that do not exist.
    const files = sources(join(ROOT, dir)).filter((file) => file !== import.meta.filename);
    const missing = files.flatMap((file) =>
      importedPackages(readFileSync(file, 'utf8'))
        .filter((p) => !p.split('|').some((name) => name in declared))
        .map((p) => `${relative(ROOT, file)}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(RUNTIME)('%s/ imports at run time only dependencies, never devDependencies', (dir) => {
    const misplaced = sources(join(ROOT, dir)).flatMap((file) =>
      importedPackages(readFileSync(file, 'utf8'))
        .filter((p) => !p.includes('|') && !(p in manifest.dependencies))
        .map((p) => `${relative(ROOT, file)}: ${p}`),
    );
    expect(misplaced).toEqual([]);
  });
});
