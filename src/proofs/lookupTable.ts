/**
 * # Lemma `lookup-table` (P1 Lemma 1)
 *
 * ## Main results
 * Any f: {0,1}^(c·log₂ n) → {0,1}^m is computed by a depth-3 NOT/AND/OR circuit of size at most
 * n^c + c·log₂ n + m.
 *
 * ## Implementation notes
 * Verified exhaustively: for each point of the sweep (n, c, m), a seeded random f, built by
 * {@link lookupTableCircuit}, is compared with its table on all 2^k inputs, and its measured
 * size and depth with the claimed ones. A few structured f (constant 0, constant 1, parity)
 * are checked too. `--full` checks more functions per point and k up to 14.
 *
 * ## References
 * P1 Lemma 1; construction in `src/reductions/lookupTable.ts`.
 *
 * @module
 */
import { isRight, right, left } from 'fp-ts/lib/Either.js';
import { checkCircuitExhaustive } from '../core/check.js';
import type { Circuit } from '../core/circuit.js';
import { combineRuns, tierRun } from '../core/verdict.js';
import {
  lookup,
  lookupTableCircuit,
  randomTruthTable,
  tableInputs,
  type TruthTable,
} from '../reductions/lookupTable.js';
import { seededInts } from '../reductions/random.js';
import {
  measureClaims,
  report,
  requirementsOf,
  type ClaimedBound,
  type Lemma,
  type LemmaReport,
  type Measurement,
  type Params,
  type TierRun,
  type VerifyContext,
} from './lemma.js';

/**
 * P1 Lemma 1's bounds for a table of k inputs and m outputs, as the paper states them (with
 * n^c = 2^k, c·log₂ n = k): size ≤ 2^k + k + m, depth 3 — in P1's own basis (NOT, AND, OR), so
 * the same bounds hold for `depth·P1` and `size·P1`.
 * @category claims
 */
export const lemma1Bounds = (k: number, m: number): { readonly depth: number; readonly size: number } => ({ depth: 3, size: 2 ** k + k + m });

const kOf = (p: Params): number => p['k'] ?? Number.NaN;
const mOf = (p: Params): number => p['m'] ?? Number.NaN;
const SIZE_FORMULA = '2^k + k + m with k = ⌈c·log₂ n⌉ (= n^c + c·log₂ n + m when c·log₂ n ∈ ℤ)';

/** The claimed bounds of P1 Lemma 1, as data, in the kernel's basis and in P1's. @category claims */
export const lookupTableClaims: readonly ClaimedBound[] = [
  { metric: 'size', figure: 'size', formula: SIZE_FORMULA, at: (p) => lemma1Bounds(kOf(p), mOf(p)).size, source: 'paper', ref: 'P1 Lemma 1' },
  { metric: 'depth', figure: 'depth', formula: '3', at: (p) => lemma1Bounds(kOf(p), mOf(p)).depth, source: 'paper', ref: 'P1 Lemma 1' },
  { metric: 'size·P1', figure: 'sizeP1', formula: SIZE_FORMULA, at: (p) => lemma1Bounds(kOf(p), mOf(p)).size, source: 'paper', ref: 'P1 Lemma 1' },
  { metric: 'depth·P1', figure: 'depthP1', formula: '3', at: (p) => lemma1Bounds(kOf(p), mOf(p)).depth, source: 'paper', ref: 'P1 Lemma 1' },
];

/** The sweep of (n, c, m) points checked by default and with `--full`. @category claims */
export const lookupTableSweep = (full: boolean): readonly { n: number; c: number; m: number; functions: number }[] => {
  const base = [
    { n: 4, c: 1, m: 3 },
    { n: 16, c: 1, m: 3 },
    { n: 64, c: 1, m: 3 },
    { n: 256, c: 1, m: 3 },
    { n: 1024, c: 1, m: 3 },
    { n: 4096, c: 1, m: 3 },
    { n: 8, c: 2, m: 2 },
    { n: 32, c: 2, m: 1 },
    { n: 6, c: 1.5, m: 4 },
    { n: 100, c: 1, m: 5 },
  ];
  const extra = full ? [{ n: 64, c: 2, m: 3 }, { n: 16384, c: 1, m: 2 }, { n: 128, c: 2, m: 1 }] : [];
  return [...base, ...extra].map((p) => ({ ...p, functions: full ? 8 : 2 }));
};

/** Injection points for honesty tests: a construction and claims other than the real ones. @category model */
export interface LookupTableVerifyOptions {
  readonly construct?: (f: TruthTable) => Circuit;
  readonly claims?: readonly ClaimedBound[];
}

const structured = (k: number, m: number): { name: string; f: TruthTable }[] => {
  const size = 2 ** k * m;
  const parity = new Uint8Array(size);
  for (let x = 0; x < 2 ** k; x++) {
    let p = 0;
    for (let i = 0; i < k; i++) p ^= Math.floor(x / 2 ** i) % 2;
    for (let j = 0; j < m; j++) parity[x * m + j] = j % 2 === 0 ? p : 1 - p;
  }
  return [
    { name: 'constant 0', f: { k, m, bits: new Uint8Array(size) } },
    { name: 'constant 1', f: { k, m, bits: new Uint8Array(size).fill(1) } },
    { name: 'parity', f: { k, m, bits: parity } },
  ];
};

/**
 * Verify P1 Lemma 1 (exhaustive tier; the kernel measures every verified circuit against the
 * claims). The statement fixes the widths: k = ⌈c·log₂ n⌉ inputs and m outputs.
 * @category verifiers
 */
export const verifyLookupTable = async (ctx: VerifyContext, opts: LookupTableVerifyOptions = {}): Promise<LemmaReport> => {
  const construct = opts.construct ?? lookupTableCircuit;
  const claims = opts.claims ?? lookupTableClaims;
  const draw = seededInts(ctx.seed);
  const sweep = lookupTableSweep(ctx.full);
  const runs: { where: string; run: TierRun }[] = [];
  const measurements: Measurement[] = [];
  const statement = 'the circuit equals f on every input';
  let step = 0;
  for (const point of sweep) {
    const k = tableInputs(point.n, point.c);
    const params: Params = { n: point.n, c: point.c, m: point.m, k };
    const fs = [
      ...Array.from({ length: point.functions }, (_, i) => ({ name: `random f #${i}`, f: randomTruthTable(k, point.m, draw) })),
      ...(point.n === 64 && point.c === 1 ? structured(k, point.m) : []),
    ];
    for (const { name, f } of fs) {
      const where = `n = ${point.n}, c = ${point.c}, m = ${point.m} (k = ${k}), ${name}`;
      const stmt = { inputs: k, outputs: point.m, spec: (x: Uint8Array) => lookup(f, x), text: `${statement} (${where})` };
      const r = checkCircuitExhaustive(construct(f), stmt, params);
      runs.push({ where, run: tierRun(r, 'exhaustive', statement) });
      if (isRight(r)) measurements.push(...measureClaims(r.right, claims));
    }
    ctx.progress(++step, sweep.length);
    await Promise.resolve();
  }
  const tier = combineRuns('exhaustive', `${statement}, for ${runs.length} functions over the sweep`, runs, ctx.seed);
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: claims }), [tier], measurements, [
    `random f drawn with seed ${ctx.seed}; every function's circuit is measured (the table shows the largest per point)`,
  ]);
};

/** P1 Lemma 1 as a value. @category lemmas */
export const lookupTableLemma: Lemma = {
  id: 'lookup-table',
  modules: { construction: ['src/reductions/lookupTable.ts'], proof: 'src/proofs/lookupTable.ts' },
  title: 'Lookup tables are depth-3 circuits',
  statement:
    'Any f: {0,1}^(c·log₂ n) → {0,1}^m is computed by a depth-3 circuit of NOT, AND and OR gates (a NOT layer, one AND per term, one OR per output bit) of size at most n^c + c·log₂ n + m.',
  reference: 'P1 Lemma 1',
  dependsOn: [],
  claimed: lookupTableClaims,
  tiers: ['exhaustive'],
  verify: (ctx) => verifyLookupTable(ctx),
  exportCircuit: {
    options: [
      { name: 'n', description: 'input length n (the table has ⌈c·log₂ n⌉ inputs)' },
      { name: 'c', description: 'the constant c', default: 1 },
      { name: 'm', description: 'output bits m', default: 1 },
      { name: 'seed', description: 'seed of the random f', default: 0 },
    ],
    build: (o) => {
      const n = o['n'];
      if (n === undefined || !Number.isInteger(n) || n < 2) return left('lookup-table: --n must be an integer ≥ 2');
      const c = o['c'] ?? 1;
      const m = o['m'] ?? 1;
      if (!(c > 0)) return left('lookup-table: --c must be positive');
      if (!Number.isInteger(m) || m < 1 || m > 64) return left('lookup-table: --m must be an integer in 1..64');
      const k = tableInputs(n, c);
      if (k > 20) return left(`lookup-table: k = ⌈c·log₂ n⌉ = ${k} is more than 20 (a table of 2^${k}·m bits does not fit in memory)`);
      return right(lookupTableCircuit(randomTruthTable(k, m, seededInts(o['seed'] ?? 0))));
    },
  },
};
