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
 *   the argument; weight −w repeats a NOT gate over the argument w times (w wires; depth of
 *   the argument + 1 on that path) and raises k by w. There is one such NOT per distinct
 *   negated argument gate in the whole circuit, shared: each adds 1 to the size and 1 wire;
 * - with m = Σ|w| and k so adjusted, a θ≥k with k ≤ 0 or k > m, or a θ≤k with k < 0 or
 *   k ≥ m, is constant and becomes AND() / OR(): depth 1, no wires (the NOT gates it asked
 *   for still count, as expandWeights creates them before the range test);
 * - size and depth are then measured as above (the P1 size is size + the number of NOTs).
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

/** The figures of the circuit in P1's basis (module notes): max output depth, extra NOTs, wires. */
const p1Figures = (c: Circuit): { depth: number; nots: number; wires: number } => {
  const n = c.numGates;
  const d = new Uint32Array(n);
  const negated = new Uint8Array(n);
  let nots = 0;
  let wires = 0;
  for (let i = 0; i < n; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const kind = c.kind[i]!;
    if (kind === GateKind.Input) continue;
    let deepest = 0;
    if (kind === GateKind.Ge || kind === GateKind.Le) {
      let k = c.param[i]!;
      let m = 0;
      for (let w = s; w < e; w++) {
        const x = c.weight === null ? 1 : c.weight[w]!;
        const a = c.fanin[w]!;
        if (x > 0) {
          m += x;
          deepest = Math.max(deepest, d[a]!);
        } else if (x < 0) {
          m -= x;
          k -= x;
          if (negated[a] === 0) {
            negated[a] = 1;
            nots += 1;
          }
          deepest = Math.max(deepest, d[a]! + 1);
        }
      }
      const inRange = kind === GateKind.Ge ? k > 0 && k <= m : k >= 0 && k < m;
      if (!inRange) {
        d[i] = 1; // AND() or OR()
        continue;
      }
      wires += m;
    } else {
      // NOT, AND, OR as they are; const gates (no arguments) become AND() / OR(): depth 1
      for (let w = s; w < e; w++) deepest = Math.max(deepest, d[c.fanin[w]!]!);
      wires += e - s;
    }
    d[i] = deepest + 1;
  }
  let depth = 0;
  for (let j = 0; j < c.outputs.length; j++) depth = Math.max(depth, d[c.outputs[j]!]!);
  return { depth, nots, wires: wires + nots };
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
    sizeP1: size + p1.nots,
    wiresP1: p1.wires,
  };
};
