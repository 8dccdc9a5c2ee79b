/**
 * # Iterated float addition in constant depth (P1 Lemma 5)
 *
 * The p-precision iterated sum ⊕ of k floats (P1 Def 15: f_p(Σ_i g_p(φ_i)), the exact integer
 * sum of the g_p images, truncated once by f_p, saturating on overflow) as a threshold circuit
 * whose depth is a constant independent of k and p, bit-exact with the kernel's `iteratedSum`
 * (`src/core/float.ts`) on every input bit pattern, negative zeros and non-normal floats included.
 *
 * ## Main definitions
 * - {@link floatIteratedSum}: the family member for k floats of precision p.
 * - {@link floatIteratedSumGateCount}: the construction's dense count of its gates, stage by
 *   stage (an upper bound on the size), and {@link floatIteratedSumWireBound}, an upper bound on
 *   its wires (total fan-in): both checked up front against the kernel's limits. The claimed
 *   bounds are stated in `src/proofs/arithmetic/floatIteratedSum.ts` (whose size claim is this
 *   gate count: the one claim the library takes from a construction's own accounting).
 * - {@link floatIteratedSumShape}: the internal widths (columns, sum width, block width).
 * - {@link floatIteratedSumStages}: gates per stage (also in the layout of every member).
 *
 * ## Main results
 * Depth ≤ 9 (= 9 for k ≥ 2 and p ≥ 6; this is d_⊕ of P1 Theorem 1), size ≤
 * {@link floatIteratedSumGateCount}, polynomial in k and 2^(p/2) (so polynomial in n for
 * p ≤ c·log₂ n, k ≤ n). Write q = p/2, M = I^max = 2^(q−1) − 1, float i = ⟨(−1)^σ_i a_i, e_i⟩
 * with a_i < 2^(q−1), and s_i = e_i − I^min = e_i + M ∈ [0, 2M], so g_p(φ_i) = (−1)^σ_i a_i 2^(s_i).
 * 1. *Alignment* (layers 1–2). A selector [e_i = v ∧ a_ij = 1] for every float i, exponent
 *    value v ∈ [−M, M] and mantissa bit j is one threshold gate with weights ±1 read directly
 *    off the sign-magnitude bits (v > 0: |e| = v and sign 0; v < 0: |e| = −v and sign 1; v = 0:
 *    |e| = 0, either sign), so no decoding layer is needed. Column c ∈ [0, W), W = 2M + q − 1,
 *    of the positive pile gets pos_ic = [Σ_j sel(i, c − j − M, j) − σ_i ≥ 1] and the negative
 *    pile neg_ic = [Σ_j sel(i, c − j − M, j) + σ_i ≥ 2]: the selectors of one (i, c) are
 *    mutually exclusive (one exponent per float), so their sum is their OR; the sign is folded in.
 * 2. *Column sums* (layers 3–4): each column of each pile (k bits) gets its binary count
 *    (β = ⌊log₂ k⌋ + 1 bits) by the symmetric-function trick: ge_t = [Σ ≥ t] for even t
 *    (layer 3), then bit j = [Σ − 2^(j+1)·Σ_m ge_(m·2^(j+1)) ≥ 2^j] (layer 4). Now
 *    z = P − N = Σ_c 2^c (cnt⁺_c − cnt⁻_c), and each position holds at most h = 2β signed bits.
 * 3. *Final addition* (layers 4–7), z mod 2^(W′) in two's complement, W′ = 2M + bitLength(kM) + 1
 *    (|z| ≤ kM·2^(2M) < 2^(W′−1)). Blocks of ℓ ≥ ⌈log₂ h⌉ positions; block b's value
 *    V_b = Σ ±2^(pos − bℓ)·bit + o_b is made non-negative by an offset o_b, the offsets chosen (a
 *    constant κ split into base-2^ℓ digits) so that Σ_b 2^(bℓ) o_b ≡ 0 mod 2^(W′).
 *    V_b ≤ (h + 1)(2^ℓ − 1) < 2^(2ℓ), so hi_b = ⌊V_b / 2^ℓ⌋ < 2^ℓ and the digit
 *    D_b = (V_b mod 2^ℓ) + hi_(b−1) ≤ 2^(ℓ+1) − 2 carries at most 1 into the next block.
 *    - Layer 4: T_b,m = [V_b ≥ m·2^ℓ], so hi_b = Σ_m T_b,m. These gates do not read the count
 *      bits (layer 4) but an equal linear form one layer below: the bits r ∈ [r0, r1) of a count
 *      that land in the block sum to 2^(r0)·(⌊cnt/2^(r0)⌋ − 2^(r1−r0)·⌊cnt/2^(r1)⌋), and
 *      ⌊cnt/2^r⌋ = Σ_m ge_(m·2^r) (r ≥ 1) or Σ of the pile bits (r = 0) is linear in layers ≤ 3.
 *    - Layer 5: E_b,t = [D_b ≥ t], D_b being linear in the count bits and the T's; generate
 *      G_b = E_b,2^ℓ, propagate P_b = E_b,(2^ℓ − 1).
 *    - Layer 6: the carry into b is C_b = Σ_(b′<b) term_b′b, term_b′b = G_b′ ∧ ⋀_(b′<b″<b) (P_b″ ∧ ¬G_b″)
 *      (the last generating block below b, with only exact-propagate blocks between: the terms
 *      are mutually exclusive, so C_b is their sum, and each is one threshold gate); and
 *      A_b′bj = term_b′b ∧ [D_b ≡ −1 mod 2^(j+1)], one gate because [D_b ≡ −1 mod Q] =
 *      Σ_(m≥1) (E_b,(mQ−1) − E_b,mQ) is a 0/1-valued linear form in the E's.
 *    - Layer 7: bit j of D_b + C_b is [X − Q·⌊X/Q⌋ ≥ 2^j] with X = D_b + C_b, Q = 2^(j+1) and
 *      ⌊X/Q⌋ = Σ_m E_b,mQ + Σ_b′ A_b′bj: a threshold of a linear form in layers ≤ 6.
 *    The same layers on the negated counts give −z mod 2^(W′) in parallel.
 * 4. *Sign*: s = bit W′ − 1 of z (no gate); |z| is z if s = 0 and −z otherwise, and this
 *    selection is folded into the truncation's first layer (each of its gates also reads s).
 * 5. *Truncation* (layers 8–9), f_p on |z| with leading one at L: for L ≤ q − 2, m = |z|; for
 *    q − 1 ≤ L ≤ 2M + q − 2, m = bits L − q + 2 … L of |z| and e = L − q + 2 − M; for
 *    L ≥ 2M + q − 1 saturation (m = e = M with the sign of z). Each case is one threshold gate
 *    (|z|_L = 1, no higher one, |z|_(L−q+2+j) = 1, s as selected), and each output bit one OR.
 *    The exponent bits are ORs of leading-one gates; z = 0 gives the canonical ⟨0, I^min⟩;
 *    the mantissa sign is s, which is 0 for z = 0, so negative zero is never produced.
 * Depth: 2 + 1 + 4 + 2 = 9 (the count bits at layer 4 are read only from layer 5 on). For k = 1
 * a count is its bit and the depth is 8; at p = 4 some layers fold away for some k (depth 8).
 *
 * ## Implementation notes
 * - Stages as reported by {@link floatIteratedSumStages}: `decode` is empty (folded into the
 *   alignment selectors); `final addition` is the block adder for z, `sign` the one for −z (the
 *   price of sign handling: |z| needs −z when z < 0); `truncation` is the mantissa and the
 *   saturation; `encode` the exponent bits.
 * - The block width ℓ is the valid one (⌈log₂ h⌉ ≤ ℓ ≤ min(⌈log₂ h⌉ + 10, 14)) of least wire bound:
 *   the carry terms cost Θ(n_B³) wires, n_B = ⌈W′/ℓ⌉, the E gates Θ(n_B·2^ℓ·hℓ).
 * - Known-constant bits are folded at construction time (a gate whose linear form cannot leave
 *   one side of its threshold is not built), so the dense counts bound the gate counts.
 * - Gates: the alignment dominates, k(2M + 1)(q − 1) selectors. Wires: the column counts
 *   dominate, about k²·W; the truncation has Θ(q·M²). k = 512, p = 18 is about 2·10^8
 *   wires; k = 1024, p = 20 and p = 24 (any k) exceed the kernel's 4·10^8 and are refused
 *   up front, before anything is built.
 * - Weights are at most max(k, 2^(2ℓ−1)) and thresholds below 2^(2ℓ+1), so below 2^30 (ℓ ≤ 14).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, App. A Defs 13–15,
 *   Lemma 5; the pinned float reading of `docs/semantics.md`, "Floats".
 * - A. K. Chandra, L. Stockmeyer, U. Vishkin, "Constant depth reducibility", SIAM J. Comput.
 *   13(2), 1984 (column sums, then blocks).
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded
 *   depth", JCSS 46, 1993 (functions of a weighted sum in depth 2).
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1 (carry lookahead).
 *
 * @module
 */
import { CIRCUIT_LIMITS, createBuilder, type CircuitBuilder } from '../../core/circuit.js';
import { bitLength, ceilLog2, range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** The stages of the construction, in build order. @category model */
export type FloatIteratedSumStageName =
  | 'decode'
  | 'alignment'
  | 'column sums'
  | 'final addition'
  | 'sign'
  | 'truncation'
  | 'encode';

/**
 * Gates built by one stage: ids `firstGate … endGate − 1` (measured with the builder's
 * `size()` before and after the stage).
 * @category model
 */
export interface FloatIteratedSumStage {
  readonly stage: FloatIteratedSumStageName;
  readonly gates: number;
  readonly firstGate: number;
  readonly endGate: number;
}

/**
 * The internal widths of the construction for k floats of precision p.
 * @category model
 */
export interface FloatIteratedSumShape {
  readonly k: number;
  readonly p: number;
  /** q = p/2. */
  readonly q: number;
  /** M = I^max = 2^(q−1) − 1. */
  readonly iMax: number;
  /** W = 2M + q − 1 aligned columns (g_p(φ) has at most that many magnitude bits). */
  readonly columns: number;
  /** β = bitLength(k): bits of a column count. */
  readonly countBits: number;
  /** h = 2β: signed bits per position after the column sums. */
  readonly height: number;
  /** W′ = 2M + bitLength(k·M) + 1: two's-complement width of z = Σ g_p(φ_i). */
  readonly sumWidth: number;
  /** ℓ: block width of the final addition, ⌈log₂ h⌉ ≤ ℓ ≤ 14, the one of least wire bound. */
  readonly blockWidth: number;
  /** n_B = ⌈W′ / ℓ⌉ blocks. */
  readonly blocks: number;
}

/**
 * Layout of {@link floatIteratedSum}: `floats[i]` = input bits i·p … i·p + p − 1 (the kernel
 * float layout: mantissa bits 0 … q−1, exponent bits q … p−1, each sign-magnitude with the
 * magnitude LSB first and the sign last); `sum` = outputs 0 … p−1 in the same layout
 * (`mantissa` = 0 … q−1, `exponent` = q … p−1).
 * @category model
 */
export interface FloatIteratedSumLayout {
  readonly floats: readonly (readonly number[])[];
  readonly sum: readonly number[];
  readonly mantissa: readonly number[];
  readonly exponent: readonly number[];
  readonly shape: FloatIteratedSumShape;
  readonly stages: readonly FloatIteratedSumStage[];
}

// ---------------------------------------------------------------------------------------------
// shape and bounds
// ---------------------------------------------------------------------------------------------

const NAME = 'floatIteratedSum';

/**
 * The largest precision accepted. Beyond it no member fits the kernel's limits anyway (the
 * truncation alone has about q·4^(q−1) wires), and the bounds stay cheap to evaluate.
 * @category model
 */
export const FLOAT_ITERATED_SUM_MAX_PRECISION = 32;

const validate = (fn: string, k: number, p: number): void => {
  requireInt(fn, 'k', k, 1, 2 ** 24);
  requireInt(fn, 'p', p, 4, FLOAT_ITERATED_SUM_MAX_PRECISION);
  if (p % 2 !== 0) throw new RangeError(`${fn}: p must be even, got ${p}`);
};

/**
 * Upper bounds on the gates and wires of one block adder ({@link signedSumMod}) for a sum of
 * width `Wp` with at most `h` signed bits per position and blocks of ℓ positions (h ≤ 2^ℓ).
 */
const adderCost = (k: number, Wp: number, h: number, ell: number): { gates: number; wires: number } => {
  const nB = Math.ceil(Wp / ell);
  const unit = 2 ** ell;
  const H = Math.min(h, unit - 1); // T gates per block: ⌊V_max / 2^ℓ⌋ ≤ min(h, 2^ℓ − 1)
  const dMax = unit - 1 + H; // E gates per block
  const blockBits = h * ell;
  // layer 1 reads the ℓ pile columns of both piles (2kℓ bits) and, per pile, the floors
  // ⌊cnt/2^r⌋ (r ≥ 1) of the counts that cross the block's edges: fewer than 3k gates
  const layer1 = 2 * k * ell + 6 * k;
  let wires = 0;
  for (let b = 0; b < nB; b++) {
    const lower = Math.max(0, b - 1); // generating blocks below b (block 0 never generates)
    const chainWires = lower * lower; // Σ_{from=1}^{b−1} (1 + 2(b − from − 1)) = (b − 1)²
    wires += H * layer1 + dMax * (blockBits + 2 * H) + chainWires;
    for (let j = 0; j < ell; j++) {
      const perQ = Math.floor((dMax + 1) / 2 ** (j + 1));
      wires += chainWires + lower * 2 * perQ; // A gates
      wires += blockBits + 2 * H + 2 * lower + perQ; // sum bit
    }
  }
  const gates = nB * (2 * h + unit - 1) + ((ell + 1) * nB * (nB - 1)) / 2 + Wp;
  return { gates, wires };
};

/** The block width: the one of least wire cost among the valid ones (h ≤ 2^ℓ). */
const chooseBlockWidth = (k: number, Wp: number, h: number): number => {
  const min = ceilLog2(h);
  let best = min;
  let bestCost = adderCost(k, Wp, h, min).wires;
  // ℓ ≤ 14 keeps every weight (≤ 2^(2ℓ−1)) and threshold below the kernel's 2^30
  for (let ell = min + 1; ell <= Math.min(min + 10, 14); ell++) {
    const cost = adderCost(k, Wp, h, ell).wires;
    if (cost < bestCost) {
      best = ell;
      bestCost = cost;
    }
  }
  return best;
};

const shapeOf = (k: number, p: number): FloatIteratedSumShape => {
  const q = p / 2;
  const iMax = 2 ** (q - 1) - 1;
  const countBits = bitLength(k);
  const height = 2 * countBits;
  const sumWidth = 2 * iMax + (BigInt(k) * BigInt(iMax)).toString(2).length + 1;
  const blockWidth = chooseBlockWidth(k, sumWidth, height);
  return {
    k,
    p,
    q,
    iMax,
    columns: 2 * iMax + q - 1,
    countBits,
    height,
    sumWidth,
    blockWidth,
    blocks: Math.ceil(sumWidth / blockWidth),
  };
};

/**
 * The internal widths for k ≥ 1 floats of even precision 4 ≤ p ≤ 32 (no circuit is built).
 * @category bounds
 */
export const floatIteratedSumShape = (k: number, p: number): FloatIteratedSumShape => {
  validate('floatIteratedSumShape', k, p);
  return shapeOf(k, p);
};

/** Gates per stage, dense upper bounds ({@link floatIteratedSumGateCount} is their sum). */
const stageBounds = (sh: FloatIteratedSumShape): Record<FloatIteratedSumStageName, number> => {
  const { k, q, iMax: M, columns: W, countBits: beta, height: h, sumWidth: Wp, blockWidth: ell } = sh;
  const nu = Wp - 1 - (2 * M + q - 1); // saturation positions per sign
  const adder = adderCost(k, Wp, h, ell).gates;
  return {
    decode: 0,
    alignment: k * (2 * M + 1) * (q - 1) + 2 * k * W,
    'column sums': k >= 2 ? 2 * W * (Math.floor(k / 2) + beta - 1) : 0,
    'final addition': adder,
    sign: adder,
    truncation: 2 * (2 * M * (q - 1) + (q - 1) + nu) + (q - 1),
    // + 2: at most two `const` gates if some output were constant (never, for k ≥ 1)
    encode: 4 + q + 2,
  };
};

/**
 * The construction's dense count of the gates of {@link floatIteratedSum}`(k, p)`: the sum over
 * its stages of their dense gate counts (known-constant gates are folded away, so the size is
 * at most this), i.e.
 * k(2M+1)(q−1) + 2kW + 2W(⌊k/2⌋ + β − 1)·[k ≥ 2]
 * + 2·(n_B(2h + 2^ℓ − 1) + (ℓ+1)·n_B(n_B − 1)/2 + W′) + 2(2M(q−1) + q − 1 + ν) + 2q + 5,
 * with the quantities of {@link FloatIteratedSumShape} (ℓ as the construction chooses it) and
 * ν = W′ − 2M − q. Used to refuse members beyond the kernel's gate limit before building.
 * @category bounds
 */
export const floatIteratedSumGateCount = (k: number, p: number): number => {
  validate('floatIteratedSumGateCount', k, p);
  const b = stageBounds(shapeOf(k, p));
  return Object.values(b).reduce((x, y) => x + y, 0);
};

/**
 * An upper bound on the wires (total fan-in) of {@link floatIteratedSum}`(k, p)`, stage by stage
 * (dense gate counts times largest fan-in of their kind). Dominated by the column counts,
 * about k²·W. Used to refuse members beyond the kernel's `CIRCUIT_LIMITS` before building.
 * @category bounds
 */
export const floatIteratedSumWireBound = (k: number, p: number): number => {
  validate('floatIteratedSumWireBound', k, p);
  const { q, iMax: M, columns: W, countBits: L, height: h, sumWidth: Wp, blockWidth: ell } = shapeOf(k, p);
  let wires = k * (2 * M + 1) * (q - 1) * (q + 1) + 2 * k * W * q;
  if (k >= 2) wires += 2 * W * (k * Math.floor(k / 2) + (L - 1) * (k + Math.floor(k / 2)));
  wires += 2 * adderCost(k, Wp, h, ell).wires;
  const Wm = Wp - 1;
  // Σ_{t = q−1}^{2M+q−2} (q − 1)(Wm − t + 2): leading-one and mantissa gates
  const n = 2 * M;
  let trunc = (q - 1) * (n * (Wm - q + 3) - (n * (n - 1)) / 2);
  trunc += (q - 1) * (Wm - q + 3) + 2 * (Wm - 2 * M - q + 1) + (Wm - q + 2) + (Wm - M - q + 3);
  wires += 2 * trunc + (2 * (q - 1) + 1) * 2 * (2 * M + 1 + Wm);
  return wires;
};

// ---------------------------------------------------------------------------------------------
// machinery: literals with constant folding
// ---------------------------------------------------------------------------------------------

/** A gate id, or a bit known at construction time. */
type Lit = number | boolean;
/** A literal with an integer weight. */
type Term = readonly [Lit, number];

/** A linear form over gates, constants folded and repeated gates merged, with its range. */
interface Form {
  readonly args: readonly number[];
  readonly ws: readonly number[];
  /** The constant part. */
  readonly c: number;
  /** Smallest and largest values over all assignments of the gates (taken as independent). */
  readonly lo: number;
  readonly hi: number;
  readonly unit: boolean;
}

const prepare = (terms: readonly Term[]): Form => {
  let c = 0;
  const acc = new Map<number, number>();
  for (const [x, w] of terms) {
    if (w === 0) continue;
    if (typeof x === 'boolean') {
      if (x) c += w;
    } else acc.set(x, (acc.get(x) ?? 0) + w);
  }
  const args: number[] = [];
  const ws: number[] = [];
  let lo = c;
  let hi = c;
  let unit = true;
  for (const [g, w] of acc) {
    if (w === 0) continue;
    args.push(g);
    ws.push(w);
    if (w > 0) hi += w;
    else lo += w;
    if (w !== 1) unit = false;
  }
  return { args, ws, c, lo, hi, unit };
};

/**
 * [form ≥ t]: a constant when the form cannot help being on one side of t; the argument itself
 * when it is one gate of positive weight; otherwise one threshold gate.
 */
const geForm = (b: CircuitBuilder, f: Form, t: number): Lit => {
  if (f.lo >= t) return true;
  if (f.hi < t) return false;
  if (f.args.length === 1 && f.ws[0]! > 0) return f.args[0]!;
  return f.unit ? b.ge(f.args, t - f.c) : b.ge(f.args, t - f.c, f.ws);
};

/** [Σ w·x ≥ t] over literals ({@link geForm} of the prepared terms). */
const geLit = (b: CircuitBuilder, terms: readonly Term[], t: number): Lit => geForm(b, prepare(terms), t);

/** OR over literals, constants folded. */
const orLit = (b: CircuitBuilder, lits: readonly Lit[]): Lit => {
  const args: number[] = [];
  for (const x of lits) {
    if (x === true) return true;
    if (x !== false && !args.includes(x)) args.push(x);
  }
  return args.length === 0 ? false : args.length === 1 ? args[0]! : b.or(args);
};

/** A literal as a gate id (a `const` gate for a constant, made once per value). */
const materializer = (b: CircuitBuilder): ((x: Lit) => number) => {
  const consts = new Map<boolean, number>();
  return (x) => {
    if (typeof x === 'number') return x;
    const known = consts.get(x);
    if (known !== undefined) return known;
    const g = b.constant(x ? 1 : 0);
    consts.set(x, g);
    return g;
  };
};

// ---------------------------------------------------------------------------------------------
// column counts that keep their threshold layer
// ---------------------------------------------------------------------------------------------

/**
 * The binary count of a column (as `weightedCountGadget` with unit weights, whose gates it
 * builds in the same way), keeping the first layer: `ge.get(t)` = [Σ x ≥ t] for every even
 * 2 ≤ t ≤ |x|. Bits: β = bitLength(|x|); bit j < β − 1 is [Σ x − 2^(j+1)·Σ_m ge(m·2^(j+1)) ≥ 2^j]
 * (depth 2), the top bit is ge(2^(β−1)) (depth 1); a single bit is its own count.
 */
interface ColumnCount {
  readonly xs: readonly number[];
  readonly ge: ReadonlyMap<number, number>;
  readonly bits: readonly number[];
}

const columnCount = (b: CircuitBuilder, xs: readonly number[]): ColumnCount => {
  const n = xs.length;
  const L = bitLength(n);
  const ge = new Map<number, number>();
  if (n === 1) return { xs, ge, bits: [xs[0]!] };
  for (let t = 2; t <= n; t += 2) ge.set(t, b.ge(xs, t));
  const bits = range(0, L).map((j) => {
    if (j === L - 1) return ge.get(2 ** j)!;
    const Q = 2 ** (j + 1);
    const ts: number[] = [];
    for (let t = Q; t <= n; t += Q) ts.push(ge.get(t)!);
    return b.ge([...xs, ...ts], 2 ** j, [...xs.map(() => 1), ...ts.map(() => -Q)]);
  });
  return { xs, ge, bits };
};

/** ⌊count / 2^r⌋ as a linear form in the column's inputs (r = 0) or its threshold layer. */
const floorForm = (col: ColumnCount, r: number, weight: number): Term[] => {
  if (r === 0) return col.xs.map((x): Term => [x, weight]);
  const out: Term[] = [];
  for (let t = 2 ** r; t <= col.xs.length; t += 2 ** r) out.push([col.ge.get(t)!, weight]);
  return out;
};

/** A column count with its place value ±2^c. */
interface PlacedCount {
  readonly col: ColumnCount;
  readonly c: number;
  readonly sign: 1 | -1;
}

/**
 * Σ of the count bits that land in positions [lo, hi), each weighted ±2^(pos − lo), as a
 * linear form *below* the count bits: the bits r ∈ [r0, r1) of a count at column c contribute
 * 2^(c + r0 − lo)·(⌊cnt/2^r0⌋ − 2^(r1 − r0)·⌊cnt/2^r1⌋), and each floor is linear in the
 * column's inputs or threshold layer ({@link floorForm}). Equal in value to the sum over the bits.
 */
const blockForm = (counts: readonly PlacedCount[], lo: number, hi: number, flip: 1 | -1): Term[] => {
  const out: Term[] = [];
  for (const { col, c, sign } of counts) {
    const beta = col.bits.length;
    const r0 = Math.max(0, lo - c);
    const r1 = Math.min(beta, hi - c);
    if (r0 >= r1) continue;
    const w = flip * sign * 2 ** (c + r0 - lo);
    out.push(...floorForm(col, r0, w));
    if (r1 < beta) out.push(...floorForm(col, r1, -w * 2 ** (r1 - r0)));
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// the final addition: Σ ±2^pos·bit mod 2^width in four layers (circuit layers 4–7)
// ---------------------------------------------------------------------------------------------

/** A bit with a signed place value ±2^pos. */
interface SignedBit {
  readonly g: Lit;
  readonly pos: number;
  readonly sign: 1 | -1;
}

/**
 * Σ sign·2^pos·g mod 2^width, LSB first, as in step 3 of the module doc, for at most
 * `2^ell` bits per position. Depth +4 over the bits; with `layer1`, the linear form of each
 * block's value (without its constant) given *below* the bits (one layer shallower), the layer-1
 * gates read it instead, and the depth is +3 over the bits (+1 over that form).
 */
const signedSumMod = (
  b: CircuitBuilder,
  bits: readonly SignedBit[],
  width: number,
  ell: number,
  layer1?: (lo: number, hi: number) => Term[],
): Lit[] => {
  const nB = Math.ceil(width / ell);
  const unit = 2 ** ell;
  const blocks: Term[][] = Array.from({ length: nB }, () => []);
  const negW = new Array<number>(nB).fill(0);
  const absW = new Array<number>(nB).fill(0);
  const cst = new Array<number>(nB).fill(0);
  for (const { g, pos, sign } of bits) {
    if (pos >= width || g === false) continue;
    const blk = Math.floor(pos / ell);
    const w = sign * 2 ** (pos - blk * ell);
    if (g === true) cst[blk] = cst[blk]! + w;
    else {
      blocks[blk]!.push([g, w]);
      absW[blk] = absW[blk]! + Math.abs(w);
      if (w < 0) negW[blk] = negW[blk]! - w;
    }
  }
  // κ ≡ −Σ_b 2^(bℓ)(N_b − cst_b) (mod 2^width); V_b = Σ w·g + N_b + κ_b ∈ [κ_b, Σ|w| + κ_b].
  const mod = 1n << BigInt(width);
  let kappa = 0n;
  for (let blk = 0; blk < nB; blk++) kappa += BigInt(negW[blk]! - cst[blk]!) << BigInt(blk * ell);
  kappa = (((-kappa) % mod) + mod) % mod;
  const digit = (blk: number): number => Number((kappa >> BigInt(blk * ell)) & BigInt(unit - 1));
  const vConst = blocks.map((_, blk) => negW[blk]! + digit(blk));
  const vMax = blocks.map((_, blk) => absW[blk]! + digit(blk));
  // adder layer 1: T_b,m = [V_b ≥ m·2^ℓ]
  const T: Lit[][] = blocks.map((terms, blk) => {
    const count = Math.floor(vMax[blk]! / unit);
    if (count === 0) return [];
    const form = prepare(layer1 === undefined ? terms : layer1(blk * ell, Math.min(width, (blk + 1) * ell)));
    return Array.from({ length: count }, (_, m) => geForm(b, form, (m + 1) * unit - vConst[blk]!));
  });
  // D_b = V_b − 2^ℓ·hi_b + hi_(b−1), in [0, 2^ℓ − 1 + |T_(b−1)|]
  const dTerms: Term[][] = blocks.map((terms, blk) => [
    ...terms,
    ...T[blk]!.map((x): Term => [x, -unit]),
    ...(blk > 0 ? T[blk - 1]!.map((x): Term => [x, 1]) : []),
  ]);
  const dForm = dTerms.map(prepare);
  const dMax = blocks.map((_, blk) => unit - 1 + (blk > 0 ? T[blk - 1]!.length : 0));
  // adder layer 2: E_b,t = [D_b ≥ t], built on demand
  const E: Map<number, Lit>[] = blocks.map(() => new Map());
  const e = (blk: number, t: number): Lit => {
    if (t <= 0) return true;
    if (t > dMax[blk]!) return false;
    const memo = E[blk]!;
    const known = memo.get(t);
    if (known !== undefined) return known;
    const g = geForm(b, dForm[blk]!, t - vConst[blk]!);
    memo.set(t, g);
    return g;
  };
  const G = blocks.map((_, blk) => e(blk, unit));
  const P = blocks.map((_, blk) => e(blk, unit - 1));
  /** The literals of term_b′b: G_b′, and P − G (exact propagate) for each block between. */
  const chain = (from: number, to: number): Term[] => {
    const out: Term[] = [[G[from]!, 1]];
    for (let m = from + 1; m < to; m++) out.push([P[m]!, 1], [G[m]!, -1]);
    return out;
  };
  /** [D_b ≡ −1 mod Q] as a 0/1-valued linear form in the E's. */
  const allOnes = (blk: number, Q: number): Term[] => {
    const out: Term[] = [];
    for (let m = 1; m * Q - 1 <= dMax[blk]!; m++) out.push([e(blk, m * Q - 1), 1], [e(blk, m * Q), -1]);
    return out;
  };
  const result: Lit[] = [];
  for (let blk = 0; blk < nB; blk++) {
    const lower = range(0, blk).filter((from) => G[from] !== false);
    // adder layer 3: carry terms and their conjunctions with [D_b ≡ −1 mod 2^(j+1)]
    const carry = lower.map((from) => geLit(b, chain(from, blk), blk - from));
    const bitsHere = Math.min(ell, width - blk * ell);
    for (let j = 0; j < bitsHere; j++) {
      const Q = 2 ** (j + 1);
      const ones = allOnes(blk, Q);
      const A = lower.map((from) => geLit(b, [...chain(from, blk), ...ones], blk - from + 1));
      // adder layer 4: bit j of X = D_b + C_b is [X − Q·⌊X/Q⌋ ≥ 2^j]
      const terms: Term[] = [...dTerms[blk]!, ...carry.map((x): Term => [x, 1]), ...A.map((x): Term => [x, -Q])];
      for (let m = 1; m * Q <= dMax[blk]! + 1; m++) terms.push([e(blk, m * Q), -Q]);
      result.push(geLit(b, terms, 2 ** j - vConst[blk]!));
    }
  }
  return result;
};

// ---------------------------------------------------------------------------------------------
// constructor
// ---------------------------------------------------------------------------------------------

/**
 * The weighted literals of "the exponent equals v" over its sign-magnitude bits (magnitude bits
 * `eMag`, sign bit `eSign`): Σ ws·args ≥ ones exactly when e = v, with +1 on the bits that must
 * be 1 and −1 on those that must be 0 (the sign bit only when v ≠ 0). A gate adds its own
 * further arguments and raises the threshold to match.
 * @category gadgets
 */
export const exponentEquals = (eMag: readonly number[], eSign: number, v: number): { args: number[]; ws: number[]; ones: number } => {
  const a = Math.abs(v);
  const args: number[] = [];
  const ws: number[] = [];
  let ones = 0;
  eMag.forEach((bit, r) => {
    args.push(bit);
    if (Math.floor(a / 2 ** r) % 2 === 1) {
      ws.push(1);
      ones++;
    } else ws.push(-1);
  });
  if (v !== 0) {
    args.push(eSign);
    ws.push(v < 0 ? 1 : -1);
    if (v < 0) ones++;
  }
  return { args, ws, ones };
};

/**
 * ⊕ of k ≥ 1 floats of even precision 4 ≤ p ≤ 32 (P1 Def 15), bit-exact with `iteratedSum`:
 * float i on inputs i·p … i·p + p − 1, the sum on outputs 0 … p − 1, both in the kernel float
 * layout. Throws a `RangeError` for bad parameters, or when {@link floatIteratedSumWireBound}
 * exceeds the kernel's wire limit (e.g. k = 1024, p = 20, or p = 24), before building anything.
 * @example
 * ```ts
 * const { circuit, layout } = floatIteratedSum(16, 8);
 * layout.stages.map((s) => `${s.stage}: ${s.gates}`);
 * ```
 * @category constructors
 */
export const floatIteratedSum = (k: number, p: number): ArithmeticCircuit<FloatIteratedSumLayout> => {
  validate(NAME, k, p);
  const wires = floatIteratedSumWireBound(k, p);
  const gates = floatIteratedSumGateCount(k, p);
  if (wires > CIRCUIT_LIMITS.maxWires || gates > CIRCUIT_LIMITS.maxGates) {
    throw new RangeError(
      `${NAME}: k = ${k}, p = ${p} needs up to ${wires} wires and ${gates} gates, beyond the kernel's limits (${CIRCUIT_LIMITS.maxWires} wires, ${CIRCUIT_LIMITS.maxGates} gates)`,
    );
  }
  const sh = shapeOf(k, p);
  const { q, iMax: M, columns: W, sumWidth: Wp, blockWidth: ell } = sh;
  const b = createBuilder();
  const inputs = Array.from({ length: k }, () => b.inputs(p));
  const stages: FloatIteratedSumStage[] = [];
  const stage = <T>(name: FloatIteratedSumStageName, body: () => T): T => {
    const firstGate = b.size();
    const out = body();
    stages.push({ stage: name, gates: b.size() - firstGate, firstGate, endGate: b.size() });
    return out;
  };

  stage('decode', () => undefined);

  // 1. alignment: pos/neg pile bits, column c ∈ [0, W)
  const piles = stage('alignment', () => {
    const pos: Lit[][] = Array.from({ length: W }, () => []);
    const neg: Lit[][] = Array.from({ length: W }, () => []);
    for (const bits of inputs) {
      const mMag = bits.slice(0, q - 1);
      const mSign = bits[q - 1]!;
      const eMag = bits.slice(q, p - 1);
      const eSign = bits[p - 1]!;
      // sel[s][j] = [e = s − M ∧ a_j = 1]
      const sel = range(0, 2 * M + 1).map((s) => {
        const { args, ws, ones } = exponentEquals(eMag, eSign, s - M);
        return mMag.map((mj) => b.ge([...args, mj], ones + 1, [...ws, 1]));
      });
      for (let c = 0; c < W; c++) {
        const terms: Term[] = [];
        for (let j = 0; j < q - 1; j++) {
          const s = c - j;
          if (s >= 0 && s <= 2 * M) terms.push([sel[s]![j]!, 1]);
        }
        pos[c]!.push(geLit(b, [...terms, [mSign, -1]], 1));
        neg[c]!.push(geLit(b, [...terms, [mSign, 1]], 2));
      }
    }
    return { pos, neg };
  });

  // 2. column sums: binary counts, as signed bits at positions c + r
  const mat = materializer(b);
  const counts = stage('column sums', () => {
    const out: PlacedCount[] = [];
    for (const [pile, sign] of [
      [piles.pos, 1],
      [piles.neg, -1],
    ] as const) {
      pile.forEach((col, c) => {
        const live = col.filter((x) => x !== false);
        if (live.length > 0) out.push({ col: columnCount(b, live.map(mat)), c, sign });
      });
    }
    return out;
  });
  const signed: SignedBit[] = counts.flatMap(({ col, c, sign }) => col.bits.map((g, r): SignedBit => ({ g, pos: c + r, sign })));

  // 3. z and −z mod 2^W′ (layer 1 reads the piles and the counts' first layer)
  const z = stage('final addition', () => signedSumMod(b, signed, Wp, ell, (lo, hi) => blockForm(counts, lo, hi, 1)));
  const nz = stage('sign', () =>
    signedSumMod(
      b,
      signed.map((x) => ({ ...x, sign: x.sign === 1 ? -1 : 1 })),
      Wp,
      ell,
      (lo, hi) => blockForm(counts, lo, hi, -1),
    ),
  );
  const s = z[Wp - 1]!;

  // 4–5. truncation of |z| (selected by s inside each gate), saturation, encoding
  const Wm = Wp - 1;
  const tLo = q - 1; // leading positions with a shift ≥ 1 …
  const tHi = 2 * M + q - 2; // … and without saturation
  const branches = [
    { mag: z, guard: -1, extra: 0 }, // s = 0: |z| = z
    { mag: nz, guard: 1, extra: 1 }, // s = 1: |z| = −z
  ];
  const gated = (br: (typeof branches)[number], terms: Term[], t: number): Lit =>
    geLit(b, [...terms, [s, br.guard]], t + br.extra);
  const none = (mag: readonly Lit[], from: number): Term[] => range(from, Math.max(0, Wm - from)).map((u): Term => [mag[u]!, -1]);

  const trunc = stage('truncation', () => {
    const per = branches.map((br) => {
      const { mag } = br;
      const lead: Lit[] = [];
      const mterm: Lit[][] = range(0, q - 1).map(() => []);
      for (let t = tLo; t <= tHi; t++) {
        const above = none(mag, t + 1);
        lead.push(gated(br, [[mag[t]!, 1], ...above], 1));
        for (let j = 0; j < q - 2; j++) mterm[j]!.push(gated(br, [[mag[t]!, 1], [mag[t - q + 2 + j]!, 1], ...above], 2));
      }
      mterm[q - 2] = lead;
      const high = none(mag, q - 1);
      const small = range(0, q - 1).map((j) => gated(br, [[mag[j]!, 1], ...high], 1));
      const sat = range(tHi + 1, Wm - tHi - 1).map((u) => gated(br, [[mag[u]!, 1]], 1));
      return { lead, mterm, small, sat };
    });
    const mantissa = range(0, q - 1).map((j) =>
      orLit(
        b,
        per.flatMap((x) => [x.small[j]!, ...x.mterm[j]!, ...x.sat]),
      ),
    );
    return { per, mantissa };
  });

  const exponent = stage('encode', () => {
    const zsmall = branches.map((br) => gated(br, none(br.mag, q - 1), 0));
    const eneg = branches.map((br) => gated(br, none(br.mag, M + q - 2), 0));
    const mag = range(0, q - 1).map((r) =>
      orLit(b, [
        ...zsmall,
        ...trunc.per.flatMap((x) => [
          ...x.lead.filter((_, i) => Math.floor(Math.abs(tLo + i - q + 2 - M) / 2 ** r) % 2 === 1),
          ...x.sat,
        ]),
      ]),
    );
    const outs = [...mag, orLit(b, eneg)].map(mat);
    return { outs, mantissa: [...trunc.mantissa, s].map(mat) };
  });

  const outputs = [...exponent.mantissa, ...exponent.outs];
  return {
    circuit: b.build(outputs),
    layout: {
      floats: inputs.map((_, i) => range(i * p, p)),
      sum: range(0, p),
      mantissa: range(0, q),
      exponent: range(q, q),
      shape: sh,
      stages,
    },
  };
};

/**
 * Gates per stage of {@link floatIteratedSum}`(k, p)` (builds the circuit; the same list is in
 * the layout of every member, so prefer that when the circuit is built anyway).
 * @category constructors
 */
export const floatIteratedSumStages = (k: number, p: number): readonly FloatIteratedSumStage[] =>
  floatIteratedSum(k, p).layout.stages;
