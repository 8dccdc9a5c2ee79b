/**
 * `tradeoff report`: the three formats from a small fake check and from a real run of one cheap
 * lemma, and LaTeX escaping.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildReport, gitCommit, latexEscape, measurementGrid, renderReport, reportJsonText, reportLatex, reportMarkdown, REPORT_FORMATS, type ReportJson } from '../src/cli/report.js';
import { registry } from '../src/proofs/registry.js';
import type { CheckedLemma } from '../src/proofs/checkAll.js';

const run = promisify(execFile);
const hasPdflatex = spawnSync('pdflatex', ['--version'], { stdio: 'ignore' }).status === 0;
const cli = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

const fake: ReportJson = {
  format: 'parallelism-tradeoff/report',
  package: 'parallelism-tradeoff',
  version: '9.9.9',
  commit: 'abc123',
  seed: 7,
  full: false,
  lemmas: [
    {
      id: 'toy_sum',
      title: 'The ⊕ of two bits',
      reference: 'P1 Lemma 5 & §3',
      statement: 'x ⊕ y has depth ≤ 2 and size ≤ ⌈log₂ n⌉ + 2^k, 100% of the time; a | b',
      verdict: 'fails',
      problems: ['size exceeded at n = 4'],
      tiers: ['exhaustive'],
      claimed: [
        { metric: 'depth', formula: '2', source: 'paper', ref: 'P1 Thm 1' },
        { metric: 'size·P1', formula: 'n_B + ⌈log₂ n⌉', source: 'construction' },
      ],
      tierRuns: [{ tier: 'exhaustive', holds: true, statement: 'equals XOR', cases: 4, seed: 7 }],
      measured: [
        { params: { n: 2 }, metric: 'depth', claimed: 2, measured: 1, holds: true },
        { params: { n: 2 }, metric: 'size·P1', claimed: 3, measured: 3, holds: true },
        { params: { n: 4 }, metric: 'size·P1', claimed: 4, measured: 5, holds: false },
        { params: { n: 8 }, metric: 'depth', claimed: 2, measured: Number.NaN, holds: false, problem: 'not measured' },
      ],
      dependsOn: ['bit-count'],
      durationMs: 1500,
      notes: ['a note'],
    },
  ],
};

describe('report formats, from a fake check', () => {
  it('markdown: header, statement, reference, claims, measured ≤ claimed, failures', () => {
    const md = reportMarkdown(fake);
    expect(md).toContain('# parallelism-tradeoff 9.9.9');
    expect(md).toContain('commit: `abc123`');
    expect(md).toContain('seed: 7');
    expect(md).toContain('**P1 Lemma 5 & §3.** x ⊕ y has depth ≤ 2');
    expect(md).toContain('100% of the time; a | b'); // escaped in tables only
    expect(md).toContain('| size·P1 | n_B + ⌈log₂ n⌉ | the construction');
    expect(md).toContain("| depth | 2 | the paper's bound (P1 Thm 1) |");
    expect(md).toContain('| 2 | 1 ≤ 2 | 3 ≤ 3 |');
    expect(md).toContain('**5 > 4** ✘');
    expect(md).toContain('✘ not measured');
    expect(md).toContain('- ✘ size exceeded at n = 4');
    expect(md).toContain('depends on: `bit-count`');
    expect(md).toContain('exhaustive: equals XOR (4 cases, seed 7)');
    expect(md).toContain('0 of 1 statements hold');
  });

  it('latex: escaped, ASCII only, balanced braces, one subsection per statement', () => {
    const tex = reportLatex(fake);
    expect(tex).toContain('\\subsection*{\\texttt{toy\\_sum}: The \\ensuremath{\\oplus} of two bits}');
    expect(tex).toContain('\\textbf{P1 Lemma 5 \\& \\S{}3.}');
    expect(tex).toContain('100\\% of the time');
    expect(tex).toContain('\\ensuremath{\\lceil}log\\ensuremath{_{2}} n\\ensuremath{\\rceil}');
    expect(tex).toContain('2\\textasciicircum{}k');
    expect(tex).toContain('n\\_B');
    expect(tex).toContain('\\textbf{5 \\ensuremath{>} 4}');
    expect(tex).toContain('commit \\texttt{abc123}, seed 7');
    expect(tex).toMatch(/\\begin\{tabular\}\{rrr\}/);
    // eslint-disable-next-line no-control-regex
    expect(tex).toMatch(/^[\x00-\x7f]*$/);
    const body = tex.replace(/\\[{}]/g, '');
    expect(body.split('{').length).toBe(body.split('}').length);
    expect(tex).not.toMatch(/\$\$/);
  });

  it('json: the report as data, round-trips', () => {
    expect(JSON.parse(reportJsonText({ ...fake, lemmas: [{ ...fake.lemmas[0]!, measured: [] }] }))).toMatchObject({ format: 'parallelism-tradeoff/report', version: '9.9.9', commit: 'abc123', seed: 7 });
    for (const f of REPORT_FORMATS) expect(renderReport(fake, f).length).toBeGreaterThan(100);
  });

  it('measurementGrid keeps the failing measurement of a point', () => {
    const g = measurementGrid(fake.lemmas[0]!.measured);
    expect(g.params).toEqual(['n']);
    expect(g.metrics).toEqual(['depth', 'size·P1']);
    expect(g.rows.map((r) => r.values[0])).toEqual(['2', '4', '8']);
    expect(g.rows[1]!.cells[1]).toEqual({ kind: 'exceeds', measured: 5, claimed: 4 });
  });
});

describe('latexEscape', () => {
  it('escapes the special characters and the Unicode of the statements', () => {
    expect(latexEscape('a_b & c% $d# {e} ~f ^g \\h')).toBe('a\\_b \\& c\\% \\$d\\# \\{e\\} \\textasciitilde{}f \\textasciicircum{}g \\textbackslash{}h');
    expect(latexEscape('x ≤ y ≥ z')).toBe('x \\ensuremath{\\le} y \\ensuremath{\\ge} z');
    expect(latexEscape('⊕ ⊗ · −')).toBe('\\ensuremath{\\oplus} \\ensuremath{\\otimes} \\ensuremath{\\cdot} \\ensuremath{-}');
    expect(latexEscape('w² log₂ W′ — ℓ')).toBe('w\\ensuremath{^{2}} log\\ensuremath{_{2}} W\\ensuremath{\'} --- \\ensuremath{\\ell}');
    expect(latexEscape('a < b | c')).toBe('a \\ensuremath{<} b \\ensuremath{|} c');
  });

  it('every title, statement, reference and claimed formula of the registry escapes to ASCII', () => {
    for (const l of registry) {
      for (const t of [l.title, l.statement, l.reference, ...l.claimed.flatMap((c) => [c.metric, c.formula, c.ref ?? ''])]) {
        // eslint-disable-next-line no-control-regex
        expect(latexEscape(t), t).toMatch(/^[\x00-\x7f]*$/);
        expect(latexEscape(t), `${t}: a character with no LaTeX mapping`).not.toContain('[U+');
      }
    }
  });

  it('writes a character it does not know as its code point, so the output stays ASCII', () => {
    expect(latexEscape('a ☃ b')).toBe('a \\texttt{[U+2603]} b');
  });

  it.runIf(hasPdflatex)('the report of every statement of the registry compiles with pdflatex (no package)', () => {
    const checked: CheckedLemma[] = registry.map((lemma) => ({
      lemma,
      report: { verdict: 'fails', problems: ['x_1 ≤ 2^k & 50%'], tiers: [], measurements: [{ params: { n: 4, 'softmax·1': 1 }, metric: lemma.claimed[0]?.metric ?? 'depth', claimed: 3, measured: 4, holds: false }], notes: ['⊕ ⊘'] },
      durationMs: 1,
    }));
    const dir = mkdtempSync(join(tmpdir(), 'report-tex-'));
    writeFileSync(join(dir, 'body.tex'), reportLatex(buildReport({ version: '0.1.0', commit: 'unknown', seed: 1, full: false }, checked)));
    writeFileSync(join(dir, 'main.tex'), '\\documentclass{article}\n\\begin{document}\n\\input{body}\n\\end{document}\n');
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'main.tex'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
  }, 90_000);
});

describe('tradeoff report, a real run of lookup-table', () => {
  it('buildReport completes the check JSON with the statement and the tier runs', () => {
    const lemma = registry.find((l) => l.id === 'lookup-table')!;
    const checked: CheckedLemma = {
      lemma,
      report: { verdict: 'holds', problems: [], tiers: [{ tier: 'exhaustive', holds: true, statement: 's', cases: 3, seed: 2 }], measurements: [], notes: [] },
      durationMs: 0,
    };
    const r = buildReport({ version: '1', commit: 'unknown', seed: 2, full: false }, [checked]);
    expect(r.lemmas[0]).toMatchObject({ id: 'lookup-table', statement: lemma.statement, reference: 'P1 Lemma 1', tiers: ['exhaustive'], tierRuns: [{ tier: 'exhaustive', cases: 3, seed: 2 }] });
    expect(r.lemmas[0]!.claimed).toContainEqual({ metric: 'depth', formula: '3', source: 'paper', ref: 'P1 Lemma 1' });
  });

  it.each(REPORT_FORMATS)('--format %s prints the statement, reference, claims against measurements, seed, version and commit', async (format) => {
    const r = await cli('report', '--only', 'lookup-table', '--format', format, '--seed', '5');
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    const commit = /\b[0-9a-f]{40}\b|unknown/;
    if (format === 'json') {
      const doc = JSON.parse(out) as ReportJson;
      expect(doc).toMatchObject({ format: 'parallelism-tradeoff/report', seed: 5, version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
      expect(doc.commit).toMatch(commit);
      expect(doc.lemmas).toHaveLength(1);
      expect(doc.lemmas[0]).toMatchObject({ id: 'lookup-table', verdict: 'holds', reference: 'P1 Lemma 1' });
      expect(doc.lemmas[0]!.statement).toMatch(/depth-3 circuit/);
      expect(doc.lemmas[0]!.measured.length).toBeGreaterThan(0);
    } else {
      expect(out).toMatch(commit);
      expect(out).toMatch(/seed 5|seed: 5/);
      expect(out).toContain('P1 Lemma 1');
      expect(out).toMatch(/depth-3 circuit/);
      expect(out).toContain(format === 'latex' ? '9 \\ensuremath{\\le} 9' : '9 ≤ 9');
      if (format === 'latex') {
        // eslint-disable-next-line no-control-regex
        expect(out).toMatch(/^[\x00-\x7f]*$/);
      }
    }
  }, 120_000);

  it('an unknown id is a usage error', async () => {
    const r = await cli('report', '--only', 'no-such-lemma');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown lemma id');
  }, 60_000);
});

describe('gitCommit', () => {
  it('is HEAD of the package checkout, and unknown outside a checkout or below the top of another one', () => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
    if (head.status === 0) expect(gitCommit()).toBe(head.stdout.trim());
    expect(gitCommit(mkdtempSync(join(tmpdir(), 'no-git-')))).toBe('unknown');
    expect(gitCommit(join(process.cwd(), 'src'))).toBe('unknown');
  });
});
