/**
 * # Embedding a circuit into a builder
 *
 * Copy an existing {@link Circuit} (a family member such as `floatIteratedSum(k, p)`) into a
 * {@link CircuitBuilder}, its inputs wired to given gates, and get the gates of its outputs.
 *
 * ## Main definitions
 * - {@link embedCircuit}: the copy.
 *
 * ## Main results
 * The copied outputs compute, on every input of the host, the circuit's function of the
 * wires given for its inputs: the copy is gate for gate (input j of the circuit becomes
 * `inputs[j]`, const gates become the builder's constants, every other gate the same kind,
 * threshold and weights on the mapped arguments). With a folding builder the copy is folded
 * on the way, so at most `numGates − numInputs` gates are added and the depth added is at most
 * the circuit's depth.
 *
 * ## Implementation notes
 * One pass in id order (the circuit is topological), O(gates + wires).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §3 (composition of circuit families).
 *
 * @module
 */
import { GateKind, type Circuit, type CircuitBuilder } from '../../core/circuit.js';

/**
 * Copy `c` into `b` with input bit j of `c` read from gate `inputs[j]`; returns the gates of
 * `c`'s outputs, in order. Throws a `RangeError` if `inputs` does not have `c.numInputs` ids.
 * @example
 * ```ts
 * const sum = floatIteratedSum(2, 8).circuit;
 * const out = embedCircuit(b, sum, [...xBits, ...yBits]); // 8 gate ids: x ⊕ y
 * ```
 * @category constructors
 */
export const embedCircuit = (b: CircuitBuilder, c: Circuit, inputs: readonly number[]): number[] => {
  if (inputs.length !== c.numInputs) {
    throw new RangeError(`embedCircuit: the circuit has ${c.numInputs} inputs, got ${inputs.length} wires`);
  }
  const map = new Int32Array(c.numGates);
  const { kind, param, faninStart, fanin, weight } = c;
  const args: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < c.numGates; i++) {
    const s = faninStart[i]!;
    const e = faninStart[i + 1]!;
    args.length = 0;
    for (let w = s; w < e; w++) args.push(map[fanin[w]!]!);
    switch (kind[i]) {
      case GateKind.Input:
        map[i] = inputs[param[i]!]!;
        break;
      case GateKind.Const:
        map[i] = b.constant(param[i] === 1 ? 1 : 0);
        break;
      case GateKind.Not:
        map[i] = b.not(args[0]!);
        break;
      case GateKind.And:
        map[i] = b.and(args);
        break;
      case GateKind.Or:
        map[i] = b.or(args);
        break;
      default: {
        let weights: number[] | undefined;
        if (weight !== null) {
          ws.length = 0;
          for (let w = s; w < e; w++) ws.push(weight[w]!);
          weights = ws;
        }
        map[i] = kind[i] === GateKind.Ge ? b.ge(args, param[i]!, weights) : b.le(args, param[i]!, weights);
      }
    }
  }
  return Array.from(c.outputs, (o) => map[o]!);
};
