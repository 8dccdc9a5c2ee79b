/**
 * # Circuit metrics
 *
 * Size, depth and the other figures every claimed bound is compared with.
 *
 * ## Conventions
 * - **size**: every non-input gate, NOT and const gates included (P1 §3).
 * - **depth**: the longest path from an input to an output counting every gate on it; input
 *   and const gates have depth 0, any other gate 1 + the largest depth of its arguments (a
 *   gate with no arguments, e.g. AND(), has depth 1).
 * - **wires**: total fan-in; **maxFanIn**; **maxWeight**: largest |w| (1 when unweighted),
 *   and largest |k| of a threshold gate as **maxThreshold**.
 *
 * ## Figures in P1's basis
 * P1's basis (§3) has only unweighted θ≥k / θ≤k with 0 ≤ k ≤ m, NOT, AND and OR, and no
 * constants. **depthP1**, **sizeP1** and **wiresP1** are, by definition, the depth, size and
 * wires of the circuit that `expandWeights` (src/reductions/expandWeights.ts) rewrites the
 * circuit into; they are computed here directly, in O(gates + wires), without building it:
 * - input gates: depth 0; const gates become AND() / OR(): depth 1, no wires;
 * - NOT, AND, OR: unchanged (1 + the deepest argument, one wire per argument);
 * - a threshold wire of weight w > 0 repeats its argument w times (w wires); weight 0 drops
 *   the argument; weight −w repeats the argument's *complement* w times (w wires) and raises
 *   k by w;
 * - the complement of a gate g is made once, if some threshold weighs g negatively: for an
 *   input a NOT gate (depth 1, one wire); for NOT(x) x itself (no gate); for a const the
 *   other const; for AND, OR and thresholds the dual gate on the same arguments (θ≤m−1,
 *   θ≤0, θ≤k−1 for θ≥k, θ≥k+1 for θ≤k): same depth, same wires, one more gate;
 * - with m = Σ|w| and k so adjusted, a θ≥k with k ≤ 0 or k > m, or a θ≤k with k < 0 or
 *   k ≥ m, is constant and becomes AND() / OR(): depth 1, no wires (the complements it
 *   asked for still count);
 * - size and depth are then measured as above (the P1 size is size + the number of
 *   complements made). So depthP1 ≤ depth + 1 and sizeP1 ≤ 2·size + inputs.
 * For an unweighted circuit without const gates, every θ≥k with 1 ≤ k ≤ m and every θ≤k with
 * 0 ≤ k < m, they equal depth, size and wires. Note that expandWeights also empties θ≥0 and
 * θ≤m (always 1), which P1's basis could write as they are, so a circuit already in P1's
 * basis may have smaller P1 figures. They are exact while Σ|w| < 2^53.
 *
 * @module
 */
import { GateKind, formatKernelError, validateCircuit, type Circuit } from './circuit.js';

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
  /** Depth of the circuit rewritten into P1's basis (`expandWeights`), see the module notes. */
  readonly depthP1: number;
  /** Size of the circuit rewritten into P1's basis: size + one NOT per negated argument gate. */
  readonly sizeP1: number;
  /** Wires of the circuit rewritten into P1's basis: weights expanded, constant thresholds emptied. */
  readonly wiresP1: number;
}

/** Depth of every gate (input and const gates 0). @category destructors */
export const gateDepths = (c: Circuit): Uint32Array => {
  const d = new Uint32Array(c.numGates);
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i];
    if (k === GateKind.Input || k === GateKind.Const) continue;
    let m = 0;
    for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) m = Math.max(m, d[c.fanin[w]!]!);
    d[i] = m + 1;
  }
  return d;
};

/** The figures of the circuit in P1's basis (module notes): max output depth, extra gates, wires. */
const p1Figures = (c: Circuit): { depth: number; extra: number; wires: number } => {
  const n = c.numGates;
  const needNeg = new Uint8Array(n);
  if (c.weight !== null) {
    for (let i = 0; i < n; i++) {
      const kind = c.kind[i];
      if (kind !== GateKind.Ge && kind !== GateKind.Le) continue;
      for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) if (c.weight[w]! < 0) needNeg[c.fanin[w]!] = 1;
    }
  }
  const d = new Uint32Array(n); // depth of the gate for i
  const dNeg = new Uint32Array(n); // depth of its complement
  let extra = 0;
  let wires = 0;
  for (let i = 0; i < n; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const kind = c.kind[i]!;
    if (kind === GateKind.Input) {
      // the complement is a NOT gate: depth 1, one wire
      dNeg[i] = 1;
      if (needNeg[i] === 1) {
        extra += 1;
        wires += 1;
      }
      continue;
    }
    if (kind === GateKind.Not) {
      // kept as NOT; its complement is its argument (no gate)
      const a = c.fanin[s]!;
      d[i] = d[a]! + 1;
      dNeg[i] = d[a]!;
      wires += 1;
      continue;
    }
    let deepest = 0;
    let m = 0;
    let inRange = true;
    if (kind === GateKind.Ge || kind === GateKind.Le) {
      let k = c.param[i]!;
      for (let w = s; w < e; w++) {
        const x = c.weight === null ? 1 : c.weight[w]!;
        const a = c.fanin[w]!;
        if (x > 0) {
          m += x;
          deepest = Math.max(deepest, d[a]!);
        } else if (x < 0) {
          m -= x;
          k -= x;
          deepest = Math.max(deepest, dNeg[a]!);
        }
      }
      inRange = kind === GateKind.Ge ? k > 0 && k <= m : k >= 0 && k < m;
    } else {
      // AND, OR as they are (complements θ≤m−1 / θ≤0 on the same arguments); const gates
      // (no arguments) become AND() / OR()
      for (let w = s; w < e; w++) deepest = Math.max(deepest, d[c.fanin[w]!]!);
      m = e - s;
    }
    // out of range: AND() or OR(), depth 1, no wires; the complement is the same with the
    // other constant, or the dual threshold on the same arguments
    const depth = inRange ? deepest + 1 : 1;
    const w = inRange ? m : 0;
    d[i] = depth;
    dNeg[i] = depth;
    wires += w;
    if (needNeg[i] === 1) {
      extra += 1;
      wires += w;
    }
  }
  let depth = 0;
  for (let j = 0; j < c.outputs.length; j++) depth = Math.max(depth, d[c.outputs[j]!]!);
  return { depth, extra, wires };
};

/**
 * Measure a circuit. It is validated first (`validateCircuit`): an invalid one is refused with
 * a `RangeError` naming the rule broken.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x] = b.inputs(1);
 * metrics(b.build([b.not(x!)])).depth; // 1
 * ```
 * @category destructors
 */
export const metrics = (c: Circuit): CircuitMetrics => {
  const valid = validateCircuit(c);
  if (valid._tag === 'Left') throw new RangeError(`metrics: ${formatKernelError(valid.left)}`);
  const gates = { input: 0, const: 0, not: 0, and: 0, or: 0, ge: 0, le: 0 };
  const names = ['input', 'const', 'not', 'and', 'or', 'ge', 'le'] as const;
  let maxFanIn = 0;
  let maxThreshold = 0;
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i]!;
    gates[names[k]!] += 1;
    const f = c.faninStart[i + 1]! - c.faninStart[i]!;
    maxFanIn = Math.max(maxFanIn, f);
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
  const size = c.numGates - gates.input;
  const p1 = p1Figures(c);
  return {
    inputs: c.numInputs,
    outputs: c.outputs.length,
    size,
    depth,
    wires: c.fanin.length,
    maxFanIn,
    maxWeight,
    maxThreshold,
    gates,
    depthP1: p1.depth,
    sizeP1: size + p1.extra,
    wiresP1: p1.wires,
  };
};
