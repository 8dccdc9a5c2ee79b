/**
 * Packaging (issue 9, item 5): the tarball ships what the README links and the sources its
 * source maps point at; the citation file has no entry a citation tool cannot read; the README
 * says the package is ESM only. (`npm run lint:package` runs publint and attw.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const packed = (): Set<string> => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const doc = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(doc[0]!.files.map((f) => f.path));
};

describe('the npm tarball', () => {
  const files = packed();
  it('ships every file the README links', () => {
    const readme = readFileSync('README.md', 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
    expect(links.length).toBeGreaterThan(10);
    const missing = links.filter((l) => !files.has(normalize(l)) && ![...files].some((f) => f.startsWith(`${normalize(l)}/`)));
    expect(missing).toEqual([]);
  });
  it.skipIf(!existsSync('dist'))('ships the sources every source map points at', () => {
    const maps: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.map')) maps.push(join(d, e.name));
      }
    };
    walk('dist');
    expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((m) => (JSON.parse(readFileSync(m, 'utf8')) as { sources: string[] }).sources.map((s) => normalize(join(dirname(m), s))).filter((s) => !files.has(s)));
    expect(missing).toEqual([]);
  });
});

describe('CITATION.cff', () => {
  it('has no conference entry without a date (citation tools crash on it) and cites both papers', () => {
    const cff = readFileSync('CITATION.cff', 'utf8');
    expect(cff).toMatch(/^cff-version: 1\.2\.0$/m);
    if (/^\s+conference:/m.test(cff)) expect(cff).toMatch(/date-start:/);
    expect(cff).toContain('doi: 10.1162/tacl_a_00562');
    expect(cff).toContain('arXiv:2402.09268');
  });
});

describe('README', () => {
  it('says the package is ESM only', () => {
    expect(readFileSync('README.md', 'utf8')).toMatch(/\*\*ESM only\*\*/);
  });
});
