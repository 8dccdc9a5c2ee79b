/**
 * Per-file mutation scores from the JSON reports of `npm run mutate` (reports/mutation/*.json,
 * newest report per file wins). Score = detected / (detected + undetected), as Stryker counts it:
 * detected = killed + timeout, undetected = survived + no coverage; compile and runtime errors
 * and ignored mutants do not count. Exits 1 when a kernel file (src/core) is below the threshold
 * (default 90 %); other files (a sample of src/proofs or src/reductions) are reported as `info`.
 *
 * Usage: tsx scripts/mutationScore.ts [--threshold 90] [--survivors]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Readonly<Record<string, { readonly mutants: readonly Mutant[] }>>;
}

const args = process.argv.slice(2);
const ti = args.indexOf('--threshold');
const threshold = ti >= 0 ? Number(args[ti + 1]) : 90;
const showSurvivors = args.includes('--survivors');
const dir = 'reports/mutation';
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.incremental.json'))
  .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
  .sort((a, b) => a.mtime - b.mtime);
const byFile = new Map<string, readonly Mutant[]>();
for (const r of reports) {
  const rep = JSON.parse(readFileSync(r.path, 'utf8')) as Report;
  for (const [file, { mutants }] of Object.entries(rep.files)) byFile.set(file, mutants);
}
let failed = false;
for (const [file, mutants] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
  const count = (...s: string[]): number => mutants.filter((m) => s.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  const kernel = file.startsWith('src/core/');
  const ok = score >= threshold;
  if (kernel) failed ||= !ok;
  process.stdout.write(`${!kernel ? 'info' : ok ? 'ok  ' : 'LOW '} ${score.toFixed(2).padStart(6)} %  ${file}  (${detected} detected, ${count('Survived')} survived, ${count('NoCoverage')} no coverage)\n`);
  if (showSurvivors) {
    for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
      process.stdout.write(`       ${m.status} ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}\n`);
    }
  }
}
if (byFile.size === 0) {
  process.stdout.write('no mutation reports found under reports/mutation: run `npm run mutate` first\n');
  failed = true;
}
process.exit(failed ? 1 : 0);
