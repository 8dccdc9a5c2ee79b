/**
 * # Lemma `cvp-to-linear-equalities` (CVP ≤_log linear equalities)
 *
 * ## Main results
 * A log-space machine maps a circuit-value instance to an integer system A x = b that has a
 * rational solution x ≥ 0 iff the circuit's output is 1 — the P-complete form of linear
 * equalities (Greenlaw–Hoover–Ruzzo compendium; see `src/reductions/pComplete/linearEqualities.ts`
 * for the form and the argument). Here: a program of the kernel's space-metered machine
 * prints the system (`src/reductions/pComplete/metered.ts`), record for record the plain
 * reduction's, with at most 3·log₂ n + 11 work bits (n = gates + wires), and an exact
 * phase-I simplex solver whose answers carry checked certificates (a solution x ≥ 0, or a
 * Farkas vector) agrees with the circuit's value on every instance tried.
 *
 * ## Implementation notes
 * The claims are the construction's: registers g < n, w < n + 1, s < 3n + 1 and 5 control bits
 * (30 `emit` statements), so ⌈log₂ n⌉ + ⌈log₂(n + 1)⌉ + ⌈log₂(3n + 1)⌉ + 5 ≤ 3·log₂ n + 11.
 * The tiers and the sweep are those of `cvpReduction.ts`. Every injection point
 * ({@link LinearEqualitiesOptions}) exists for the honesty tests.
 *
 * ## References
 * P1 §2; R. Greenlaw, H. J. Hoover, W. L. Ruzzo, *Limits to Parallel Computation*, 1995,
 * Appendix A (Linear Equalities); Dobkin, Lipton & Reiss 1979; Ladner 1975 (CVP).
 *
 * @module
 */
import { registerWidth, type Program, type StreamRecord } from '../../core/logspace/index.js';
import type { CvpInstance } from '../../reductions/pComplete/cvp.js';
import { cvpToLinearEqualities, type LeInstance } from '../../reductions/pComplete/linearEqualities.js';
import { decideLe } from '../../reductions/pComplete/leSolver.js';
import { cvpToLinearEqualitiesProgram, decodeLe, leRecordsOf } from '../../reductions/pComplete/metered.js';
import type { ClaimedBound, Lemma, LemmaReport, Params, VerifyContext } from '../lemma.js';
import { verifyCvpReduction, type CvpReductionOptions } from './cvpReduction.js';

const num = (p: Params, key: string): number => p[key] ?? Number.NaN;

/** The claimed work space of the reduction, in bits, at n = gates + wires. @category claims */
export const cvpToLinearEqualitiesClaims: readonly ClaimedBound[] = [
  { metric: 'space', formula: 'a·log₂ n + b bits with a = 3, b = 11 (n = gates + wires of the CVP instance)', at: (p) => 3 * Math.log2(num(p, 'n')) + 11, source: 'construction' },
  {
    metric: 'space·registers',
    formula: '⌈log₂ n⌉ + ⌈log₂(n + 1)⌉ + ⌈log₂(3n + 1)⌉ + 5 bits (the gate g, a wire w, the next slack s, 5 control bits)',
    at: (p) => registerWidth(num(p, 'n')) + registerWidth(num(p, 'n') + 1) + registerWidth(3 * num(p, 'n') + 1) + 5,
    source: 'construction',
  },
];

/** Injection points for honesty tests. @category model */
export interface LinearEqualitiesOptions extends CvpReductionOptions {
  readonly program?: Program;
  /** The plain reduction the printed stream must equal (default {@link cvpToLinearEqualities}); `null`: semantics only. */
  readonly spec?: ((x: CvpInstance) => LeInstance) | null;
  readonly claims?: readonly ClaimedBound[];
}

/**
 * Verify `cvp-to-linear-equalities`.
 * @category verifiers
 */
export const verifyCvpToLinearEqualities = (ctx: VerifyContext, opts: LinearEqualitiesOptions = {}): Promise<LemmaReport> => {
  const spec = opts.spec === undefined ? cvpToLinearEqualities : opts.spec;
  return verifyCvpReduction<LeInstance>(
    ctx,
    {
      target: 'linear equalities',
      program: opts.program ?? cvpToLinearEqualitiesProgram(),
      spec: spec === null ? null : (x): Iterator<StreamRecord> => leRecordsOf(spec(x)),
      decode: decodeLe,
      decide: decideLe,
      claims: opts.claims ?? cvpToLinearEqualitiesClaims,
    },
    opts,
  );
};

/** The lemma as a value. @category lemmas */
export const cvpToLinearEqualitiesLemma: Lemma = {
  id: 'cvp-to-linear-equalities',
  modules: {
    construction: ['src/reductions/pComplete/linearEqualities.ts', 'src/reductions/pComplete/metered.ts', 'src/reductions/pComplete/leSolver.ts'],
    proof: 'src/proofs/pComplete/cvpToLinearEqualities.ts',
  },
  title: 'CVP reduces in logarithmic space to linear equalities (x ≥ 0)',
  statement:
    'A log-space machine maps a circuit-value instance (a circuit over input, const, NOT, AND, OR with one output, and its input bits) to an integer system A x = b that has a rational solution x ≥ 0 iff the circuit outputs 1 (linear equalities in the P-complete form of the Greenlaw–Hoover–Ruzzo compendium). Here a metered program prints the system, equal to the plain reduction row for row, in at most 3·log₂ n + 11 bits of work space (n = gates + wires), and an exact simplex solver with checked certificates agrees with the circuit on every instance tried.',
  reference: 'P1 §2; Greenlaw–Hoover–Ruzzo 1995, App. A (Linear Equalities)',
  dependsOn: [],
  claimed: cvpToLinearEqualitiesClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyCvpToLinearEqualities(ctx),
};
