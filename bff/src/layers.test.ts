import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The BFF's layers, lowest first: platform/ (keys, URLs) under identity/, gpconnect/ and provider/, under app/.
 * A module may import from its own layer or a lower one; app/ wires the others together, so nothing below
 * it imports from app/. Tests are held to the same rule: a test that needs app/ belongs in app/.
 */
const src = dirname(fileURLToPath(import.meta.url));
const below: Record<string, string[]> = {
  identity: ['app'],
  gpconnect: ['app'],
  provider: ['app'],
  platform: ['app', 'identity', 'gpconnect', 'provider'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier: `import … from`, `export … from`, side-effect `import '…'` and `import('…')`. */
function specifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;
  return [...source.matchAll(pattern)].map((match) => match[2] ?? '');
}

/** The top-level folder of bff/src a relative specifier lands in, or undefined for a package import. */
function layerOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(src, resolve(dirname(file), specifier));
  return target.startsWith('..') ? undefined : target.split(sep)[0];
}

function violations(layer: string, forbidden: string[]): string[] {
  return sourceFiles(join(src, layer)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => forbidden.includes(layerOf(file, specifier) ?? ''))
      .map((specifier) => `${relative(src, file)} imports '${specifier}'`),
  );
}

describe('layers', () => {
  it.each(Object.entries(below))('%s/ imports nothing from %j', (layer, forbidden) => {
    expect(violations(layer, forbidden)).toEqual([]);
  });

  it('sees every form of import', () => {
    const source = [
      "import { a } from '../app/config.js';",
      "import type { B } from '../../app/keys.js';",
      "export { c } from '../app/c.js';",
      "import '../app/side-effect.js';",
      "const d = await import('../app/d.js');",
    ].join('\n');
    expect(specifiers(source)).toEqual([
      '../app/config.js',
      '../../app/keys.js',
      '../app/c.js',
      '../app/side-effect.js',
      '../app/d.js',
    ]);
    expect(layerOf(join(src, 'identity', 'nhs-login', 'client.ts'), '../../app/keys.js')).toBe('app');
    expect(layerOf(join(src, 'identity', 'start.ts'), '../app/config.js')).toBe('app');
    expect(layerOf(join(src, 'identity', 'start.ts'), './sessions/store.js')).toBe('identity');
    expect(layerOf(join(src, 'identity', 'start.ts'), 'zod')).toBeUndefined();
  });
});
