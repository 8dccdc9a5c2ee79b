/**
 * # Arithmetic gadgets
 *
 * Constant-depth threshold-circuit building blocks that work *inside* a
 * {@link CircuitBuilder}: each takes gate ids and returns gate ids, so that families compose
 * in one builder (e.g. the float sum of P1 Lemma 5 = alignment shifts + iterated addition +
 * leading-one detection + truncation).
 *
 * ## Main definitions
 * - {@link addGadget}: carry-lookahead addition, depth +4 ({@link sparseAdd}: the same on
 *   operands with known-zero bits).
 * - {@link compareGadget}: `x < y` and `x = y`, depth +3 (or +2 with one weighted gate).
 * - {@link bitCountGadget}: binary count of n bits, depth +2 (layer of θ≥k, then one
 *   weighted gate per output bit).
 * - {@link weightedCountGadget}: binary form of Σ aᵢxᵢ for small positive integer weights, depth +2.
 * - {@link columnSumGadget}: Σ_p 2^p·(number of ones in column p), depth +8 — the engine of
 *   iterated addition and multiplication.
 * - {@link iteratedAddGadget}, {@link multiplyGadget}: depth +8 and +9.
 * - {@link shiftLeftGadget}, {@link shiftRightGadget}: data-dependent shifts, depth +2.
 * - {@link leadingOneGadget}: position of the most significant one, depth +2.
 *
 * ## Main results
 * "Depth +d" means: if every argument gate has depth ≤ D, every returned gate has depth ≤ D + d.
 * The justification of each figure is in the gadget's doc; the family modules add them up, the
 * lemmas of `src/proofs/arithmetic` state the totals as claims, and the tests check them.
 *
 * ## Implementation notes
 * - Bit vectors are least significant bit first. Internally a bit may be `null`, a constant 0
 *   known at construction time; such bits cost no gates. Public gadgets take and return plain
 *   gate ids; where a result bit is identically 0 they create one `const 0` gate per call.
 * - A result bit may be one of the argument gates itself (e.g. the low bit of a sum whose other
 *   operand is known to be 0 there), so a gadget may add fewer gates than its "depth +d".
 * - The symmetric-function trick (a weighted sum of θ≥k indicators compared with a threshold)
 *   needs weights up to the largest count; gadgets check that weights stay below 2^30.
 *
 * ## References
 * - A. K. Chandra, L. Stockmeyer, U. Vishkin, "Constant depth reducibility", SIAM J. Comput.
 *   13(2), 1984: iterated addition reduces to bit counting (column sums), then to adding
 *   O(log n) numbers.
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46, 1993: any function of a (polynomially) weighted sum in depth 2 via θ≥k indicators.
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1 (carry-lookahead
 *   addition in AC0; iterated addition and multiplication in TC0).
 * - K.-Y. Siu, V. Roychowdhury, "Optimal depth neural networks for multiplication and related
 *   problems", NIPS 5, 1992 (block sums in depth-optimal iterated addition).
 *
 * @module
 */
import type { CircuitBuilder } from '../../core/circuit.js';
import { bitLength, ceilLog2 } from './arithmeticCircuit.js';

/** A gate id, or `null` for a bit known to be constant 0 at construction time. @category model */
export type Bit = number | null;

/** Largest weight or threshold magnitude a gadget will put on a gate (the kernel allows < 2^30). @category model */
export const MAX_GADGET_WEIGHT = 0x3fffffff;

const bitAt = (v: readonly Bit[], i: number): Bit => (i < v.length ? (v[i] ?? null) : null);

/** Replace `null` bits with one shared `const 0` gate (made only if needed). */
const materialize = (b: CircuitBuilder, bits: readonly Bit[]): number[] => {
  let zero: number | null = null;
  return bits.map((x) => {
    if (x !== null) return x;
    if (zero === null) zero = b.constant(0);
    return zero;
  });
};

// ---------------------------------------------------------------------------------------------
// Addition
// ---------------------------------------------------------------------------------------------

/**
 * Carry-lookahead addition on sparse operands, low `width` bits of x + y.
 *
 * With generate g_j = x_j ∧ y_j and propagate p_l = x_l ∨ y_l, the carry into position i is
 * c_i = OR_{j<i} (x_j ∧ y_j ∧ AND_{j<l<i} p_l): one AND gate per pair j < i (depth 2, the
 * p_l at depth 1), one OR per carry (depth 3). The sum bit is the parity of x_i, y_i, c_i,
 * and since c_{i+1} = MAJ(x_i, y_i, c_i), s_i = [x_i + y_i + c_i − 2·c_{i+1} ≥ 1]: one weighted
 * threshold gate at depth 4. Known-zero bits drop the gates that would use them: a missing
 * generate drops its AND terms, a missing propagate cuts the chains through it, an OR or sum of
 * a single bit is that bit. Every gate made is a gate of the dense construction, so the dense
 * count bounds it. With `fits` the caller guarantees x + y < 2^width: the carry out of the top is
 * then 0, its gates are left out, and the top sum bit is the OR of its (at most one true) inputs.
 * Depth +4. Returns `null` for result bits that are constant 0.
 * @category gadgets
 */
export const sparseAdd = (b: CircuitBuilder, xs: readonly Bit[], ys: readonly Bit[], width: number, fits = false): Bit[] => {
  const props = new Map<number, Bit>();
  const prop = (l: number): Bit => {
    const known = props.get(l);
    if (known !== undefined) return known;
    const x = bitAt(xs, l);
    const y = bitAt(ys, l);
    const p = x !== null && y !== null ? b.or([x, y]) : (x ?? y);
    props.set(l, p);
    return p;
  };
  const live = (l: number): boolean => bitAt(xs, l) !== null || bitAt(ys, l) !== null;
  // carries[i] = carry into position i, i = 0..width (carries[width] feeds the top sum bit).
  const carries: Bit[] = [null];
  for (let i = 1; i <= width; i++) {
    if (fits && i === width) {
      carries.push(null); // the caller guarantees x + y < 2^width: no carry out of the top
      break;
    }
    const terms: number[] = [];
    for (let j = i - 1; j >= 0; j--) {
      // no carry crosses a position with no live bit, for this j or any smaller one
      if (j < i - 1 && !live(j + 1)) break;
      const x = bitAt(xs, j);
      const y = bitAt(ys, j);
      if (x === null || y === null) continue;
      const args = [x, y];
      for (let l = j + 1; l < i; l++) args.push(prop(l)!);
      terms.push(b.and(args));
    }
    carries.push(terms.length === 0 ? null : terms.length === 1 ? terms[0]! : b.or(terms));
  }
  const sum: Bit[] = [];
  for (let i = 0; i < width; i++) {
    const args = [bitAt(xs, i), bitAt(ys, i), carries[i] ?? null].filter((a): a is number => a !== null);
    const next = carries[i + 1] ?? null;
    if (next !== null) {
      sum.push(b.ge([...args, next], 1, [...args.map(() => 1), -2]));
    } else if (args.length <= 1) {
      sum.push(args[0] ?? null);
    } else if (fits && i === width - 1) {
      sum.push(b.or(args)); // no carry out: at most one of the live bits is 1
    } else {
      // Unreachable: two live bits at i always give a live carry term into i+1.
      throw new Error(`sparseAdd: internal error, no carry out of position ${i} with ${args.length} live bits`);
    }
  }
  return sum;
};

/**
 * x + y by carry-lookahead with unbounded fan-in AND/OR plus one weighted threshold gate per sum
 * bit; depth +4, at most w(w+1)/2 + 3w − 2 gates for w = max(|x|, |y|) and the default width
 * (exactly that many when |x| = |y| = w), plus one `const 0` if the width asks for bits that
 * are identically 0. Operands may have different lengths (missing high bits are 0).
 * @param width number of result bits, default max(|x|, |y|) + 1 (the full sum); a smaller
 *   width gives the sum mod 2^width.
 * @example
 * ```ts
 * const b = createBuilder();
 * const x = b.inputs(8), y = b.inputs(8);
 * const c = b.build(addGadget(b, x, y)); // 9 sum bits, depth 4
 * ```
 * @category gadgets
 */
export const addGadget = (b: CircuitBuilder, xs: readonly number[], ys: readonly number[], width?: number): number[] =>
  materialize(b, sparseAdd(b, xs, ys, width ?? Math.max(xs.length, ys.length) + 1));

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/** How {@link compareGadget} builds `x < y`. @category model */
export type ComparisonMethod = 'lookahead' | 'weighted';

/**
 * Compare two unsigned numbers of equal width w ≥ 1: `lt` = [x < y], `eq` = [x = y].
 *
 * - `'lookahead'` (any w; depth +3, 3w + 2 gates for w ≥ 2): per bit le_j = [y_j − x_j ≥ 0]
 *   (x_j ≤ y_j) and ge_j = [x_j − y_j ≥ 0]; x < y iff some i has x_i < y_i while x_j ≤ y_j for
 *   all j > i (if x < y take i the top differing bit; conversely the bits above i make
 *   y_hi ≥ x_hi, and position i breaks a tie), so lt_i = [y_i − x_i + Σ_{j>i} le_j ≥ 1 + (w−1−i)]
 *   (every summand at its maximum), lt = OR_i lt_i; eq = AND_j (le_j ∧ ge_j).
 * - `'weighted'` (w ≤ 30, weights 2^i < 2^30; depth +2, 4 gates): with D = Σ 2^i (y_i − x_i),
 *   lt = [D ≥ 1], eq = [D ≥ 0] ∧ [D ≤ 0].
 * @category gadgets
 */
export const compareGadget = (
  b: CircuitBuilder,
  xs: readonly number[],
  ys: readonly number[],
  method: ComparisonMethod = 'lookahead',
): { lt: number; eq: number } => {
  const w = xs.length;
  if (w < 1 || ys.length !== w) throw new RangeError(`compareGadget: operands must have equal width ≥ 1, got ${w} and ${ys.length}`);
  if (method === 'weighted') {
    if (w > 30) throw new RangeError(`compareGadget: the weighted method needs w ≤ 30 (weights 2^(w−1) < 2^30), got ${w}`);
    const args = [...xs, ...ys];
    const weights = [...xs.map((_, i) => -(2 ** i)), ...ys.map((_, i) => 2 ** i)];
    const lt = b.ge(args, 1, weights);
    const eq = b.and([b.ge(args, 0, weights), b.le(args, 0, weights)]);
    return { lt, eq };
  }
  const le = xs.map((x, j) => b.ge([ys[j]!, x], 0, [1, -1]));
  const ge = xs.map((x, j) => b.ge([x, ys[j]!], 0, [1, -1]));
  const terms = xs.map((x, i) => {
    const above = le.slice(i + 1);
    return b.ge([ys[i]!, x, ...above], 1 + above.length, [1, -1, ...above.map(() => 1)]);
  });
  const lt = terms.length === 1 ? terms[0]! : b.or(terms);
  const eq = b.and([...le, ...ge]);
  return { lt, eq };
};

// ---------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------

/**
 * The binary count s = Σ x_i of n bits, ⌈log₂(n+1)⌉ result bits, depth 2 (n ≥ 1), n + ⌈log₂(n+1)⌉
 * gates.
 *
 * Layer 1: T_k = θ≥k(x) for k = 1..n (unweighted), so s = Σ_k T_k and, for any f with f(0) = 0,
 * f(s) = Σ_{k=1}^{n} (f(k) − f(k−1))·T_k (the T_k with k ≤ s are exactly the ones that are 1, and
 * the sum telescopes). Bit j of s is 1 iff s mod 2^(j+1) ≥ 2^j; take f(s) = s mod 2^(j+1), whose
 * increments are +1, except −(2^(j+1) − 1) at multiples of 2^(j+1). Layer 2:
 * bit_j = [Σ_k c_k·T_k ≥ 2^j] with c_k = 1 − 2^(j+1)·[2^(j+1) divides k].
 * @category gadgets
 */
export const bitCountGadget = (b: CircuitBuilder, xs: readonly number[]): number[] => {
  const n = xs.length;
  const L = bitLength(n);
  if (2 ** L > MAX_GADGET_WEIGHT) throw new RangeError(`bitCountGadget: ${n} bits needs weights ≥ 2^30`);
  const t = Array.from({ length: n }, (_, i) => b.ge(xs, i + 1));
  return Array.from({ length: L }, (_, j) => {
    const q = 2 ** (j + 1);
    return b.ge(t, 2 ** j, t.map((_, i) => ((i + 1) % q === 0 ? 1 - q : 1)));
  });
};

/**
 * The low `width` bits of s = Σ a_i·x_i for positive integer multiplicities a_i (default all 1),
 * depth +2. With S = Σ a_i (the largest possible s) and S ≥ 2 it uses ⌊S/2⌋ + min(width, L) − [width ≥ L]
 * gates, L = ⌊log₂ S⌋ + 1: at most ⌊S/2⌋ + L − 1.
 *
 * Layer 1: T_k = [Σ a_i x_i ≥ k] for the even k ≤ S. Since Σ_{m ≥ 1} T_{m·q} = ⌊s/q⌋,
 * bit j (q = 2^(j+1)) is [s − q·⌊s/q⌋ ≥ 2^j] = [Σ a_i x_i − q·Σ_m T_{m·q} ≥ 2^j], one gate on the
 * inputs and layer 1. The top bit j = L − 1 is [s ≥ 2^(L−1)] = T_{2^(L−1)}, already in layer 1.
 * A single input of multiplicity 1 is returned as is.
 * @category gadgets
 */
export const weightedCountGadget = (
  b: CircuitBuilder,
  xs: readonly number[],
  mults?: readonly number[],
  width?: number,
): number[] => {
  const a = mults ?? xs.map(() => 1);
  if (a.length !== xs.length) throw new RangeError(`weightedCountGadget: ${xs.length} bits but ${a.length} multiplicities`);
  let S = 0;
  for (const m of a) {
    if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`weightedCountGadget: multiplicity ${m} is not a positive integer`);
    S += m;
  }
  if (S > MAX_GADGET_WEIGHT) throw new RangeError(`weightedCountGadget: total ${S} needs weights ≥ 2^30`);
  const L = bitLength(S);
  const keep = Math.min(L, width ?? L);
  if (keep <= 0) return [];
  if (S === 1) return [xs[0]!];
  const unit = a.every((m) => m === 1);
  const T = new Map<number, number>();
  for (let k = 2; k <= S; k += 2) T.set(k, unit ? b.ge(xs, k) : b.ge(xs, k, a));
  const out: number[] = [];
  for (let j = 0; j < keep; j++) {
    if (j === L - 1) {
      out.push(T.get(2 ** j)!);
      continue;
    }
    const q = 2 ** (j + 1);
    const ts: number[] = [];
    for (let k = q; k <= S; k += q) ts.push(T.get(k)!);
    out.push(b.ge([...xs, ...ts], 2 ** j, [...a, ...ts.map(() => -q)]));
  }
  return out;
};

/**
 * One compression round: cut the positions into blocks of ℓ, replace each block by the binary
 * form of its weighted count (weights 2^(p − start)), truncated at `width`. Blocks whose columns
 * hold at most one bit each are already binary and pass through.
 */
const countRound = (b: CircuitBuilder, cols: readonly (readonly number[])[], ell: number, width: number): number[][] => {
  const out: number[][] = Array.from({ length: width }, () => []);
  for (let q = 0; q < width; q += ell) {
    const end = Math.min(q + ell, width);
    let binary = true;
    for (let p = q; p < end; p++) if ((cols[p]?.length ?? 0) > 1) binary = false;
    if (binary) {
      for (let p = q; p < end; p++) out[p]!.push(...(cols[p] ?? []));
      continue;
    }
    const xs: number[] = [];
    const mults: number[] = [];
    for (let p = q; p < end; p++) {
      for (const g of cols[p] ?? []) {
        xs.push(g);
        mults.push(2 ** (p - q));
      }
    }
    weightedCountGadget(b, xs, mults, width - q).forEach((g, j) => out[q + j]!.push(g));
  }
  return out;
};

const maxHeight = (cols: readonly (readonly number[])[]): number => cols.reduce((m, c) => Math.max(m, c.length), 0);

/**
 * The low `width` bits of Σ_p 2^p·(number of ones among `columns[p]`), depth +8.
 *
 * Let h be the largest column height. Round A (if h ≥ 3): every column is replaced by its bit
 * count (blocks of one column), depth 2, leaving height ≤ ⌊log₂ h⌋ + 1. Round B (if still
 * h ≥ 3): blocks of ℓ = ⌈log₂ h⌉ columns; a block sum is < h·2^ℓ ≤ 2^(2ℓ), so it spans at most
 * 2ℓ positions and overlaps only the next block: height ≤ 2, depth 2. Finally the two rows are
 * added by {@link addGadget}'s carry-lookahead (depth 4). Bits at positions ≥ width are dropped
 * throughout, which keeps the sum mod 2^width. The default width is the bit length of the
 * largest possible sum, so the result is exact; when the width is at least that, the final
 * adder also leaves out its (always 0) carry out of the top position.
 * @category gadgets
 */
export const columnSumGadget = (b: CircuitBuilder, columns: readonly (readonly number[])[], width?: number): number[] => {
  let max = 0n;
  columns.forEach((c, p) => (max += BigInt(c.length) << BigInt(p)));
  const need = max === 0n ? 0 : max.toString(2).length;
  const W = width ?? need;
  let cols: number[][] = Array.from({ length: W }, (_, p) => [...(columns[p] ?? [])]);
  if (maxHeight(cols) >= 3) cols = countRound(b, cols, 1, W);
  const h = maxHeight(cols);
  if (h >= 3) cols = countRound(b, cols, ceilLog2(h), W);
  if (maxHeight(cols) > 2) throw new Error('columnSumGadget: internal error, height > 2 after two rounds');
  const rowA = cols.map((c) => c[0] ?? null);
  const rowB = cols.map((c) => c[1] ?? null);
  return materialize(b, sparseAdd(b, rowA, rowB, W, W >= need));
};

/**
 * Σ of the given unsigned numbers (any lengths), low `width` bits (default: enough for the exact
 * sum), by {@link columnSumGadget}: depth +8.
 * @category gadgets
 */
export const iteratedAddGadget = (b: CircuitBuilder, numbers: readonly (readonly number[])[], width?: number): number[] => {
  const len = numbers.reduce((m, x) => Math.max(m, x.length), 0);
  const columns = Array.from({ length: len }, (_, p) => numbers.flatMap((x) => (p < x.length ? [x[p]!] : [])));
  return columnSumGadget(b, columns, width);
};

/**
 * x·y: partial products x_j ∧ y_i (one AND layer) in column i + j, then {@link columnSumGadget};
 * depth +9. Default width |x| + |y| (the exact product).
 * @category gadgets
 */
export const multiplyGadget = (b: CircuitBuilder, xs: readonly number[], ys: readonly number[], width?: number): number[] => {
  const W = width ?? xs.length + ys.length;
  const columns: number[][] = Array.from({ length: W }, () => []);
  ys.forEach((y, i) => xs.forEach((x, j) => {
    if (i + j < W) columns[i + j]!.push(b.and([x, y]));
  }));
  return columnSumGadget(b, columns, W);
};

// ---------------------------------------------------------------------------------------------
// Shifts and leading one
// ---------------------------------------------------------------------------------------------

/**
 * The gate [amount = t ∧ x], as one threshold gate on the amount bits and x, depth 1:
 * Σ_{t_j = 1} a_j − Σ_{t_j = 0} a_j + x reaches its maximum popcount(t) + 1 exactly when every
 * amount bit matches t and x = 1.
 */
const amountIs = (b: CircuitBuilder, amount: readonly number[], t: number, x: number): number => {
  let ones = 0;
  const weights = amount.map((_, j) => {
    if (Math.floor(t / 2 ** j) % 2 === 1) {
      ones++;
      return 1;
    }
    return -1;
  });
  return b.ge([...amount, x], ones + 1, [...weights, 1]);
};

const shiftGadget = (
  b: CircuitBuilder,
  xs: readonly number[],
  amount: readonly number[],
  width: number,
  dir: 1 | -1,
): number[] => {
  const T = Math.min(2 ** amount.length, Math.max(xs.length, width));
  const out: Bit[] = [];
  for (let i = 0; i < width; i++) {
    const terms: number[] = [];
    for (let t = 0; t < T; t++) {
      const src = i - dir * t;
      if (src >= 0 && src < xs.length) terms.push(amountIs(b, amount, t, xs[src]!));
    }
    out.push(terms.length === 0 ? null : terms.length === 1 ? terms[0]! : b.or(terms));
  }
  return materialize(b, out);
};

/**
 * (x · 2^a) mod 2^width for a w-bit x and an s-bit amount a (default width w: truncating left
 * shift); depth +2. Output bit i = OR_t ([a = t] ∧ x_{i−t}); each term is one ±1-weighted
 * threshold gate on a and x_{i−t} (depth 1), the OR depth 2. Amounts with no matching term give 0.
 * With T = min(2^s, w) and width w: T·w − T(T−1)/2 term gates plus w − 1 ORs (none if T = 1).
 * @category gadgets
 */
export const shiftLeftGadget = (b: CircuitBuilder, xs: readonly number[], amount: readonly number[], width?: number): number[] =>
  shiftGadget(b, xs, amount, width ?? xs.length, 1);

/**
 * ⌊x / 2^a⌋ (truncating right shift), low `width` bits (default w); depth +2. Output bit
 * i = OR_t ([a = t] ∧ x_{i+t}), built as in {@link shiftLeftGadget}, with the same gate count.
 * @category gadgets
 */
export const shiftRightGadget = (b: CircuitBuilder, xs: readonly number[], amount: readonly number[], width?: number): number[] =>
  shiftGadget(b, xs, amount, width ?? xs.length, -1);

/**
 * Position of the most significant 1 of a w-bit x (w ≥ 1), depth +2, at most w + ⌈log₂ w⌉ gates:
 * - `oneHot[i]` = [x_i − Σ_{j>i} x_j ≥ 1] (x_i is the top one), depth 1; the top one is x_{w−1} itself;
 * - `binary[k]` (k < ⌈log₂ w⌉) = OR of `oneHot[i]` over i with bit k of i set, depth 2
 *   (the single `oneHot` gate when only one i qualifies);
 * - `isZero` = θ≤0(x), depth 1.
 * For x = 0, `oneHot` and `binary` are all 0.
 * @category gadgets
 */
export const leadingOneGadget = (
  b: CircuitBuilder,
  xs: readonly number[],
): { oneHot: number[]; binary: number[]; isZero: number } => {
  const w = xs.length;
  if (w < 1) throw new RangeError('leadingOneGadget: needs at least one bit');
  const oneHot = xs.map((x, i) => (i === w - 1 ? x : b.ge([x, ...xs.slice(i + 1)], 1, [1, ...xs.slice(i + 1).map(() => -1)])));
  const binary = Array.from({ length: ceilLog2(w) }, (_, k) => {
    const hs = oneHot.filter((_, i) => Math.floor(i / 2 ** k) % 2 === 1);
    return hs.length === 1 ? hs[0]! : b.or(hs);
  });
  const isZero = b.le(xs, 0);
  return { oneHot, binary, isZero };
};
