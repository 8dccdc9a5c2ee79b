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
import { right, left } from 'fp-ts/lib/Either.js';
import { checkCircuitExhaustive } from '../core/check.js';
import type { Circuit } from '../core/circuit.js';
import { metrics } from '../core/metrics.js';
import {
  lookup,
  lookupTableBounds,
  lookupTableCircuit,
  randomTruthTable,
  tableInputs,
  type TruthTable,
} from '../reductions/lookupTable.js';
import { seededInts } from '../reductions/random.js';
import {
  combineRuns,
  fromCheck,
  measure,
  report,
  type ClaimedBound,
  type Lemma,
  type LemmaReport,
  type Measurement,
  type Params,
  type VerifyContext,
} from './lemma.js';

/** The claimed bounds of P1 Lemma 1, as data. @category claims */
export const lookupTableClaims: readonly ClaimedBound[] = [
  {
    metric: 'size',
    formula: '2^k + k + m with k = ⌈c·log₂ n⌉ (= n^c + c·log₂ n + m when c·log₂ n ∈ ℤ)',
    at: (p: Params) => lookupTableBounds(p['k'] ?? 0, p['m'] ?? 0).size,
  },
  { metric: 'depth', formula: '3', at: (p: Params) => lookupTableBounds(p['k'] ?? 0, p['m'] ?? 0).depth },
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
 * Verify P1 Lemma 1 (exhaustive tier plus bound measurements).
 * @category verifiers
 */
export const verifyLookupTable = async (ctx: VerifyContext, opts: LookupTableVerifyOptions = {}): Promise<LemmaReport> => {
  const construct = opts.construct ?? lookupTableCircuit;
  const claims = opts.claims ?? lookupTableClaims;
  const draw = seededInts(ctx.seed);
  const sweep = lookupTableSweep(ctx.full);
  const runs: { where: string; run: ReturnType<typeof fromCheck> }[] = [];
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
    let worst = { size: 0, depth: 0 };
    for (const { name, f } of fs) {
      const c = construct(f);
      const where = `n = ${point.n}, c = ${point.c}, m = ${point.m} (k = ${k}), ${name}`;
      runs.push({ where, run: fromCheck(checkCircuitExhaustive(c, (x) => lookup(f, x), params, statement), 'exhaustive', statement) });
      const mm = metrics(c);
      worst = { size: Math.max(worst.size, mm.size), depth: Math.max(worst.depth, mm.depth) };
    }
    measurements.push(...measure(claims, params, worst));
    ctx.progress(++step, sweep.length);
    await Promise.resolve();
  }
  const tier = combineRuns('exhaustive', `${statement}, for ${runs.length} functions over the sweep`, runs, ctx.seed);
  return report([tier], measurements, [`random f drawn with seed ${ctx.seed}; measured = the largest over the functions at each point`]);
};

/** P1 Lemma 1 as a value. @category lemmas */
export const lookupTableLemma: Lemma = {
  id: 'lookup-table',
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
