/**
 * # Lemma `cvp-to-cfg-membership` (CVP ≤_log universal ε-CFG recognition)
 *
 * ## Main results
 * A log-space machine maps a circuit-value instance to a context-free grammar G with
 * ε-productions and the word ε, with ε ∈ L(G) iff the circuit's output is 1 (Jones & Laaser
 * 1976; the construction and its argument are in `src/reductions/pComplete/cfgMembership.ts`).
 * Here: a program of the kernel's space-metered machine prints G
 * (`src/reductions/pComplete/metered.ts`), record for record the plain reduction's, with at
 * most 2·log₂ n + 7 work bits (n = gates + wires), and an Earley recognizer (Aycock–Horspool
 * ε-handling) agrees with the circuit's value on every instance tried.
 *
 * ## Implementation notes
 * - The claims are the construction's: registers g < n and w < n + 1 and 4 control bits
 *   (12 `emit` statements): ⌈log₂ n⌉ + ⌈log₂(n + 1)⌉ + 4 ≤ 2·log₂ n + 7.
 * - The recognizer is untrusted code without a certificate; the tests check it against an
 *   independent fixpoint recognizer (`fixpointRecognize`) on random grammars and words.
 *
 * ## References
 * P1 §2; N. D. Jones, W. T. Laaser, "Complete problems for deterministic polynomial time",
 * TCS 3(1), 1976; Ladner 1975 (CVP).
 *
 * @module
 */
import { right } from 'fp-ts/lib/Either.js';
import { registerWidth, type Program, type StreamRecord } from '../../core/logspace/index.js';
import { cvpToCfgMembership, type CfgInstance } from '../../reductions/pComplete/cfgMembership.js';
import { earleyRecognize } from '../../reductions/pComplete/cfgRecognize.js';
import type { CvpInstance } from '../../reductions/pComplete/cvp.js';
import { cfgRecordsOf, cvpToCfgProgram, decodeCfg } from '../../reductions/pComplete/metered.js';
import type { ClaimedBound, Lemma, LemmaReport, Params, VerifyContext } from '../lemma.js';
import { verifyCvpReduction, type CvpReductionOptions } from './cvpReduction.js';

const num = (p: Params, key: string): number => p[key] ?? Number.NaN;

/** The claimed work space of the reduction, in bits, at n = gates + wires. @category claims */
export const cvpToCfgMembershipClaims: readonly ClaimedBound[] = [
  { metric: 'space', formula: 'a·log₂ n + b bits with a = 2, b = 7 (n = gates + wires of the CVP instance)', at: (p) => 2 * Math.log2(num(p, 'n')) + 7, source: 'construction' },
  {
    metric: 'space·registers',
    formula: '⌈log₂ n⌉ + ⌈log₂(n + 1)⌉ + 4 bits (the gate g, a wire w, 4 control bits)',
    at: (p) => registerWidth(num(p, 'n')) + registerWidth(num(p, 'n') + 1) + 4,
    source: 'construction',
  },
];

/** Injection points for honesty tests. @category model */
export interface CfgMembershipOptions extends CvpReductionOptions {
  readonly program?: Program;
  /** The plain reduction the printed stream must equal (default {@link cvpToCfgMembership}); `null`: semantics only. */
  readonly spec?: ((x: CvpInstance) => CfgInstance) | null;
  readonly recognize?: (inst: CfgInstance) => boolean;
  readonly claims?: readonly ClaimedBound[];
}

/**
 * Verify `cvp-to-cfg-membership`.
 * @category verifiers
 */
export const verifyCvpToCfgMembership = (ctx: VerifyContext, opts: CfgMembershipOptions = {}): Promise<LemmaReport> => {
  const spec = opts.spec === undefined ? cvpToCfgMembership : opts.spec;
  const recognize = opts.recognize ?? ((i: CfgInstance): boolean => earleyRecognize(i.grammar, i.word));
  return verifyCvpReduction<CfgInstance>(
    ctx,
    {
      target: 'CFG membership',
      program: opts.program ?? cvpToCfgProgram(),
      spec: spec === null ? null : (x): Iterator<StreamRecord> => cfgRecordsOf(spec(x)),
      decode: decodeCfg,
      decide: (i) => right(recognize(i) ? 1 : 0),
      claims: opts.claims ?? cvpToCfgMembershipClaims,
    },
    opts,
  );
};

/** The lemma as a value. @category lemmas */
export const cvpToCfgMembershipLemma: Lemma = {
  id: 'cvp-to-cfg-membership',
  modules: {
    construction: ['src/reductions/pComplete/cfgMembership.ts', 'src/reductions/pComplete/metered.ts', 'src/reductions/pComplete/cfgRecognize.ts'],
    proof: 'src/proofs/pComplete/cvpToCfgMembership.ts',
  },
  title: 'CVP reduces in logarithmic space to context-free recognition with ε-productions',
  statement:
    'A log-space machine maps a circuit-value instance (a circuit over input, const, NOT, AND, OR with one output, and its input bits) to a context-free grammar G with ε-productions such that the empty word is in L(G) iff the circuit outputs 1, so universal context-free recognition with ε-productions is P-hard. Here a metered program prints G, equal to the plain reduction production for production, in at most 2·log₂ n + 7 bits of work space (n = gates + wires), and an Earley recognizer agrees with the circuit on every instance tried.',
  reference: 'P1 §2; Jones & Laaser 1976',
  dependsOn: [],
  claimed: cvpToCfgMembershipClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyCvpToCfgMembership(ctx),
};
