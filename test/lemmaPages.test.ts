/**
 * The lemma pages (`docs/lemmas/<id>.md`) and the README's paper map are generated from the
 * registry by `scripts/lemmaPages.ts`; these tests fail when the committed ones are stale, so
 * they cannot drift from the registry (fix: `npm run lemma-pages`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generated, githubBlobBase, lemmaPage, moduleHeader, PAGES_DIR, paperMapTable, ROOT, withPaperMap, MAP_BEGIN, MAP_END } from '../scripts/lemmaPages.js';
import { registry } from '../src/proofs/registry.js';

const STALE = 'stale: run `npm run lemma-pages` and commit the result';

describe('generated lemma pages and paper map', () => {
  const files = generated();

  it('one page per lemma of the registry, each up to date', () => {
    for (const l of registry) {
      const path = `${PAGES_DIR}/${l.id}.md`;
      expect(existsSync(join(ROOT, path)), `${path} is missing: run \`npm run lemma-pages\``).toBe(true);
      expect(readFileSync(join(ROOT, path), 'utf8'), `${path} is ${STALE}`).toBe(files.get(path));
    }
    const pages = readdirSync(join(ROOT, PAGES_DIR)).filter((f) => f.endsWith('.md'));
    expect(pages.sort(), `pages of lemmas not in the registry: ${STALE}`).toEqual(registry.map((l) => `${l.id}.md`).sort());
  });

  it("the README's paper map is up to date", () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8'), `README.md's paper map is ${STALE}`).toBe(files.get('README.md'));
  });

  it('every lemma names its construction and proof modules, which exist; the proof module exports the lemma', async () => {
    for (const l of registry) {
      expect(l.modules, l.id).toBeDefined();
      for (const p of [...l.modules!.construction, l.modules!.proof]) expect(existsSync(join(ROOT, p)), `${l.id}: ${p}`).toBe(true);
      const mod = (await import(join(ROOT, l.modules!.proof))) as Record<string, unknown>;
      const found = Object.values(mod).some((v) => typeof v === 'object' && v !== null && (v as { id?: unknown }).id === l.id && 'verify' in v);
      expect(found, `${l.modules!.proof} exports the lemma ${l.id}`).toBe(true);
    }
  });

  it('a page carries the statement, reference, claimed bounds, tiers, dependencies and the proof', () => {
    const l = registry.find((x) => x.id === 'iterated-addition')!;
    const page = files.get(`${PAGES_DIR}/iterated-addition.md`)!;
    expect(page).toContain(l.statement);
    expect(page).toContain(`**${l.reference}.**`);
    for (const c of l.claimed) expect(page).toContain(`${c.metric} ≤ ${c.formula}`.replace(/\|/g, '\\|'));
    expect(page).toContain(`| verification tiers | ${l.tiers.join(', ')} |`);
    expect(page).toContain('[`bit-count`](bit-count.md)');
    expect(page).toContain('## Proof');
    expect(page).toContain('[`src/proofs/arithmetic/iteratedAddition.ts`](../../src/proofs/arithmetic/iteratedAddition.ts)');
    expect(page).toMatch(/^---\ntitle: iterated-addition\ngroup: Lemmas\n---\n/);
  });
});

describe('lemmaPages helpers', () => {
  it('githubBlobBase: absolute links only when package.json names a GitHub repository', () => {
    expect(githubBlobBase({})).toBeUndefined();
    expect(githubBlobBase({ repository: { type: 'git', url: 'git+https://github.com/o/r.git' } })).toBe('https://github.com/o/r/blob/HEAD/');
    expect(githubBlobBase({ repository: 'github:o/r' })).toBe('https://github.com/o/r/blob/HEAD/');
    expect(githubBlobBase({ repository: 'o/r' })).toBe('https://github.com/o/r/blob/HEAD/');
    expect(githubBlobBase({ repository: 'https://gitlab.com/o/r' })).toBeUndefined();
    const l = registry[0]!;
    expect(paperMapTable([l], 'https://github.com/o/r/blob/HEAD/')).toContain('(https://github.com/o/r/blob/HEAD/src/proofs/lookupTable.ts)');
    expect(lemmaPage(l, registry, { base: 'https://x/' })).toContain('(https://x/src/proofs/lookupTable.ts)');
  });

  it('moduleHeader: the @module comment as Markdown, headings demoted, links as code', () => {
    const src = '/**\n * # Title\n *\n * ## Main\n * See {@link foo} and {@link bar | the bar}.\n *\n * @module\n */\nexport const x = 1;\n';
    expect(moduleHeader(src)).toBe('### Title\n\n#### Main\nSee `foo` and `the bar`.');
    expect(moduleHeader('/** not a module */')).toBeUndefined();
  });

  it('withPaperMap replaces only what is between the markers, and refuses a README without them', () => {
    const readme = `a\n${MAP_BEGIN}\nold\n${MAP_END}\nb\n`;
    expect(withPaperMap(readme, 'new')).toBe(`a\n${MAP_BEGIN}\nnew\n${MAP_END}\nb\n`);
    expect(() => withPaperMap('no markers', 't')).toThrow(/markers/);
  });
});

describe('typedoc sees every module', () => {
  it('typedoc.json expands src (every module header in docs/api), includes the lemma pages and links sources', () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
    expect(cfg['entryPointStrategy']).toBe('expand');
    expect(cfg['entryPoints']).toEqual(['src']);
    expect(cfg['projectDocuments']).toContain(`${PAGES_DIR}/*.md`);
    expect(cfg['disableSources']).not.toBe(true);
    expect(String(cfg['sourceLinkTemplate'])).toMatch(/\{path\}/);
  });

  it('every module under src has a header typedoc shows (a doc comment with @module)', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
    for (const f of walk('src')) expect(moduleHeader(readFileSync(join(ROOT, f), 'utf8')), `${f} has no module header`).toBeDefined();
  });
});
