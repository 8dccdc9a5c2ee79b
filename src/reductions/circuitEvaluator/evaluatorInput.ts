/**
 * # Inputs of the circuit-evaluator transformer, and random circuits of bounded depth
 *
 * ## Main definitions
 * - {@link evaluatorSymbols}: a circuit (prefix form, one output) ↦ its P1 §3 serialization,
 *   one symbol per position (`&11` is `&`, `1`, `1`; `1100` is `1`, `1`, `0`, `0`).
 * - {@link evaluatorTokens}: circuit and input bits ↦ the token indices the evaluator reads
 *   (input bits as `F` / `T`), or why not.
 * - {@link arbBoundedDepthCircuit}: random prefix-form circuits of depth ≤ d over
 *   `NOT AND OR <= >=`, with caps on gates, fan-in and inputs (shrinks towards fewer gates).
 *
 * @module
 */
import fc from 'fast-check';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { createBuilder, type Circuit } from '../../core/circuit.js';
import { isPrefixForm, printSerial } from '../../core/serialize.js';
import { EVALUATOR_ALPHABET } from './evaluatorTransformer.js';

/**
 * The serialization of a prefix-form, one-output circuit, one symbol per position.
 * @category constructors
 */
export const evaluatorSymbols = (circuit: Circuit): Either<string, string[]> => {
  if (circuit.outputs.length !== 1) return left(`the evaluator reads circuits with one output, this one has ${circuit.outputs.length}`);
  if (!isPrefixForm(circuit)) return left('the evaluator reads circuits in prefix form (every X before every other gate)');
  const text = printSerial(circuit);
  if (text._tag === 'Left') return left(text.left.message);
  const out: string[] = [];
  for (const word of text.right.split(/\s+/).filter((w) => w !== '')) {
    if (word.startsWith('&') || /^[01]+$/.test(word)) out.push(...word);
    else out.push(word);
  }
  return right(out);
};

/**
 * The evaluator's tokens for a circuit and an input (one bit per input gate).
 * @category constructors
 */
export const evaluatorTokens = (circuit: Circuit, bits: readonly number[]): Either<string, number[]> => {
  if (bits.length !== circuit.numInputs) return left(`the circuit has ${circuit.numInputs} inputs, got ${bits.length} bits`);
  if (bits.some((b) => b !== 0 && b !== 1)) return left('input bits must be 0 or 1');
  const symbols = evaluatorSymbols(circuit);
  if (symbols._tag === 'Left') return symbols;
  const all = [...symbols.right, ...bits.map((b) => (b === 1 ? 'T' : 'F'))];
  return right(all.map((s) => EVALUATOR_ALPHABET.indexOf(s)));
};

/** Options of {@link arbBoundedDepthCircuit}. @category model */
export interface BoundedDepthOptions {
  /** Depth bound d ≥ 1 (the output is at level ≤ d). */
  readonly depth: number;
  /** Non-input gates, at most (default 8). */
  readonly maxGates?: number;
  /** Fan-in, at most (default 4). */
  readonly maxFanIn?: number;
  /** Inputs: 1 … maxInputs (default 4). */
  readonly maxInputs?: number;
  /** Gate kinds to draw (default all five; thresholds twice as often). */
  readonly kinds?: readonly ('not' | 'and' | 'or' | 'ge' | 'le')[];
}

/**
 * Random prefix-form circuits of depth ≤ d: gate t sits at a level 1 … d and reads gates of
 * lower levels (inputs are level 0); gates are built in level order, and the output is the last
 * gate built (it reads at least one gate of the level below it, or an input).
 * @category arbitraries
 */
export const arbBoundedDepthCircuit = (o: BoundedDepthOptions): fc.Arbitrary<Circuit> => {
  const maxGates = o.maxGates ?? 8;
  const maxFanIn = o.maxFanIn ?? 4;
  const kinds = o.kinds ?? ['ge', 'le', 'ge', 'le', 'and', 'or', 'not'];
  const gate = fc.record({
    level: fc.integer({ min: 1, max: o.depth }),
    kind: fc.constantFrom(...kinds),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: maxFanIn }),
    k: fc.nat(),
  });
  return fc
    .record({ inputs: fc.integer({ min: 1, max: o.maxInputs ?? 4 }), gates: fc.array(gate, { minLength: 1, maxLength: maxGates }) })
    .map(({ inputs, gates }) => {
      const b = createBuilder();
      const byLevel: number[][] = [b.inputs(inputs)];
      const sorted = [...gates].sort((x, y) => x.level - y.level);
      let last = -1;
      for (const g of sorted) {
        const below = byLevel.slice(0, g.level).flat();
        const args = g.kind === 'not' ? [below[g.picks[0]! % below.length]!] : g.picks.map((p) => below[p % below.length]!);
        const m = args.length;
        const id =
          g.kind === 'not'
            ? b.not(args[0]!)
            : g.kind === 'and'
              ? b.and(args)
              : g.kind === 'or'
                ? b.or(args)
                : g.kind === 'ge'
                  ? b.ge(args, g.k % (m + 1))
                  : b.le(args, g.k % (m + 1));
        (byLevel[g.level] ??= []).push(id);
        for (let l = 1; l < g.level; l++) byLevel[l] ??= [];
        last = id;
      }
      return b.build([last]);
    });
};
