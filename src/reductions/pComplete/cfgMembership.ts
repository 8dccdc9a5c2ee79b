/**
 * # CVP → universal context-free recognition with ε-productions
 *
 * The target problem (Jones & Laaser 1976; P1 §2): given a context-free grammar G, which may
 * have ε-productions, and a word w, is w ∈ L(G)? With ε-productions it is P-complete; without
 * them it is in LOGCFL ⊆ NC² (Ruzzo 1980) — the ε-productions are what the reduction uses.
 *
 * ## Main definitions
 * - {@link Grammar}, {@link GSym}: a grammar (nonterminals and terminals numbered from 0,
 *   productions in order) and {@link CfgInstance} = (G, w).
 * - {@link cvpToCfgMembership}: the reduction (the specification the metered program's output
 *   is compared with, `src/reductions/pComplete/metered.ts`).
 * - {@link formatProduction}: a production in words, for counterexamples.
 *
 * ## The reduction
 * Two nonterminals per gate g: T_g = 2g ("g is 1") and F_g = 2g + 1 ("g is 0"); no terminal;
 * w = ε; start symbol T_out. Productions, gate by gate:
 * - input j / const with value v: T_g → ε if v = 1, F_g → ε if v = 0;
 * - NOT a: T_g → F_a and F_g → T_a;
 * - AND(a_1 … a_k): T_g → T_(a_1) ⋯ T_(a_k) (T_g → ε when k = 0) and F_g → F_(a_i) for each i;
 * - OR(a_1 … a_k): T_g → T_(a_i) for each i and F_g → F_(a_1) ⋯ F_(a_k).
 * No nonterminal derives a terminal, so L(G) ⊆ {ε}, and by induction over the topological
 * order T_g ⇒* ε iff value(g) = 1 and F_g ⇒* ε iff value(g) = 0 (the two rails make NOT
 * monotone, by De Morgan). So ε ∈ L(G) iff the output is 1. Size: at most 2 + 2·fan-in
 * symbols per gate.
 *
 * ## Implementation notes
 * This is the construction behind the P-completeness of the problem: nullability of a
 * nonterminal is monotone CVP in disguise (AND = concatenation, OR = alternatives, 1 = an
 * ε-production). Jones & Laaser's paper could not be retrieved while writing this module; the
 * construction is the standard one and is checked here, not copied from their text.
 *
 * ## References
 * - N. D. Jones, W. T. Laaser, "Complete problems for deterministic polynomial time",
 *   Theoretical Computer Science 3(1), 1976.
 * - W. L. Ruzzo, "Tree-size bounded alternation", JCSS 21(2), 1980 (CFL recognition in NC²).
 * - P1 §2.
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import { cvpOutput, type CvpInstance } from './cvp.js';

/** A grammar symbol: a nonterminal or a terminal, each numbered from 0. @category model */
export type GSym = { readonly nt: number } | { readonly t: number };

/** A production lhs → rhs (rhs empty: an ε-production). @category model */
export interface Production {
  readonly lhs: number;
  readonly rhs: readonly GSym[];
}

/** A context-free grammar. @category model */
export interface Grammar {
  readonly numNonterminals: number;
  readonly numTerminals: number;
  readonly start: number;
  readonly productions: readonly Production[];
}

/** An instance of universal CFG recognition: is `word` (terminal numbers) in L(grammar)? @category model */
export interface CfgInstance {
  readonly grammar: Grammar;
  readonly word: readonly number[];
}

/** Nonterminal T_g ("gate g is 1"). @category constructors */
export const trueNt = (g: number): number => 2 * g;
/** Nonterminal F_g ("gate g is 0"). @category constructors */
export const falseNt = (g: number): number => 2 * g + 1;

/**
 * The reduction CVP → CFG membership described in the module notes (the instance must be
 * valid, `validateCvp`).
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const inst = cvpToCfgMembership({ circuit: b.build([b.and([x!, y!])]), input: [1, 0] });
 * // T0 → ε, F1 → ε, T2 → T0 T1, F2 → F0, F2 → F1; start T2; word ε (not derivable: 1 ∧ 0 = 0)
 * ```
 * @category constructors
 */
export const cvpToCfgMembership = (x: CvpInstance): CfgInstance => {
  const c = x.circuit;
  const productions: Production[] = [];
  const T = (g: number): GSym => ({ nt: trueNt(g) });
  const F = (g: number): GSym => ({ nt: falseNt(g) });
  const value = (g: number, v: number): void => {
    productions.push({ lhs: v === 1 ? trueNt(g) : falseNt(g), rhs: [] });
  };
  for (let g = 0; g < c.numGates; g++) {
    const args: number[] = [];
    for (let w = c.faninStart[g]!; w < c.faninStart[g + 1]!; w++) args.push(c.fanin[w]!);
    switch (c.kind[g]) {
      case GateKind.Input:
        value(g, x.input[c.param[g]!]!);
        break;
      case GateKind.Const:
        value(g, c.param[g]!);
        break;
      case GateKind.Not:
        productions.push({ lhs: trueNt(g), rhs: [F(args[0]!)] }, { lhs: falseNt(g), rhs: [T(args[0]!)] });
        break;
      case GateKind.And:
        productions.push({ lhs: trueNt(g), rhs: args.map(T) });
        for (const a of args) productions.push({ lhs: falseNt(g), rhs: [F(a)] });
        break;
      case GateKind.Or:
        for (const a of args) productions.push({ lhs: trueNt(g), rhs: [T(a)] });
        productions.push({ lhs: falseNt(g), rhs: args.map(F) });
        break;
      default:
        throw new RangeError(`cvpToCfgMembership: gate ${g} is not in CVP's basis (validate the instance first)`);
    }
  }
  return { grammar: { numNonterminals: 2 * c.numGates, numTerminals: 0, start: trueNt(cvpOutput(x)), productions }, word: [] };
};

/** A nonterminal's name in the reduction's grammars: `T<g>` or `F<g>`. @category destructors */
export const cvpNtName = (a: number): string => `${a % 2 === 0 ? 'T' : 'F'}${a >> 1}`;

/** A production in words, e.g. `T4 → T1 T2` or `F0 → ε`; `name` names nonterminals (default `N<i>`). @category destructors */
export const formatProduction = (p: Production, name: (a: number) => string = (a) => `N${a}`): string =>
  `${name(p.lhs)} → ${p.rhs.length === 0 ? 'ε' : p.rhs.map((s) => ('nt' in s ? name(s.nt) : `'${s.t}'`)).join(' ')}`;
