/**
 * # Expanding weights and constants (for the P1 §3 serialization)
 *
 * P1 §3 writes only unweighted threshold gates θ≥k / θ≤k with 0 ≤ k ≤ m, and no constants.
 * {@link expandWeights} rewrites any kernel circuit into that basis, computing the same
 * function, so that every circuit the library builds can be exported in the paper's format.
 *
 * ## Main definitions
 * - {@link expandWeights}: the rewriting, or a reason it would not fit.
 *
 * ## Implementation notes
 * - A weight w > 1 repeats its argument w times (a pointer may repeat in P1 §3).
 * - A negative weight −w on x becomes weight w on a NOT gate over x, with k raised by w:
 *   −w·x = w·¬x − w. One NOT per negated gate, shared.
 * - A threshold whose k falls outside 0..m after this is constant: θ≥k with k ≤ 0 and θ≤k
 *   with k ≥ m become AND() = 1; θ≥k with k > m and θ≤k with k < 0 become OR() = 0. Const
 *   gates become AND() / OR() too.
 * - The result has the same inputs and outputs; its size grows by the NOT gates and its wires
 *   by Σ(|w| − 1); its depth by at most one per layer of thresholds with negative weights. The
 *   JSON export keeps the original circuit.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, GateKind, createBuilder, type Circuit } from '../core/circuit.js';

/**
 * Rewrite a circuit into unweighted thresholds with 0 ≤ k ≤ m and no const gates.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.ge([x!, y!], 1, [2, -1])]); // 2x − y ≥ 1
 * expandWeights(c); // right(θ≥2(x, x, ¬y))
 * ```
 * @category constructors
 */
export const expandWeights = (c: Circuit): Either<string, Circuit> => {
  let wires = 0;
  for (let w = 0; w < c.fanin.length; w++) wires += c.weight === null ? 1 : Math.abs(c.weight[w]!);
  if (wires > CIRCUIT_LIMITS.maxWires) {
    return left(`expandWeights: the expanded circuit would have ${wires} wires, more than the limit of ${CIRCUIT_LIMITS.maxWires}`);
  }
  const b = createBuilder();
  const map = new Int32Array(c.numGates);
  const negated = new Map<number, number>();
  const notOf = (g: number): number => {
    const have = negated.get(g);
    if (have !== undefined) return have;
    const n = b.not(g);
    negated.set(g, n);
    return n;
  };
  for (let i = 0; i < c.numGates; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const args = (): number[] => {
      const out: number[] = [];
      for (let w = s; w < e; w++) out.push(map[c.fanin[w]!]!);
      return out;
    };
    switch (c.kind[i]) {
      case GateKind.Input:
        map[i] = b.input();
        break;
      case GateKind.Const:
        map[i] = c.param[i] === 1 ? b.and([]) : b.or([]);
        break;
      case GateKind.Not:
        map[i] = b.not(map[c.fanin[s]!]!);
        break;
      case GateKind.And:
        map[i] = b.and(args());
        break;
      case GateKind.Or:
        map[i] = b.or(args());
        break;
      default: {
        const expanded: number[] = [];
        let k = c.param[i]!;
        for (let w = s; w < e; w++) {
          const weight = c.weight === null ? 1 : c.weight[w]!;
          const x = map[c.fanin[w]!]!;
          if (weight > 0) for (let r = 0; r < weight; r++) expanded.push(x);
          else if (weight < 0) {
            const nx = notOf(x);
            for (let r = 0; r < -weight; r++) expanded.push(nx);
            k += -weight;
          }
        }
        const m = expanded.length;
        if (c.kind[i] === GateKind.Ge) map[i] = k <= 0 ? b.and([]) : k > m ? b.or([]) : b.ge(expanded, k);
        else map[i] = k >= m ? b.and([]) : k < 0 ? b.or([]) : b.le(expanded, k);
      }
    }
  }
  return right(b.build(Array.from(c.outputs, (o) => map[o]!)));
};
