/**
 * # Circuit metrics
 *
 * Size, depth and the other figures every claimed bound is compared with.
 *
 * ## Conventions (../shared/DESIGN.md §3)
 * - **size**: every non-input gate, NOT and const gates included (P1 §3).
 * - **depth**: the longest path from an input to an output counting every gate on it; input
 *   and const gates have depth 0, any other gate 1 + the largest depth of its arguments (a
 *   gate with no arguments, e.g. AND(), has depth 1).
 * - **wires**: total fan-in; **maxFanIn**; **maxWeight**: largest |w| (1 when unweighted),
 *   and largest |k| of a threshold gate as **maxThreshold**.
 *
 * @module
 */
import { GateKind, type Circuit } from './circuit.js';

/** The measured figures of a circuit. @category model */
export interface CircuitMetrics {
  readonly inputs: number;
  readonly outputs: number;
  readonly size: number;
  readonly depth: number;
  readonly wires: number;
  readonly maxFanIn: number;
  readonly maxWeight: number;
  readonly maxThreshold: number;
  /** Gate counts by kind name (input, const, not, and, or, ge, le). */
  readonly gates: Readonly<Record<'input' | 'const' | 'not' | 'and' | 'or' | 'ge' | 'le', number>>;
}

/** Depth of every gate (input and const gates 0). @category destructors */
export const gateDepths = (c: Circuit): Uint32Array => {
  const d = new Uint32Array(c.numGates);
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i];
    if (k === GateKind.Input || k === GateKind.Const) continue;
    let m = 0;
    for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) {
      const di = d[c.fanin[w]!]!;
      if (di > m) m = di;
    }
    d[i] = m + 1;
  }
  return d;
};

/**
 * Measure a circuit.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x] = b.inputs(1);
 * metrics(b.build([b.not(x!)])).depth; // 1
 * ```
 * @category destructors
 */
export const metrics = (c: Circuit): CircuitMetrics => {
  const gates = { input: 0, const: 0, not: 0, and: 0, or: 0, ge: 0, le: 0 };
  const names = ['input', 'const', 'not', 'and', 'or', 'ge', 'le'] as const;
  let maxFanIn = 0;
  let maxThreshold = 0;
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i]!;
    gates[names[k]!] += 1;
    const f = c.faninStart[i + 1]! - c.faninStart[i]!;
    if (f > maxFanIn) maxFanIn = f;
    if (k === GateKind.Ge || k === GateKind.Le) maxThreshold = Math.max(maxThreshold, Math.abs(c.param[i]!));
  }
  let maxWeight = c.fanin.length > 0 ? 1 : 0;
  if (c.weight !== null) {
    maxWeight = 0;
    for (let w = 0; w < c.weight.length; w++) maxWeight = Math.max(maxWeight, Math.abs(c.weight[w]!));
  }
  const d = gateDepths(c);
  let depth = 0;
  for (let j = 0; j < c.outputs.length; j++) depth = Math.max(depth, d[c.outputs[j]!]!);
  return {
    inputs: c.numInputs,
    outputs: c.outputs.length,
    size: c.numGates - gates.input,
    depth,
    wires: c.fanin.length,
    maxFanIn,
    maxWeight,
    maxThreshold,
    gates,
  };
};
