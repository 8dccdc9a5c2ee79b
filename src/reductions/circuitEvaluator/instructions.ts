/**
 * # Circuits as instructions: concrete families, serialized for the evaluator
 *
 * The circuit families that P1 Corollaries 3.1 (instruction following) and 3.2 (advice
 * transformers) are checked on, each as a one-output, prefix-form circuit in P1's basis (the
 * evaluator's input), with an independent definition of the language it decides.
 *
 * ## Main definitions
 * - {@link asInstruction}: any kernel circuit and one of its outputs ↦ that output alone,
 *   weights expanded (`expandWeights`), dead gates dropped, in prefix form — or why not.
 * - {@link INSTRUCTION_FAMILIES}: MAJORITY_n, EXACT-k_n, the library's `comparison` (x < y) and
 *   `bit-count` (bit j of #1) circuits, each with its specification.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { createBuilder, type Circuit } from '../../core/circuit.js';
import { metrics } from '../../core/metrics.js';
import { isPrefixForm, withOutputsLast } from '../../core/serialize.js';
import { bitCount } from '../arithmetic/bitCount.js';
import { comparison } from '../arithmetic/comparison.js';
import { eliminateDeadGates } from '../compile/simplify.js';
import { expandWeights } from '../expandWeights.js';

/**
 * Output `output` of `c` alone, in P1's basis and prefix form.
 * @category constructors
 */
export const asInstruction = (c: Circuit, output = 0): Either<string, Circuit> => {
  const o = c.outputs[output];
  if (o === undefined) return left(`the circuit has ${c.outputs.length} outputs, no output ${output}`);
  const one: Circuit = { ...c, outputs: Uint32Array.of(o) };
  const expanded = expandWeights(one);
  if (expanded._tag === 'Left') return expanded;
  const pruned = withOutputsLast(eliminateDeadGates(expanded.right).circuit);
  return isPrefixForm(pruned) ? right(pruned) : left('the circuit is not in prefix form (an input gate after another gate)');
};

/** A family member: the circuit for n inputs and the language's own definition. @category model */
export interface InstructionFamily {
  readonly name: string;
  /** A short name for metrics (`advice·<slug>`). */
  readonly slug: string;
  /** The sizes n it is checked at by default and with `--full`. */
  readonly sizes: readonly number[];
  readonly fullSizes: readonly number[];
  readonly circuit: (n: number) => Either<string, Circuit>;
  /** The language, defined without the circuit. */
  readonly spec: (bits: readonly number[]) => boolean;
  /** A polynomial bound on the advice length (symbols) the corollary claims, as text and value. */
  readonly adviceBound: { readonly formula: string; readonly at: (n: number) => number };
}

const ones = (bits: readonly number[]): number => bits.filter((b) => b === 1).length;

const single = (n: number, gate: (b: ReturnType<typeof createBuilder>, xs: number[]) => number): Circuit => {
  const b = createBuilder();
  const xs = b.inputs(n);
  return b.build([gate(b, xs)]);
};

/** The families of the corollaries. @category model */
export const INSTRUCTION_FAMILIES: readonly InstructionFamily[] = [
  {
    name: 'MAJORITY',
    slug: 'majority',
    sizes: [1, 2, 3],
    fullSizes: [1, 2, 3, 4, 5],
    circuit: (n) => right(single(n, (b, xs) => b.ge(xs, Math.floor(n / 2) + 1))),
    spec: (bits) => 2 * ones(bits) > bits.length,
    adviceBound: { formula: '2n + 2 + n(n+1)/2', at: (n) => 2 * n + 2 + (n * (n + 1)) / 2 },
  },
  {
    name: 'EXACT-⌈n/2⌉',
    slug: 'exact',
    sizes: [1, 2],
    fullSizes: [1, 2, 3, 4],
    circuit: (n) => {
      const k = Math.ceil(n / 2);
      return right(single(n, (b, xs) => b.and([b.ge(xs, k), b.le(xs, k)])));
    },
    spec: (bits) => ones(bits) === Math.ceil(bits.length / 2),
    adviceBound: { formula: '4n + 8 + (n + 2)(n + 3)', at: (n) => 4 * n + 8 + (n + 2) * (n + 3) },
  },
  {
    name: 'comparison x < y (w = n/2)',
    slug: 'comparison',
    sizes: [2],
    fullSizes: [2, 4],
    circuit: (n) => (n % 2 === 0 ? asInstruction(comparison(n / 2).circuit, 0) : left('comparison needs an even number of inputs')),
    spec: (bits) => {
      const w = bits.length / 2;
      const val = (from: number): number => bits.slice(from, from + w).reduce((a, b, i) => a + b * 2 ** i, 0);
      return val(0) < val(w);
    },
    adviceBound: { formula: '(8n + 4)²', at: (n) => (8 * n + 4) ** 2 },
  },
  {
    name: 'bit-count, bit 0 (parity)',
    slug: 'parity',
    sizes: [2],
    fullSizes: [2, 3],
    circuit: (n) => asInstruction(bitCount(n).circuit, 0),
    spec: (bits) => ones(bits) % 2 === 1,
    adviceBound: { formula: '(4n + 4)²', at: (n) => (4 * n + 4) ** 2 },
  },
];

/** The depth of an instruction (the evaluator it needs). @category destructors */
export const instructionDepth = (c: Circuit): number => metrics(c).depth;
