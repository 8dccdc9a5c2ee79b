/**
 * # Expanding weights and constants (for the P1 §3 serialization)
 *
 * P1 §3 writes only unweighted threshold gates θ≥k / θ≤k with 0 ≤ k ≤ m, NOT, AND and OR,
 * and no constants. {@link expandWeights} rewrites any kernel circuit into that basis,
 * computing the same function, so that every circuit the library builds can be exported in
 * the paper's format — at most one level deeper than the weighted circuit.
 *
 * ## Main definitions
 * - {@link expandWeights}: the rewriting, or a reason it would not fit.
 * - {@link ExpandOptions}: `outputsLast`, for the serialization (outputs as the last gates
 *   without a buffer level).
 *
 * ## Implementation notes
 * - A weight w > 1 repeats its argument w times (a pointer may repeat in P1 §3); weight 0
 *   drops the argument.
 * - A negative weight −w on x becomes weight w on the complement ¬x, with k raised by w:
 *   −w·x = w·¬x − w. The complement is **not** a NOT gate over x (that would put a NOT level
 *   on top of x and, layer by layer, double the depth) but x's *dual*, a gate of x's own depth
 *   on x's own (already expanded) arguments:
 *   ¬θ≥k(E) = θ≤k−1(E), ¬θ≤k(E) = θ≥k+1(E), ¬AND(E) = θ≤m−1(E), ¬OR(E) = θ≤0(E),
 *   ¬NOT(y) = y, ¬const = the other const. Only an input's complement is a NOT gate (one
 *   per negated input, shared). A dual needs the same expanded arguments as the gate itself,
 *   so no complement ever asks for another: each negated gate costs exactly one more gate.
 * - Depth: by induction, the gate for g and its complement both have depth ≤ d(g) + 1 (an
 *   input's complement has depth 1), so the result is at most one level deeper than c.
 *   NOT gates of c are kept as NOT gates: NOT(x) has depth d(x) + 1 = d(NOT x) ≤ its bound.
 * - A threshold whose k falls outside 0..m after this is constant: θ≥k with k ≤ 0 and θ≤k
 *   with k ≥ m become AND() = 1; θ≥k with k > m and θ≤k with k < 0 become OR() = 0. Const
 *   gates become AND() / OR() too. The dual of an in-range threshold is in range.
 * - Size: size(c) + one gate per negatively weighted gate (NOT gates excepted: their
 *   complement is their argument) ≤ 2·size + inputs; wires: each weight w counts |w| times,
 *   in the gate and in its dual. `metrics` (src/core/metrics.ts) computes these figures
 *   (`depthP1`, `sizeP1`, `wiresP1`) without building the circuit; the rewriting refuses
 *   with a message when they exceed `CIRCUIT_LIMITS`.
 * - With `outputsLast`, outputs that are not already the trailing gates in order are
 *   re-emitted as fresh copies of their gates (same arguments, same depth) at the end, so
 *   that `withOutputsLast` need not add a level of buffers; only an output that is an input
 *   of the circuit gets a buffer AND(x) (depth 1).
 * - The result has the same inputs and outputs. The JSON export keeps the original circuit.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, The Parallelism Tradeoff, TACL 2023, §3 (the basis and its
 *   serialization).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, GateKind, createBuilder, type Circuit } from '../core/circuit.js';
import { metrics } from '../core/metrics.js';

/** Options of {@link expandWeights}. @category model */
export interface ExpandOptions {
  /** Make the outputs the trailing gates, in order, by copying their gates (default false). */
  readonly outputsLast?: boolean;
}

/**
 * The complement rules for thresholds: ¬θ≥k = θ≤(ge(k)), ¬θ≤k = θ≥(le(k)). Only tests pass
 * others (a deliberately broken dual, to show the checks catch it).
 * @category model
 */
export interface DualRules {
  readonly ge: (k: number) => number;
  readonly le: (k: number) => number;
}

/** The true duals: ¬θ≥k = θ≤k−1, ¬θ≤k = θ≥k+1. @category model */
export const DUALS: DualRules = { ge: (k) => k - 1, le: (k) => k + 1 };

/**
 * Rewrite a circuit into unweighted thresholds with 0 ≤ k ≤ m and no const gates, at most
 * one level deeper.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.ge([x!, y!], 1, [2, -1])]); // 2x − y ≥ 1
 * expandWeights(c); // right(θ≥2(x, x, ¬y))
 * ```
 * @category constructors
 */
export const expandWeights = (c: Circuit, options: ExpandOptions = {}): Either<string, Circuit> => expandWeightsWith(DUALS)(c, options);

/**
 * {@link expandWeights} with the given complement rules for thresholds (tests only: with
 * rules other than {@link DUALS} the result is wrong).
 * @category constructors
 */
export const expandWeightsWith =
  (duals: DualRules) =>
  (c: Circuit, options: ExpandOptions = {}): Either<string, Circuit> => {
    let m0: ReturnType<typeof metrics>;
    try {
      m0 = metrics(c); // validates c first
    } catch (e) {
      return left(`expandWeights: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (m0.wiresP1 > CIRCUIT_LIMITS.maxWires) {
      return left(`expandWeights: the expanded circuit would have ${m0.wiresP1} wires, more than the limit of ${CIRCUIT_LIMITS.maxWires}`);
    }
    if (m0.inputs + m0.sizeP1 > CIRCUIT_LIMITS.maxGates) {
      return left(`expandWeights: the expanded circuit would have ${m0.inputs + m0.sizeP1} gates, more than the limit of ${CIRCUIT_LIMITS.maxGates}`);
    }
    const n = c.numGates;
    const needNeg = new Uint8Array(n);
    if (c.weight !== null) {
      for (let i = 0; i < n; i++) {
        const kind = c.kind[i];
        if (kind !== GateKind.Ge && kind !== GateKind.Le) continue;
        for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) if (c.weight[w]! < 0) needNeg[c.fanin[w]!] = 1;
      }
    }
    const b = createBuilder();
    const pos = new Int32Array(n);
    const neg = new Int32Array(n).fill(-1);
    /** The complement of gate a (needNeg[a] = 1); an input's NOT is made at its first use. */
    const negOf = (a: number): number => {
      const have = neg[a]!;
      if (have >= 0) return have;
      const x = b.not(pos[a]!);
      neg[a] = x;
      return x;
    };
    /** Gate i's expanded arguments (weights repeated, complements for negative ones) and k. */
    const expand = (i: number): { args: number[]; k: number } => {
      const args: number[] = [];
      let k = c.param[i]!;
      for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) {
        const weight = c.weight === null ? 1 : c.weight[w]!;
        const a = c.fanin[w]!;
        if (weight > 0) {
          const x = pos[a]!;
          for (let r = 0; r < weight; r++) args.push(x);
        } else if (weight < 0) {
          const x = negOf(a);
          for (let r = 0; r < -weight; r++) args.push(x);
          k -= weight;
        }
      }
      return { args, k };
    };
    const plain = (i: number): number[] => {
      const out: number[] = [];
      for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) out.push(pos[c.fanin[w]!]!);
      return out;
    };
    /** Emit gate i (positive) or its complement as a new gate. Input gates are not emitted here. */
    const emit = (i: number, negative: boolean): number => {
      switch (c.kind[i]) {
        case GateKind.Input: // only for an output copy (complements of inputs: negOf)
          return negative ? b.not(pos[i]!) : b.and([pos[i]!]);
        case GateKind.Const:
          return (c.param[i] === 1) !== negative ? b.and([]) : b.or([]);
        case GateKind.Not: {
          // the complement of NOT(a) is a itself, no new gate
          const a = c.fanin[c.faninStart[i]!]!;
          return negative ? pos[a]! : b.not(pos[a]!);
        }
        case GateKind.And: {
          const args = plain(i);
          if (!negative) return b.and(args);
          return args.length === 0 ? b.or([]) : b.le(args, args.length - 1);
        }
        case GateKind.Or: {
          const args = plain(i);
          if (!negative) return b.or(args);
          return args.length === 0 ? b.and([]) : b.le(args, 0);
        }
        default: {
          const { args, k } = expand(i);
          const m = args.length;
          const ge = c.kind[i] === GateKind.Ge;
          // as θ≥k' or θ≤k': the complement of θ≥k is θ≤k−1, of θ≤k is θ≥k+1
          const asGe = ge !== negative;
          const kk = !negative ? k : ge ? duals.ge(k) : duals.le(k);
          if (asGe) return kk <= 0 ? b.and([]) : kk > m ? b.or([]) : b.ge(args, kk);
          return kk >= m ? b.and([]) : kk < 0 ? b.or([]) : b.le(args, kk);
        }
      }
    };
    for (let i = 0; i < n; i++) {
      const kind = c.kind[i];
      if (kind === GateKind.Input) {
        pos[i] = b.input();
        continue;
      }
      pos[i] = emit(i, false);
      if (needNeg[i] === 1) neg[i] = emit(i, true);
    }
    const outputs = Array.from(c.outputs, (o) => pos[o]!);
    const k = outputs.length;
    const trailing = outputs.every((o, j) => o === b.size() - k + j);
    if (options.outputsLast !== true || trailing) return right(b.build(outputs));
    try {
      return right(b.build(Array.from(c.outputs, (o) => emit(o, false))));
    } catch (e) {
      return left(`expandWeights: copying the ${k} outputs to the end: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
