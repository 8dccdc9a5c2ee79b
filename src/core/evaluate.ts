/**
 * # Reference evaluator
 *
 * The obviously-correct evaluator: one assignment, one pass over the gates in id order, gate
 * values in a `Uint8Array`. Every faster evaluator is tested against this one.
 *
 * @module
 */
import { GateKind, type Circuit } from './circuit.js';

/** Input bits: element j is input bit j (0 or 1). @category model */
export type Bits = ArrayLike<number>;

/**
 * Evaluate every gate on one assignment and return all gate values (index = gate id).
 * `scratch`, if given, is reused (length ≥ numGates) so a loop over assignments allocates
 * nothing per gate. An input of the wrong length (not `numInputs` bits), or a scratch shorter
 * than numGates, is refused with a `RangeError` naming both lengths. The circuit itself is
 * trusted (see `validateCircuit`).
 * @category destructors
 */
export const evaluateGates = (c: Circuit, input: Bits, scratch?: Uint8Array): Uint8Array => {
  if (input.length !== c.numInputs) {
    throw new RangeError(`evaluate: circuit has ${c.numInputs} inputs, got ${input.length} bits`);
  }
  if (scratch !== undefined && scratch.length < c.numGates) {
    throw new RangeError(`evaluate: scratch has ${scratch.length} entries, need numGates = ${c.numGates}`);
  }
  const v = scratch ?? new Uint8Array(c.numGates);
  const { kind, param, faninStart, fanin, weight } = c;
  for (let i = 0; i < c.numGates; i++) {
    const s = faninStart[i]!;
    const e = faninStart[i + 1]!;
    switch (kind[i]) {
      case GateKind.Input:
        v[i] = input[param[i]!]! ? 1 : 0;
        break;
      case GateKind.Const:
        v[i] = param[i]! ? 1 : 0;
        break;
      case GateKind.Not:
        v[i] = v[fanin[s]!]! ? 0 : 1;
        break;
      case GateKind.And: {
        let r = 1;
        for (let w = s; w < e; w++) r &= v[fanin[w]!]!;
        v[i] = r;
        break;
      }
      case GateKind.Or: {
        let r = 0;
        for (let w = s; w < e; w++) r |= v[fanin[w]!]!;
        v[i] = r;
        break;
      }
      default: {
        let sum = 0;
        if (weight === null) for (let w = s; w < e; w++) sum += v[fanin[w]!]!;
        else for (let w = s; w < e; w++) sum += v[fanin[w]!]! * weight[w]!;
        v[i] = (kind[i] === GateKind.Ge ? sum >= param[i]! : sum <= param[i]!) ? 1 : 0;
      }
    }
  }
  return v;
};

/**
 * Evaluate a circuit on one assignment; returns the output bits in output order. Same checks
 * as {@link evaluateGates}.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * evaluate(b.build([b.and([x!, y!])]), [1, 1]); // Uint8Array [1]
 * ```
 * @category destructors
 */
export const evaluate = (c: Circuit, input: Bits, scratch?: Uint8Array): Uint8Array => {
  const v = evaluateGates(c, input, scratch);
  const out = new Uint8Array(c.outputs.length);
  for (let j = 0; j < out.length; j++) out[j] = v[c.outputs[j]!]!;
  return out;
};
