/**
 * # The output of a compiled transformer (arithmetic route)
 *
 * The export contract of `types.ts`: for an `accept` model one output bit, [x_n[coordinate] > 0]
 * after the last layer; for a `state` model the p bits of every final state float,
 * position-major, then coordinate.
 *
 * ## Main definitions
 * - {@link outputGates}.
 *
 * ## Main results
 * For a normal float (canonical sign bit: zero has sign 0) m > 0 iff the mantissa sign σ is 0 and
 * some magnitude bit is 1, i.e. [Σ_j mm_j − (q − 1)·σ ≥ 1]: one threshold gate (depth 1). State
 * outputs are the wires themselves (depth 0).
 *
 * ## Implementation notes
 * Constant outputs become const gates.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Def 12 (acceptance).
 *
 * @module
 */
import type { OutputRule } from '../../core/transformer.js';
import { bitsOf, type CompileContext, type FloatVal } from './values.js';

/**
 * The output gates for the final states (one row per position).
 * @category stages
 */
export const outputGates = (ctx: CompileContext, rule: OutputRule, states: readonly (readonly FloatVal[])[]): number[] => {
  if (rule.kind === 'state') return states.flatMap((x) => x.flatMap((v) => [...bitsOf(ctx, v)]));
  const { b, params } = ctx;
  const q = params.q;
  const bits = bitsOf(ctx, states[states.length - 1]![rule.coordinate]!);
  const mm = bits.slice(0, q - 1);
  return [b.ge([...mm, bits[q - 1]!], 1, [...mm.map(() => 1), -(q - 1)])];
};
