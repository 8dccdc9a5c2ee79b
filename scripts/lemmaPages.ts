/**
 * # Lemma pages and the README's paper map, generated from the registry
 *
 * `npm run lemma-pages` (and `npm run docs`, which runs it first) writes one page per lemma,
 * `docs/lemmas/<id>.md` — statement, reference, claimed bounds (formula and source), tiers,
 * dependencies, the construction and proof modules with links, and the header of each of those
 * modules (the argument for each bound) — and rewrites the README's paper map between its
 * markers. typedoc includes the pages (`projectDocuments` in typedoc.json).
 *
 * Everything here is a pure function of the registry and the module files, so
 * `test/lemmaPages.test.ts` regenerates the pages and the table in memory and fails when the
 * committed ones differ: they cannot drift from the registry.
 *
 * Links: relative to the repository, or absolute GitHub URLs once package.json names a
 * `repository` on GitHub (so that they also work on the npm page).
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lemma } from '../src/proofs/lemma.js';
import { registry } from '../src/proofs/registry.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PAGES_DIR = 'docs/lemmas';
export const MAP_BEGIN = '<!-- paper-map:begin (generated from the registry by scripts/lemmaPages.ts: run `npm run lemma-pages`, do not edit) -->';
export const MAP_END = '<!-- paper-map:end -->';
const GENERATED = '<!-- Generated from src/proofs/registry.ts by scripts/lemmaPages.ts (`npm run lemma-pages`); do not edit. -->';

/**
 * The base URL of files in the repository on GitHub (`https://github.com/OWNER/NAME/blob/HEAD/`)
 * when package.json names a GitHub `repository`, else `undefined`.
 */
export const githubBlobBase = (pkg: unknown): string | undefined => {
  if (typeof pkg !== 'object' || pkg === null || !('repository' in pkg)) return undefined;
  const r = pkg.repository;
  const url = typeof r === 'string' ? r : typeof r === 'object' && r !== null && 'url' in r && typeof r.url === 'string' ? r.url : undefined;
  if (url === undefined) return undefined;
  const m = /^(?:github:)?([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url) ?? /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return m === null ? undefined : `https://github.com/${m[1]}/blob/HEAD/`;
};

/** package.json of the repository. */
export const readPackageJson = (root = ROOT): unknown => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown;

/** A link to a repository file from a file at `from` (both repository paths). */
const fileLink = (path: string, from: string, base: string | undefined): string => (base !== undefined ? `${base}${path}` : relative(dirname(from), path) || path);

/** The header comment of a module (its first `/** … *\/` block that has `@module`), as Markdown. */
export const moduleHeader = (source: string): string | undefined => {
  const m = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (m === null || !m[1]!.includes('@module')) return undefined;
  const lines = m[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  return lines
    .filter((l) => !/^@module\b/.test(l.trim()))
    .map((l) => l.replace(/\{@link\s+([^}|]+?)\s*\|\s*([^}]+?)\s*\}/g, '`$2`').replace(/\{@link\s+([^}]+?)\s*\}/g, '`$1`'))
    .map((l) => (/^#{1,4} /.test(l) ? `##${l}` : l))
    .join('\n')
    .trim();
};

const readModule = (root: string, path: string): string => {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;

/** The page of one lemma, `docs/lemmas/<id>.md`. */
export const lemmaPage = (lemma: Lemma, lemmas: readonly Lemma[], opts: { readonly root?: string; readonly base?: string } = {}): string => {
  const root = opts.root ?? ROOT;
  const from = `${PAGES_DIR}/${lemma.id}.md`;
  const known = new Set(lemmas.map((l) => l.id));
  const lemmaLink = (id: string): string => (known.has(id) ? `[${code(id)}](${id}.md)` : code(id));
  const usedBy = lemmas.filter((l) => l.dependsOn.includes(lemma.id)).map((l) => l.id);
  const mods = lemma.modules;
  const src = (p: string): string => `[${code(p)}](${fileLink(p, from, opts.base)})`;
  const out: string[] = [
    '---',
    `title: ${lemma.id}`,
    'group: Lemmas',
    '---',
    '',
    `# ${code(lemma.id)}: ${lemma.title}`,
    '',
    GENERATED,
    '',
    `**${lemma.reference}.** ${lemma.statement}`,
    '',
    '| | |',
    '|---|---|',
    `| reference | ${cell(lemma.reference)} |`,
    `| verification tiers | ${lemma.tiers.join(', ') || 'none'} |`,
    ...(lemma.cited === undefined
      ? []
      : [`| cited, not checked | ${cell(`${lemma.cited.source}: ${lemma.cited.why}`)} |`, `| assumptions | ${cell(lemma.cited.assumptions.join('; '))} |`]),
    `| depends on | ${lemma.dependsOn.map(lemmaLink).join(', ') || 'nothing'} |`,
    `| used by | ${usedBy.map(lemmaLink).join(', ') || 'nothing'} |`,
    `| construction | ${mods === undefined ? 'not given' : mods.construction.map(src).join(', ')} |`,
    `| proof | ${mods === undefined ? 'not given' : src(mods.proof)} |`,
    `| check it | ${code(`npx tradeoff check --only ${lemma.id}`)} |`,
    '',
  ];
  if (lemma.claimed.length > 0) {
    out.push('## Claimed bounds', '');
    out.push(
      "Each is checked by measuring every verified circuit of the sweep (`tradeoff check`); `paper` is the paper's bound, `construction` the construction's own count where the paper claims only a constant or a polynomial.",
      '',
    );
    out.push('| metric | bound | source |', '|---|---|---|');
    for (const c of lemma.claimed) out.push(`| ${cell(c.metric)} | ${cell(`${c.metric} ≤ ${c.formula}`)} | ${c.source === 'paper' ? `paper (${cell(c.ref ?? lemma.reference)})` : 'construction'} |`);
    out.push('');
  }
  if (mods !== undefined) {
    const proof = moduleHeader(readModule(root, mods.proof));
    out.push('## Proof', '', `From the header of ${src(mods.proof)}:`, '', proof ?? '(no module header)', '');
    out.push('## Construction', '');
    for (const c of mods.construction) {
      const h = moduleHeader(readModule(root, c));
      out.push(`From the header of ${src(c)}:`, '', h ?? '(no module header)', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
};

/** The README's paper map: one row per lemma, from the registry. */
export const paperMapTable = (lemmas: readonly Lemma[], base?: string): string => {
  const link = (p: string): string => `[${code(p)}](${base !== undefined ? `${base}${p}` : p})`;
  const rows = lemmas.map((l) => {
    const m = l.modules;
    return `| [${code(l.id)}](${base !== undefined ? `${base}${PAGES_DIR}/${l.id}.md` : `${PAGES_DIR}/${l.id}.md`}) | ${cell(l.reference)} | ${cell(l.title)} | ${m === undefined ? '' : m.construction.map(link).join(', ')} | ${m === undefined ? '' : link(m.proof)} |`;
  });
  return ['| id | reference | statement | construction | proof |', '|---|---|---|---|---|', ...rows].join('\n');
};

/** The README with its paper map (between the markers) replaced by `table`; throws without the markers. */
export const withPaperMap = (readme: string, table: string): string => {
  const i = readme.indexOf(MAP_BEGIN);
  const j = readme.indexOf(MAP_END);
  if (i < 0 || j < i) throw new Error(`README.md has no paper map markers (${MAP_BEGIN} … ${MAP_END})`);
  return `${readme.slice(0, i + MAP_BEGIN.length)}\n${table}\n${readme.slice(j)}`;
};

/** Everything the script writes: path (from the root) → contents. */
export const generated = (root = ROOT, lemmas: readonly Lemma[] = registry): Map<string, string> => {
  const base = githubBlobBase(readPackageJson(root));
  const files = new Map<string, string>();
  for (const l of lemmas) files.set(`${PAGES_DIR}/${l.id}.md`, lemmaPage(l, lemmas, { root, ...(base === undefined ? {} : { base }) }));
  files.set('README.md', withPaperMap(readFileSync(join(root, 'README.md'), 'utf8'), paperMapTable(lemmas, base)));
  return files;
};

const main = (): void => {
  const files = generated();
  mkdirSync(join(ROOT, PAGES_DIR), { recursive: true });
  // pages of lemmas no longer in the registry go
  for (const f of readdirSync(join(ROOT, PAGES_DIR))) if (f.endsWith('.md') && !files.has(`${PAGES_DIR}/${f}`)) rmSync(join(ROOT, PAGES_DIR, f));
  for (const [path, text] of files) {
    const file = join(ROOT, path);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
