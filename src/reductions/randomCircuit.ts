/**
 * # Random circuits
 *
 * fast-check arbitraries of valid circuits, built with the kernel builder: for property tests
 * of the interchange formats and of anything that takes a circuit.
 *
 * ## Main definitions
 * - {@link arbitraryCircuit}: a random valid circuit, optionally in P1 prefix form and/or
 *   restricted to what the P1 §3 serialization can print.
 *
 * @module
 */
import fc from 'fast-check';
import { createBuilder, type Circuit } from '../core/circuit.js';

/** Options of {@link arbitraryCircuit}. @category model */
export interface CircuitArbOptions {
  /** All input gates first (P1 prefix form). */
  readonly prefix: boolean;
  /** Only what P1 §3 can print: no const, no weights, thresholds with m ≥ 1, outputs trailing. */
  readonly printable: boolean;
  readonly maxInputs?: number;
  readonly maxGates?: number;
}

type Op = {
  readonly kind: 'input' | 'const' | 'not' | 'and' | 'or' | 'ge' | 'le';
  readonly picks: readonly number[];
  readonly k: number;
  readonly weighted: boolean;
  readonly weights: readonly number[];
};

const opArb = (kinds: readonly Op['kind'][]): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    picks: fc.array(fc.nat(), { maxLength: 5 }),
    k: fc.integer({ min: -2, max: 7 }),
    weighted: fc.boolean(),
    weights: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 5, maxLength: 5 }),
  });

/** A random valid circuit (shrinks towards fewer gates and smaller arguments). @category arbitraries */
export const arbitraryCircuit = (o: CircuitArbOptions): fc.Arbitrary<Circuit> => {
  const kinds: Op['kind'][] = ['not', 'and', 'or', 'ge', 'le'];
  if (!o.prefix) kinds.push('input');
  if (!o.printable) kinds.push('const');
  return fc
    .tuple(
      fc.integer({ min: o.prefix ? 1 : 0, max: o.maxInputs ?? 5 }),
      fc.array(opArb(kinds), { minLength: 1, maxLength: o.maxGates ?? 25 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    )
    .map(([numInputs, ops, outPicks]) => {
      const b = createBuilder();
      b.inputs(o.prefix ? numInputs : 0);
      for (const op of ops) {
        const n = b.size();
        const args = n === 0 ? [] : op.picks.map((p) => p % n);
        switch (op.kind) {
          case 'input':
            b.input();
            break;
          case 'const':
            b.constant(op.k & 1 ? 1 : 0);
            break;
          case 'not':
            if (n === 0) b.input();
            else b.not(args[0] ?? n - 1);
            break;
          case 'and':
            b.and(args);
            break;
          case 'or':
            b.or(args);
            break;
          case 'ge':
          case 'le': {
            if (o.printable && args.length === 0) {
              // P1 §3 cannot print a threshold with no arguments
              if (n === 0) b.input();
              else if (op.kind === 'ge') b.ge([n - 1], 1);
              else b.le([n - 1], 0);
              break;
            }
            const weights = !o.printable && op.weighted ? op.weights.slice(0, args.length) : undefined;
            const m = args.length;
            const bound = weights === undefined ? 0 : weights.reduce((a, w) => a + Math.abs(w), 1);
            const k = o.printable
              ? ((op.k % (m + 1)) + m + 1) % (m + 1)
              : weights === undefined
                ? Math.min(Math.max(op.k, 0), m)
                : Math.min(Math.max(op.k, -bound), bound);
            if (op.kind === 'ge') b.ge(args, k, weights);
            else b.le(args, k, weights);
          }
        }
      }
      const n = b.size();
      if (o.printable) {
        const k = Math.min(outPicks.length, n);
        return b.build(Array.from({ length: k }, (_, j) => n - k + j));
      }
      return b.build(outPicks.map((p) => p % n));
    });
};

