/**
 * # Lemma `lookup-table-uniform` (P1 Lemma 2)
 *
 * ## Main results
 * The circuit of P1 Lemma 1 for f: {0,1}^(c·log₂ n) → {0,1}^m is printed by a machine with
 * O(log n) bits of work space: here, a program of the space-metered machine
 * (`src/core/logspace`) whose printed record stream is, record for record, the circuit
 * {@link lookupTableCircuit} builds, using at most 2c·log₂ n + 2⌈log₂ m⌉ + 13 work bits; and
 * the all-terms variant of Lemma 1 in c·log₂ n + ⌈log₂ m⌉ + 10 bits, as P1 Lemma 2 states.
 *
 * ## Implementation notes
 * For each point (n, c, m) of the sweep, a seeded random f is drawn, the non-uniform circuit
 * built, and the generator run with f's table on its read-only tape; a
 * {@link streamComparer} checks each printed record against the circuit as it comes (nothing
 * printed is stored), and the machine's meter gives the peak work bits, compared with the
 * claims at every n: the a·log₂ n + b form (a = 2c, b = 2⌈log₂ m⌉ + 13) and the exact count of
 * the construction's registers (for Lemma 1's circuit), and c·log₂ n + ⌈log₂ m⌉ + 10 (for its
 * all-terms variant, below). The sweep is n = 2, 4, …, 2^16 at c = 1, m = 3, plus points
 * with c = 2 and c = 1.5; `--full` adds more functions per point and more m.
 *
 * P1 Lemma 2 states c·log₂ n + log₂ m + O(1): a = c holds for the variant of Lemma 1 that keeps
 * all 2^k terms (the circuit P1's size count 2^k + k + m describes), and is checked here for it
 * (`space·all-terms`: its printer's stream is compared with `lookupTableCircuitAllTerms`, which
 * is checked to compute f for k ≤ 8; at k ≤ 10 by default, at every point with `--full`). The
 * library's Lemma 1 circuit drops the terms with f(x) = 0^m, and printing its gate ids needs
 * the rank of x besides x (see `src/reductions/uniform/lookupTable.ts`): a = 2c.
 *
 * ## References
 * P1 Lemma 2 (with Lemma 1 and Def 5); construction in `src/reductions/uniform/lookupTable.ts`.
 *
 * @module
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { checkCasesExhaustive } from '../../core/check.js';
import type { Circuit } from '../../core/circuit.js';
import { registerWidth, runProgram, streamComparer, type Program } from '../../core/logspace/index.js';
import { checkBound, tierRun } from '../../core/verdict.js';
import { lookup, lookupTableCircuit, randomTruthTable, tableInputs, type TruthTable } from '../../reductions/lookupTable.js';
import { seededInts } from '../../reductions/random.js';
import {
  lookupTableCircuitAllTerms,
  lookupTableGenerator,
  lookupTableGeneratorAllTerms,
  lookupTableGeneratorInput,
} from '../../reductions/uniform/lookupTable.js';
import { evaluate } from '../../core/evaluate.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Measurement, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, key: string): number => p[key] ?? Number.NaN;

/** The claimed work space of the printer, in bits, as data. @category claims */
export const lookupTableUniformClaims: readonly ClaimedBound[] = [
  {
    metric: 'space',
    formula: 'a·log₂ n + b bits with a = 2c, b = 2⌈log₂ m⌉ + 13 (P1 Lemma 2 states c·log₂ n + log₂ m + O(1): see the notes)',
    at: (p) => 2 * num(p, 'c') * Math.log2(num(p, 'n')) + 2 * registerWidth(num(p, 'm')) + 13,
    source: 'construction',
  },
  {
    metric: 'space·all-terms',
    formula:
      'c·log₂ n + ⌈log₂ m⌉ + 10 bits for the printer of the all-terms circuit (P1 Lemma 2: c·log₂ n + log₂ m + O(1); O(1) = 10 here: k ≤ c·log₂ n + 1, ⌈log₂ k⌉ ≤ 5, 4 control bits)',
    at: (p) => num(p, 'c') * Math.log2(num(p, 'n')) + registerWidth(num(p, 'm')) + 10,
    source: 'paper',
  },
  {
    metric: 'space·registers',
    formula: '2k + 2⌈log₂ m⌉ + ⌈log₂ k⌉ + 6 bits, k = ⌈c·log₂ n⌉ (x, the rank t, j, j′, i, a flag, 4 control bits)',
    at: (p) => 2 * num(p, 'k') + 2 * registerWidth(num(p, 'm')) + registerWidth(num(p, 'k')) + 6,
    source: 'construction',
  },
];

/** The (n, c, m) points checked by default and with `--full`. @category claims */
export const lookupTableUniformSweep = (full: boolean): readonly { readonly n: number; readonly c: number; readonly m: number; readonly functions: number }[] => {
  const powers = Array.from({ length: 16 }, (_, i) => ({ n: 2 ** (i + 1), c: 1, m: 3 }));
  const others = [
    { n: 8, c: 2, m: 2 },
    { n: 64, c: 2, m: 1 },
    { n: 32, c: 1.5, m: 4 },
    { n: 100, c: 1, m: 5 },
  ];
  const extra = full ? [{ n: 1024, c: 2, m: 1 }, { n: 4096, c: 1, m: 8 }, { n: 2 ** 16, c: 1, m: 1 }] : [];
  return [...powers, ...others, ...extra].map((p) => ({ ...p, functions: full ? 3 : 1 }));
};

/** Injection points for honesty tests. @category model */
export interface LookupTableUniformOptions {
  readonly generator?: Program;
  readonly construct?: (f: TruthTable) => Circuit;
  readonly generatorAllTerms?: Program;
  readonly constructAllTerms?: (f: TruthTable) => Circuit;
  readonly claims?: readonly ClaimedBound[];
  /** Only the points with n ≤ maxN. */
  readonly maxN?: number;
}

/**
 * Verify P1 Lemma 2 for the lookup-table circuit: the printed stream equals the circuit at
 * every point, and the measured peak work bits are within the claims.
 * @category verifiers
 */
export const verifyLookupTableUniform = async (ctx: VerifyContext, opts: LookupTableUniformOptions = {}): Promise<LemmaReport> => {
  const generator = opts.generator ?? lookupTableGenerator();
  const construct = opts.construct ?? lookupTableCircuit;
  const generatorAll = opts.generatorAllTerms ?? lookupTableGeneratorAllTerms();
  const constructAll = opts.constructAllTerms ?? lookupTableCircuitAllTerms;
  const claims = opts.claims ?? lookupTableUniformClaims;
  const draw = seededInts(ctx.seed);
  const sweep = lookupTableUniformSweep(ctx.full).filter((p) => p.n <= (opts.maxN ?? Infinity));
  const cases = sweep.flatMap((p) => {
    const k = tableInputs(p.n, p.c);
    return Array.from({ length: p.functions }, (_, i) => ({ ...p, k, index: i, f: randomTruthTable(k, p.m, draw) }));
  });
  const measurements: Measurement[] = [];
  const statement = 'the generators print, record for record, the circuit of Lemma 1 for f and its all-terms variant (which computes f)';
  let done = 0;
  const r = checkCasesExhaustive(
    cases,
    (cs) => {
      ctx.progress(++done, cases.length);
      const where = { n: cs.n, c: cs.c, m: cs.m, k: cs.k, f: `random f #${cs.index} (seed ${ctx.seed})` };
      const cmp = streamComparer(construct(cs.f));
      const run = runProgram(generator, { ...lookupTableGeneratorInput(cs.n, cs.f), sink: cmp.sink });
      if (isLeft(run)) return { ...where, problem: `the generator stops: ${run.left.message}` };
      const same = cmp.result();
      if (isLeft(same)) return { ...where, problem: same.left.message };
      const params: Params = { n: cs.n, c: cs.c, m: cs.m, k: cs.k };
      const measure = (metric: string, bits: number): void => {
        const cl = claims.find((x) => x.metric === metric);
        if (cl !== undefined) measurements.push(checkBound(cl.metric, cl.at(params), bits, params));
      };
      for (const cl of claims) if (cl.metric !== 'space·all-terms') measure(cl.metric, run.right.peakBits);
      if (cs.k > (ctx.full ? 20 : 10)) return true;
      // the all-terms variant: printed stream = construction, and (k ≤ 8) the construction computes f
      const all = constructAll(cs.f);
      const cmpAll = streamComparer(all);
      const runAll = runProgram(generatorAll, { ...lookupTableGeneratorInput(cs.n, cs.f), sink: cmpAll.sink });
      if (isLeft(runAll)) return { ...where, variant: 'all terms', problem: `the generator stops: ${runAll.left.message}` };
      const sameAll = cmpAll.result();
      if (isLeft(sameAll)) return { ...where, variant: 'all terms', problem: sameAll.left.message };
      if (cs.k <= 8) {
        for (let x = 0; x < 2 ** cs.k; x++) {
          const bits = Array.from({ length: cs.k }, (_, i) => Math.floor(x / 2 ** i) % 2);
          const got = Array.from(evaluate(all, bits)).join('');
          const want = Array.from(lookup(cs.f, bits)).join('');
          if (got !== want) return { ...where, variant: 'all terms', x: bits.join(''), circuit: got, f: want };
        }
      }
      measure('space·all-terms', runAll.right.peakBits);
      return true;
    },
    { lemma: 'lookup-table-uniform' },
    statement,
  );
  await Promise.resolve();
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: claims }), [tierRun(r, 'exhaustive', statement)], measurements, [
    `random f drawn with seed ${ctx.seed}; each printed stream compared with the circuit as it was printed (not stored)`,
    'peak work bits by the machine of src/core/logspace: Σ register widths ⌈log₂ bound⌉ + control bits (docs/semantics.md, "Log-space machines")',
  ]);
};

/** P1 Lemma 2 for the lookup-table circuit, as a value. @category lemmas */
export const lookupTableUniformLemma: Lemma = {
  id: 'lookup-table-uniform',
  modules: { construction: ['src/reductions/uniform/lookupTable.ts', 'src/core/logspace/machine.ts'], proof: 'src/proofs/uniform/lookupTableUniform.ts' },
  title: 'The lookup-table circuit is printed in logarithmic space',
  statement:
    'For f: {0,1}^(c·log₂ n) → {0,1}^m, a machine with c·log₂ n + log₂ m + O(1) bits of work space prints the circuit of Lemma 1 for f (with all 2^k terms; c·log₂ n + ⌈log₂ m⌉ + 10 bits here); the circuit of lookup-table, which drops the terms where f is 0^m, is printed gate for gate in at most 2c·log₂ n + 2⌈log₂ m⌉ + 13 bits.',
  reference: 'P1 Lemma 2',
  dependsOn: ['lookup-table'],
  claimed: lookupTableUniformClaims,
  tiers: ['exhaustive'],
  verify: (ctx) => verifyLookupTableUniform(ctx),
};
