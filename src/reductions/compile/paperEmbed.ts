/**
 * # Embedding a circuit into a builder (the paper route's wiring)
 *
 * P1's proof of Theorem 1 composes sub-circuits (Lemma 1 tables, the ⊕ circuit of Lemma 5)
 * by feeding the outputs of one into the inputs of the next. Here that is literal: the gates of
 * a finished {@link Circuit} are copied, in order, into a {@link CircuitBuilder}, its input gates
 * replaced by given wires of the builder.
 *
 * ## Main definitions
 * - {@link embedCircuit}: copy a circuit's gates onto given input wires; returns its output wires.
 *
 * ## Main results
 * For every assignment, the copied gates compute, on the wires given, exactly what the circuit
 * computes on its inputs (the copy is gate for gate: same kinds, parameters, arguments up to
 * the renaming, weights). The builder grows by the circuit's non-input gates (its size), and a
 * wire's depth in the builder is at most its depth in the circuit plus the deepest input wire.
 *
 * ## Implementation notes
 * - Input gates are not copied: the j-th input gate (param j) becomes `inputWires[j]`.
 * - Const gates are copied (they count in the size, P1 §3, as in the circuit itself).
 * - The copy is topological because the circuit is (every argument of gate i is < i).
 * - A sibling route in this folder may have a helper of the same name; this one is private to
 *   the paper route (not re-exported from `index.ts`).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, proof of Theorem 1.
 *
 * @module
 */
import { GateKind, type Circuit, type CircuitBuilder } from '../../core/circuit.js';

/**
 * Copy `circuit` into `builder`, its j-th input read from `inputWires[j]`; returns the wires of
 * its outputs, in order. Throws a `RangeError` if the number of wires is not `numInputs`.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const [o] = embedCircuit(b, lookupTableCircuit(xorTable), [x!, y!]);
 * ```
 * @category constructors
 */
export const embedCircuit = (builder: CircuitBuilder, circuit: Circuit, inputWires: readonly number[]): number[] => {
  if (inputWires.length !== circuit.numInputs) {
    throw new RangeError(`embedCircuit: the circuit has ${circuit.numInputs} inputs, ${inputWires.length} wires given`);
  }
  const wire = new Int32Array(circuit.numGates);
  for (let i = 0; i < circuit.numGates; i++) {
    const kind = circuit.kind[i]!;
    const s = circuit.faninStart[i]!;
    const e = circuit.faninStart[i + 1]!;
    const args: number[] = new Array<number>(e - s);
    for (let w = s; w < e; w++) args[w - s] = wire[circuit.fanin[w]!]!;
    switch (kind) {
      case GateKind.Input:
        wire[i] = inputWires[circuit.param[i]!]!;
        break;
      case GateKind.Const:
        wire[i] = builder.constant(circuit.param[i] === 1 ? 1 : 0);
        break;
      case GateKind.Not:
        wire[i] = builder.not(args[0]!);
        break;
      case GateKind.And:
        wire[i] = builder.and(args);
        break;
      case GateKind.Or:
        wire[i] = builder.or(args);
        break;
      default: {
        const weights = circuit.weight === null ? undefined : Array.from(circuit.weight.subarray(s, e) as Int32Array);
        const k = circuit.param[i]!;
        wire[i] = kind === GateKind.Ge ? builder.ge(args, k, weights) : builder.le(args, k, weights);
      }
    }
  }
  return Array.from(circuit.outputs as Uint32Array, (o) => wire[o]!);
};
