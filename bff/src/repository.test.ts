import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone must build, run and test with nothing beside it: no code, test, script or config may reach a path
 * outside the repository (such as a `../shared` reference folder next to a developer's checkout), nor a fixed
 * folder in the machine's temporary directory that every checkout would share.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const skippedFolders = new Set([
  '.git',
  'node_modules',
  'dist',
  'dist-types',
  'dev-dist',
  'coverage',
  'test-results',
  'playwright-report',
  'bench-results',
  '.data',
  'fixtures',
]);
const checkedExtensions = new Set([
  '.ts',
  '.tsx',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '.sh',
  '.yml',
  '.yaml',
  '',
]);
const skippedFiles = new Set(['package-lock.json']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : sourceFiles(path);
    if (!entry.isFile() || skippedFiles.has(entry.name)) return [];
    if (!checkedExtensions.has(extname(entry.name))) return [];
    // Extensionless files: only scripts (a shebang), such as .ci/run.
    if (extname(entry.name) === '' && !readFileSync(path, 'utf8').startsWith('#!')) return [];
    return [path];
  });
}

/** Every relative path literal in `text` (quoted, starting `./` or `../`) that resolves outside `repositoryRoot`. */
export function escapingPaths(text: string, file: string, repositoryRoot: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(['"`])(\.{1,2}\/[^'"`\s$]*)\1/g)) {
    const literal = match[2] ?? '';
    const target = resolve(dirname(file), literal);
    const inside = relative(repositoryRoot, target);
    if (inside === '..' || inside.startsWith(`..${sep}`)) found.push(literal);
  }
  return found;
}

/** Fixed folders in the system's temporary directory, shared by every checkout on the machine. */
export function sharedTempPaths(text: string): string[] {
  return [...text.matchAll(/['"`](\/tmp\/[^'"`\s]*)/g)].map((match) => match[1] ?? '');
}

describe('the repository is self-contained', () => {
  const files = sourceFiles(root);

  it('finds the files it checks (this test, the CI script, the e2e helpers)', () => {
    const names = files.map((file) => relative(root, file).split(sep).join('/'));
    expect(names).toContain('bff/src/repository.test.ts');
    expect(names).toContain('.ci/run');
    expect(names).toContain('e2e/tests/helpers.ts');
  });

  it('no relative path in code, tests, scripts or config leads outside the repository', () => {
    const offenders = files.flatMap((file) =>
      escapingPaths(readFileSync(file, 'utf8'), file, root).map(
        (literal) => `${relative(root, file)}: ${literal}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('nothing writes to a fixed folder in the temporary directory', () => {
    const offenders = files.flatMap((file) =>
      sharedTempPaths(readFileSync(file, 'utf8')).map((path) => `${relative(root, file)}: ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    // Built from parts, so this file does not itself hold the kinds of path it looks for.
    const outside = `${'../'.repeat(4)}shared/fixtures/x/`;
    const fixedTemp = `/${'tmp'}/screens`;
    const file = join(root, 'bff/src/gpconnect/example.test.ts');
    expect(
      escapingPaths(
        `new URL('${outside}', import.meta.url); import '../../test/fixtures/a.json'`,
        file,
        root,
      ),
    ).toEqual([outside]);
    expect(escapingPaths('{ "path": "../shared" }', join(root, 'bff/tsconfig.json'), root)).toEqual([]);
    expect(sharedTempPaths(`const SCREENS = '${fixedTemp}';`)).toEqual([fixedTemp]);
  });
});
