/**
 * # Theorem `parallelism-tradeoff` (P1 §2, Theorem 2 with Corollary 2.1): conditional, cited
 *
 * "If L ≠ P, no log-precision transformer decides linear equalities or membership in a
 * context-free grammar with ε-productions." The argument chains four steps; this value states
 * the theorem with its assumption explicit and says which steps the library checks and which it
 * cites. `tradeoff check` reports it as **cited** (never ✓), with the verdict of every checked
 * dependency beside it.
 *
 * ## The argument, step by step
 * 1. A c·log n-precision transformer is simulated by a constant-depth, polynomial-size threshold
 *    circuit family — **checked**: `transformer-to-tc0` (both routes, every input of the
 *    lengths it compiles).
 * 2. That family is logspace-uniform (P1 Theorem 2) — **checked** for models whose functions
 *    φ, s, f are given as metered (log-space) programs: `transformer-to-tc0-uniform` prints the
 *    paper route's circuit record for record in measured O(log n) work space (the product
 *    family of `src/reductions/uniform/transformerToTc0.ts`; P1's hypothesis that the model's
 *    functions are log-space computable is what the metered programs supply), with the printers
 *    of its building blocks (`lookup-table-uniform`: P1 Lemma 2; `iterated-addition-uniform`).
 *    A concrete softmax transformer needs its exp/⊕-based φ, s, f as metered programs too: that
 *    is not checked here.
 * 3. A logspace-uniform constant-depth circuit family is evaluated in logarithmic space
 *    (uniform TC0 ⊆ L) — **checked** on the library's uniform families: `uniform-tc0-in-l`
 *    (an evaluator that never stores the circuit, its space measured), end to end on compiled
 *    transformers without attention (with attention the depth-first evaluation is far too slow
 *    to run, not too large).
 * 4. The circuit value problem reduces in logarithmic space to linear equalities and to ε-CFG
 *    membership, so both are P-complete (CVP is P-complete: Ladner 1975) — **checked**:
 *    `cvp-to-linear-equalities`, `cvp-to-cfg-membership` (the reductions metered, the answers
 *    against exact solvers).
 * Hence, if a log-precision transformer decided either problem, it would be in L, and by (4)
 * P ⊆ L, i.e. L = P. The final implication is logic on cited complexity theory: that L is
 * closed under logspace reductions and that a P-complete problem in L gives L = P.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, §2, Theorem 2, Cor 2.1.
 * - R. Ladner, *The circuit value problem is log space complete for P*, SIGACT News 7(1), 1975.
 * - N. Jones, W. Laaser, *Complete problems for deterministic polynomial time*, TCS 3, 1976.
 * - R. Greenlaw, H. J. Hoover, W. L. Ruzzo, *Limits to Parallel Computation*, OUP 1995, App. A.
 *
 * @module
 */
import type { Lemma, LemmaReport } from './lemma.js';

const citedWithSteps = async (): Promise<LemmaReport> => {
  await Promise.resolve();
  return {
    verdict: 'cited',
    problems: [],
    tiers: [],
    measurements: [],
    notes: [
      'checked: steps 1 (transformer-to-tc0), 2 (transformer-to-tc0-uniform, for models whose φ, s, f are metered programs), 3 (uniform-tc0-in-l) and 4 (cvp-to-linear-equalities, cvp-to-cfg-membership) — see their verdicts below',
      'cited: the assumption L ≠ P, and the closure facts of the final implication (L is closed under logspace reductions; a P-complete problem in L gives L = P)',
    ],
  };
};

/** The theorem, conditional on L ≠ P. @category lemmas */
export const parallelismTradeoffTheorem: Lemma = {
  id: 'parallelism-tradeoff',
  modules: { construction: [], proof: 'src/proofs/parallelismTradeoff.ts' },
  title: 'If L ≠ P, log-precision transformers cannot decide linear equalities or ε-CFG membership',
  statement:
    'Assuming L ≠ P: no transformer with O(log n) precision decides linear equalities (x ≥ 0, Ax = b) or membership in a context-free grammar with ε-productions. Steps checked by the library: transformers → TC0 circuits, their logspace uniformity (P1 Thm 2, for models whose functions are metered programs), uniform TC0 ⊆ L, and the logspace reductions from CVP; cited: the assumption and the closure of L under logspace reductions.',
  reference: 'P1 §2, Theorem 2, Corollary 2.1',
  dependsOn: ['transformer-to-tc0', 'transformer-to-tc0-uniform', 'lookup-table-uniform', 'iterated-addition-uniform', 'uniform-tc0-in-l', 'cvp-to-linear-equalities', 'cvp-to-cfg-membership'],
  claimed: [],
  tiers: [],
  cited: {
    source: 'P1 §2 and Theorem 2 (uniformity), with Ladner 1975 and Jones & Laaser 1976 (P-completeness)',
    assumptions: ['L ≠ P', 'the model’s functions φ, s, f are log-space computable (P1’s hypothesis; checked here only for models given with metered programs)'],
    why: 'it is conditional on L ≠ P, an open problem; its other steps are checked as the dependencies listed',
  },
  verify: citedWithSteps,
};
