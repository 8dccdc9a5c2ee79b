/**
 * # Claims of the arithmetic families: shared vocabulary
 *
 * The claimed bounds of the lemmas in `src/proofs/arithmetic` are formulas of the parameters,
 * written here in `src/proofs` and never read off a construction (the one documented exception
 * is `float-iterated-sum`'s size, see there). This module holds what those formulas share.
 *
 * ## Main definitions
 * - {@link CircuitBounds}: a family's four claimed figures at one parameter point (depth and
 *   size in the kernel's basis, and in P1's).
 * - {@link BoundsFormula}: the same claims as text.
 * - {@link p1SizeBound}: the derived bound size·P1 ≤ 2·S + I.
 * - {@link familyClaims}: the four {@link ClaimedBound}s of a family, from its formulas.
 * - {@link ceilLog2}, {@link bitLength}: the integer logarithms the formulas are written in
 *   (computed here, independently of the constructions' own helpers).
 * - {@link exactWidth}: a specification's guard that it reads exactly its declared input bits.
 *
 * ## Main results
 * **size·P1 ≤ 2·S + I.** The figures in P1's basis are those of `expandWeights(c)`
 * (`src/reductions/expandWeights.ts`, measured by `src/core/metrics.ts`): weights become
 * repeated wires, const gates become AND() / OR(), and every negative weight on an argument g
 * is served by one complement of g, shared by all the gates that negate g: a NOT gate if g is
 * an input, g's dual threshold on g's own arguments otherwise (none for a NOT gate g). So the
 * P1 size is the size plus at most the number of distinct negated arguments, each an input or
 * a gate of the circuit: size·P1 ≤ size + (I + size) ≤ 2·S + I when size ≤ S, with I the
 * number of inputs. The bound therefore holds for every circuit that meets its size claim.
 * **depth·P1 ≤ depth + 1** likewise holds for every circuit (a complement has its gate's
 * depth, an input's complement depth 1); the claimed P1 depth of each construction is the
 * measured constant (each family's module says where), which is the depth itself when no
 * negated input lies on a longest path.
 *
 * @module
 */
import type { ClaimSource, ClaimedBound, Params } from '../lemma.js';

/** A family's claimed figures at one parameter point. @category model */
export interface CircuitBounds {
  /** Depth in the kernel's basis (`metrics.ts`: every gate on a path counts). */
  readonly depth: number;
  /** Size in the kernel's basis (every non-input gate). */
  readonly size: number;
  /** Depth of the circuit in P1's basis (`expandWeights`). */
  readonly depthP1: number;
  /** Size of the circuit in P1's basis: {@link p1SizeBound}(size, inputs) unless stated otherwise. */
  readonly sizeP1: number;
}

/** The claims as text, naming the family's parameters. @category model */
export interface BoundsFormula {
  readonly depth: string;
  readonly size: string;
  readonly depthP1: string;
  readonly sizeP1: string;
  /** Definitions of the symbols the formulas use (e.g. `λ = ⌈log₂ n⌉`). */
  readonly where: string;
}

/**
 * size·P1 ≤ 2·S + I for a circuit of size ≤ S with I inputs (module notes).
 * @category claims
 */
export const p1SizeBound = (size: number, inputs: number): number => 2 * size + inputs;

/** The text of {@link p1SizeBound} for a size formula and an input count, both as text. @category claims */
export const p1SizeFormula = (size: string, inputs: string): string =>
  `2·(${size}) + ${inputs} (= 2S + I with S the size claim and I = ${inputs} inputs: each complement made by the translation to P1's basis negates a distinct input or gate)`;

/**
 * ⌈log₂ n⌉ for an integer n ≥ 1 (0 for n = 1); NaN otherwise (a claim at a bad point is then
 * not finite, and the kernel's measurement of it fails).
 * @category claims
 */
export const ceilLog2 = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 1) return Number.NaN;
  let k = 0;
  while (2 ** k < n) k++;
  return k;
};

/**
 * ⌈log₂(n + 1)⌉ = ⌊log₂ n⌋ + 1, the number of binary digits of an integer n ≥ 0 (0 for n = 0);
 * NaN otherwise.
 * @category claims
 */
export const bitLength = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 0) return Number.NaN;
  let k = 0;
  while (2 ** k <= n) k++;
  return k;
};

/** A parameter of a point, NaN when it is missing (so a claim at it is not finite). @category claims */
export const param = (p: Params, name: string): number => p[name] ?? Number.NaN;

/**
 * The guard of a specification over exactly `n` input bits: it throws when handed another
 * number (the kernel's checkers never do: they hand a spec exactly the statement's width), so
 * that no spec reads a missing bit as 0.
 * @category claims
 */
export const exactWidth = (who: string, n: number, bits: ArrayLike<number>): void => {
  if (bits.length !== n) throw new RangeError(`${who}: the specification reads exactly ${n} input bits, got ${bits.length}`);
};

/**
 * The four claims of a family (metrics `depth`, `size`, `depth·P1`, `size·P1`, each followed
 * by `suffix`, e.g. `·lookup`), from its bounds as a function of the parameters and its formulas.
 * @category claims
 */
export const familyClaims = (
  bounds: (p: Params) => CircuitBounds,
  f: BoundsFormula,
  sources: { readonly depth: ClaimSource; readonly size: ClaimSource; readonly depthP1: ClaimSource; readonly sizeP1: ClaimSource },
  suffix = '',
  ref?: string,
): ClaimedBound[] => {
  const where = f.where === '' ? '' : ` (${f.where})`;
  const cited = (source: ClaimSource) => ({ source, ...(source === 'paper' && ref !== undefined ? { ref } : {}) });
  return [
    { metric: `depth${suffix}`, figure: 'depth', formula: f.depth, at: (p) => bounds(p).depth, ...cited(sources.depth) },
    { metric: `size${suffix}`, figure: 'size', formula: `${f.size}${where}`, at: (p) => bounds(p).size, ...cited(sources.size) },
    { metric: `depth·P1${suffix}`, figure: 'depthP1', formula: f.depthP1, at: (p) => bounds(p).depthP1, ...cited(sources.depthP1) },
    { metric: `size·P1${suffix}`, figure: 'sizeP1', formula: f.sizeP1, at: (p) => bounds(p).sizeP1, ...cited(sources.sizeP1) },
  ];
};

/** All four claims stated by the construction (P1 states only constant depth and polynomial size). @category claims */
export const BY_CONSTRUCTION = { depth: 'construction', size: 'construction', depthP1: 'construction', sizeP1: 'construction' } as const;
