/**
 * # Lemma `iterated-addition`
 *
 * ## Main results
 * The sum of n numbers of w bits (w + ⌈log₂ n⌉ bits) by a threshold circuit of depth 8,
 * independent of n and w, and size polynomial in n·w (column counts, block sums, then one
 * carry-lookahead addition).
 *
 * ## Implementation notes
 * Export contract: `tradeoff export iterated-addition --n K --w W`: K unsigned numbers, number
 * i on inputs i·W … i·W + W − 1, LSB first; the last W + ⌈log₂ K⌉ gates are the sum, LSB first.
 *
 * ## References
 * Chandra, Stockmeyer, Vishkin, SIAM J. Comput. 13 (1984); Hajnal et al., JCSS 46 (1993); the
 * integer core of P1 Lemma 5. Construction in `src/reductions/arithmetic/iteratedAddition.ts`.
 *
 * @module
 */
import { iteratedAddition, iteratedAdditionBounds, iteratedAdditionFormula } from '../../reductions/arithmetic/iteratedAddition.js';
import { ceilLog2 } from '../../reductions/arithmetic/arithmeticCircuit.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';

const n = (p: Readonly<Record<string, number>>): number => p['n'] ?? 1;
const w = (p: Readonly<Record<string, number>>): number => p['w'] ?? 1;

/** The family, its spec and its claims. @category families */
export const iteratedAdditionFamily: ArithmeticFamily = {
  id: 'iterated-addition',
  title: 'Iterated addition in constant depth',
  statement: `The sum of n w-bit numbers by a threshold circuit of depth ${iteratedAdditionFormula.depth} (independent of n and w) and size ≤ ${iteratedAdditionFormula.size} (${iteratedAdditionFormula.where}).`,
  reference: 'P1 Lemma 5 (integer core); Chandra–Stockmeyer–Vishkin 1984',
  dependsOn: ['bit-count', 'integer-addition'],
  build: (p) => iteratedAddition(n(p), w(p)).circuit,
  spec: (p) => (bits) => {
    let s = 0n;
    for (let i = 0; i < n(p); i++) s += bitsToBigInt(bits, i * w(p), w(p));
    return bigIntToBits(s, w(p) + ceilLog2(n(p)));
  },
  claimed: [
    { metric: 'depth', formula: iteratedAdditionFormula.depth, at: (p) => iteratedAdditionBounds(n(p), w(p)).depth },
    { metric: 'size', formula: iteratedAdditionFormula.size, at: (p) => iteratedAdditionBounds(n(p), w(p)).size },
  ],
  exhaustive: [
    { n: 1, w: 4 },
    { n: 2, w: 4 },
    { n: 3, w: 4 },
    { n: 4, w: 3 },
    { n: 5, w: 2 },
    { n: 7, w: 2 },
  ],
  property: [
    { n: 16, w: 16 },
    { n: 64, w: 8 },
    { n: 100, w: 5 },
    { n: 256, w: 4 },
  ],
  sweep: {
    default: [4, 16, 64, 256, 1024].map((x) => ({ n: x, w: 8 })),
    full: [4, 16, 64, 256, 1024, 4096].map((x) => ({ n: x, w: 8 })),
  },
  sweepKey: 'n',
  exportOptions: [
    { name: 'n', description: 'how many numbers (K)' },
    { name: 'w', description: 'bits per number (W)' },
  ],
  exportCheck: (p) => (n(p) * w(p) > 1 << 16 ? 'n·w must be ≤ 65536' : null),
};

/** The lemma. @category lemmas */
export const iteratedAdditionLemma = arithmeticLemma(iteratedAdditionFamily);
