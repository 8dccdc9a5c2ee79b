/**
 * # Writing a circuit in one of the CLI's output formats
 *
 * The one code path behind `tradeoff export` and `tradeoff compile --out`.
 *
 * ## Main definitions
 * - {@link renderCircuit}: a circuit as JSON (`parallelism-tradeoff/circuit`), as P1 §3
 *   serialization (weights and constants expanded first, outputs moved last) or as DOT.
 *
 * ## Implementation notes
 * P1 §3 has no weights and no constants: `serial` rewrites them with `expandWeights` (same
 * function, more wires) and then names the outputs as the last k gates (`withOutputsLast`).
 *
 * @module
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../core/circuit.js';
import { encodeCircuitJson } from '../core/codec.js';
import { printSerial, withOutputsLast } from '../core/serialize.js';
import { toDot } from '../core/dot.js';
import { expandWeights } from '../reductions/expandWeights.js';

/** The output formats. */
export type CircuitFormat = 'json' | 'serial' | 'dot';

/** The output formats, in the order the CLI lists them. */
export const CIRCUIT_FORMATS: readonly CircuitFormat[] = ['json', 'serial', 'dot'];

/** The text of a circuit in a format (with a trailing newline), or why it cannot be written. */
export const renderCircuit = (c: Circuit, format: CircuitFormat): Either<string, string> => {
  if (format === 'serial') {
    const expanded = expandWeights(c, { outputsLast: true });
    if (isLeft(expanded)) return expanded;
    const s = printSerial(withOutputsLast(expanded.right));
    if (isLeft(s)) return left(`cannot serialize: ${s.left.message}`);
    return right(`${s.right}\n`);
  }
  if (format === 'dot') return right(toDot(c));
  return right(`${JSON.stringify(encodeCircuitJson(c))}\n`);
};
