/**
 * # Lemma `multiplication`
 *
 * ## Main results
 * The 2w-bit product of two w-bit numbers by iterated addition of the w partial products, in
 * depth 9 (one AND layer, then the iterated-addition engine).
 *
 * ## References
 * Vollmer 1999 ch. 1; used for float products (P1 Def 8). Construction in
 * `src/reductions/arithmetic/multiplication.ts`.
 *
 * @module
 */
import { multiplication, multiplicationBounds, multiplicationFormula } from '../../reductions/arithmetic/multiplication.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';

const w = (p: Readonly<Record<string, number>>): number => p['w'] ?? 1;

/** The family, its spec and its claims. @category families */
export const multiplicationFamily: ArithmeticFamily = {
  id: 'multiplication',
  title: 'Multiplication in constant depth',
  statement: `x · y for w-bit unsigned x, y (a 2w-bit product) by a threshold circuit of depth ${multiplicationFormula.depth} and size ≤ ${multiplicationFormula.size} (${multiplicationFormula.where}).`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: ['iterated-addition'],
  build: (p) => multiplication(w(p)).circuit,
  spec: (p) => (bits) => bigIntToBits(bitsToBigInt(bits, 0, w(p)) * bitsToBigInt(bits, w(p), w(p)), 2 * w(p)),
  claimed: [
    { metric: 'depth', formula: multiplicationFormula.depth, at: (p) => multiplicationBounds(w(p)).depth },
    { metric: 'size', formula: multiplicationFormula.size, at: (p) => multiplicationBounds(w(p)).size },
  ],
  exhaustive: [1, 2, 3, 4, 5, 6].map((x) => ({ w: x })),
  property: [{ w: 12 }, { w: 32 }, { w: 64 }],
  propertyRuns: { default: 100, full: 1000 },
  sweep: { default: [4, 16, 32, 64, 128].map((x) => ({ w: x })), full: [4, 16, 64, 128, 256].map((x) => ({ w: x })) },
  sweepKey: 'w',
  exportOptions: [{ name: 'w', description: 'operand width w' }],
  exportCheck: (p) => (w(p) > 256 ? '--w must be ≤ 256' : null),
};

/** The lemma. @category lemmas */
export const multiplicationLemma = arithmeticLemma(multiplicationFamily);
