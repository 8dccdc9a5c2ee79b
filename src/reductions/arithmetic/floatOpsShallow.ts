/**
 * # Float multiplication, division and comparison on the shallow arithmetic
 *
 * The product, quotient and comparison of two p-precision floats, bit for bit as
 * `src/core/float.ts` defines them (the same specification as `./floatOps`), rebuilt on the
 * block-save technique of `iteratedAdditionShallow.ts` and on *guarded* output gates. Kept beside
 * the arithmetic routes of `./floatOps` (depths 17, 14, 6); the lemmas `float-mul`, `float-div`
 * and `float-compare` check both and print their depths side by side.
 *
 * ## Main definitions
 * - {@link floatMulShallow} (depth 4 for p ≤ 16, 5 beyond), {@link floatDivShallow} (depth 3),
 *   {@link floatCompareShallow} (depth 3): the family members, layouts as in `./floatOps`.
 * - Builder-level gadgets {@link floatMulShallowGadget}, {@link floatDivShallowGadget},
 *   {@link floatCompareShallowGadget} for composition (the compiled transformer's arithmetic
 *   route).
 * - {@link signedSumBitForms}: the block-save adder of `floatIteratedSumShallow.ts` with a
 *   constant, returning each output bit as a threshold *form* rather than a gate, so that the
 *   caller can AND conditions into that last gate for free ({@link guardedGate}).
 *
 * ## Main results
 * Notation: q = p/2, r = q − 1 (magnitude bits), M = 2^r − 1; e_a, e_b the exponents.
 * Depths (kernel basis; every input is read at layer 1):
 * - **comparison, depth 3.** Layer 1: zero/positive/negative per operand; the exponent
 *   conditions [δ ≥ c] for δ = e_b − e_a and |c| ≤ r, each the sum of four mutually exclusive
 *   gates, one per pair of exponent signs (so a 0/1 linear form of layer-1 gates); the mantissa
 *   comparisons X_d = m_b·2^d − m_a (m_b − m_a·2^(−d) for d < 0) ≥ 1 and ≥ 0 for |d| < r.
 *   Layer 2: one AND per case (|a| < |b| iff δ ≥ r, or δ = d with |d| < r and X_d ≥ 1, for
 *   non-zero magnitudes: m < 2^r makes |δ| ≥ r decisive). Layer 3: the ORs.
 * - **product, depth 5 for p > 16** (the adder route). Layer 1: the r² partial products
 *   x_i ∧ y_j and the exponent conditions; layer 2: G_t = [x·y ≥ 2^t] (x·y is a linear form of layer 1), so the bit length
 *   of x·y is L = Σ_t G_t and its one-hot leading one h_j = G_j − G_(j+1) is a 0/1 form of
 *   layer 2; layer 3: A = h_j ∧ (condition on D), where the normal-form exponent
 *   D = e_a + e_b + L − r becomes, under h_j, a condition on e_a + e_b alone (layer 1);
 *   layer 4: the bits of x·y by the block-save adder (the depth-4 multiplication), each output
 *   gate also reading Σ A (the AND is folded into that gate: {@link guardedGate}), and the
 *   exponent bits (e_a + e_b + j + 1 − r) mod 2^r and its negation by block-save adders on
 *   the exponent bits and their ANDs with the sign, guarded the same way; layer 5: the ORs of the truncation
 *   (`./floatOps`, "The truncation, normalized").
 * - **product, depth 4 for p ≤ 16** (the counting route, as for the quotient): layers 1–2 as
 *   above (partial products, G_t); T_(j,k) = [x·y ≥ ⌈k·2^(j+1−r)⌉] for each leading-one
 *   position j and k ∈ (2^(r−1), 2^r) are layer-2 gates too, so the normalized mantissa
 *   N_j = ⌊x·y·2^(r−1−j)⌋ has its bits as telescoping forms in them, and the exponent bits of
 *   |D| as telescoping forms in layer-1 thresholds of e_a + e_b (see the quotient); layer 3:
 *   those bits guarded by h_j and the conditions on D; layer 4: the ORs. Θ(p·2^(p/2)) gates,
 *   so it is taken for p ≤ {@link MAX_FLOAT_MUL_COUNTING_PRECISION} only.
 * - **quotient, depth 3.** Layer 1: A_s = [x·2^s ≥ 2^(r−1)·y] for s = 0…2r−1, so the shift s
 *   that normalizes the quotient is selected by the 0/1 form σ_s = A_s − A_(s−1); the counting
 *   gates T_(s,k) = [k·y ≤ x·2^s] of `./floatOps` for every s; exponent conditions per sign
 *   pair; and [F_σ ≥ t] for F = e_a − e_b under each pair σ of exponent signs (linear in the
 *   input bits) and every t in its range. Layer 2: the bits of Q_s = ⌊x·2^s/y⌋ by
 *   telescoping, each gate guarded by σ_s and its exponent condition (D = e_a − e_b − s under
 *   σ_s); the bits of |D| likewise, as telescoping forms in the [F_σ ≥ t] (a function of one
 *   bounded linear form), guarded by σ_s, the signs σ and [D ≥ 0] or [D ≤ −1]; layer 3: the
 *   ORs.
 * Sizes are counted in the lemmas (`src/proofs/arithmetic/floatOps.ts`): O(p³) for the
 * product beyond p = 16 and O(p) for the comparison, Θ(p·2^(p/2)) for the quotient and the
 * product up to p = 16 (the counting gates, and 16·(2^(p/2−1) − 1) exponent thresholds).
 *
 * ## Implementation notes
 * **Guarded gates.** A bit computed as [F ≥ t] with F ∈ [0, 2t) on every input (the block-save
 * adder's output form), or with F ∈ [lo, hi] structurally, ANDed with 0/1 forms g_1…g_m is the
 * single gate [F + K·Σ g_i ≥ t + K·m] with K = t (resp. max(1, hi − t + 1)): when some g_i is 0
 * the left side stays below t + K·m. So a condition costs no layer as long as it is no deeper
 * than the gate's other arguments.
 * **Ranges.** Weights stay below 2^30: comparison and product p ≤ 32 (weights 2^(2r−2) for
 * X_d and x·y), quotient p ≤ 22 (weights 2^(3r−2) in T_(s,k)).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, App. A, and
 *   `docs/semantics.md`, "Floats".
 * - K.-Y. Siu, V. Roychowdhury, "On optimal depth threshold circuits for multiplication and
 *   related problems", SIAM J. Discrete Math. 7(2), 1994 (block-save).
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46, 1993 (functions of a weighted sum by θ≥k and telescoping).
 *
 * @module
 */
import type { CircuitBuilder } from '../../core/circuit.js';
import type { FloatParams } from '../../core/float.js';
import { range, type ArithmeticCircuit } from './arithmeticCircuit.js';
import {
  binaryFloatCircuit,
  compareFloatCircuit,
  floatBits,
  requireFloatPrecision,
  type FloatBits,
  type FloatCompareLayout,
  type FloatOpLayout,
} from './floatOps.js';
import { MAX_GADGET_WEIGHT } from './gadgets.js';
import { addForm, emptyForm, linRange, litsForm, signedBlockSave, type Form, type Lit, type SignedBit } from './signedSums.js';

// ---------------------------------------------------------------------------------------------
// forms and literals
// ---------------------------------------------------------------------------------------------

export type { Form, Lit, SignedBit } from './signedSums.js';

const termsForm = (terms: readonly (readonly [number, number])[], c = 0): Form => {
  const f = emptyForm(c);
  for (const [g, w] of terms) addForm(f, { lin: new Map([[g, w]]), c: 0 });
  return f;
};

const sumForms = (fs: readonly Form[]): Form => fs.reduce((acc, f) => addForm(acc, f), emptyForm());

/**
 * Gate-building context of one builder: [f ≥ t] as a literal (constant when the form's bounds
 * decide it), deduplicated; OR of literals.
 * @category model
 */
export interface Ctx {
  readonly b: CircuitBuilder;
  readonly ge: (f: Form, t: number) => Lit;
  readonly or: (lits: readonly Lit[]) => number;
}

/** A {@link Ctx} on a builder. @category gadgets */
export const shallowContext = (b: CircuitBuilder): Ctx => {
  const memo = new Map<string, number>();
  let one: number | null = null;
  let zero: number | null = null;
  const ge = (f: Form, t: number): Lit => {
    const { lo, hi } = linRange(f);
    if (t <= lo) return true;
    if (t > hi) return false;
    const args = [...f.lin.keys()].sort((x, y) => x - y);
    const ws = args.map((g) => f.lin.get(g)!);
    const k = t - f.c;
    for (const w of ws) if (Math.abs(w) > MAX_GADGET_WEIGHT) throw new RangeError(`floatOpsShallow: weight ${w} is beyond 2^30`);
    if (Math.abs(k) > MAX_GADGET_WEIGHT) throw new RangeError(`floatOpsShallow: threshold ${k} is beyond 2^30`);
    const key = `${args.join(',')}|${ws.join(',')}|${k}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const g = ws.every((w) => w === 1) ? b.ge(args, k) : b.ge(args, k, ws);
    memo.set(key, g);
    return g;
  };
  const or = (lits: readonly Lit[]): number => {
    if (lits.some((x) => x === true)) return (one ??= b.constant(1));
    const gs = [...new Set(lits.filter((x): x is number => x !== false))];
    if (gs.length === 0) return (zero ??= b.constant(0));
    return gs.length === 1 ? gs[0]! : b.or(gs);
  };
  return { b, ge, or };
};

/** A literal as a 0/1 form. */
const litForm = (x: Lit): Form => litsForm([x]);

/**
 * An output bit as a threshold form: the bit is [form ≥ t]; `max` bounds the form on every
 * input (2t − 1 for the adder's bits), or is absent (then its structural bound is used).
 * `true`/`false`: the bit is constant.
 * @category model
 */
export type BitForm = { readonly form: Form; readonly t: number; readonly max?: number } | boolean;

/**
 * bit ∧ g_1 ∧ … ∧ g_m as one gate (module notes), for 0/1 forms g_i: [F + K·Σg ≥ t + K·m]
 * with K = max(1, max − t + 1).
 * @category gadgets
 */
export const guardedGate = (ctx: Ctx, bit: BitForm, guards: readonly Form[]): Lit => {
  if (bit === false) return false;
  const g = sumForms(guards);
  const m = guards.length;
  if (bit === true) return m === 0 ? true : ctx.ge(g, m);
  if (m === 0) return ctx.ge(bit.form, bit.t);
  const hi = bit.max ?? linRange(bit.form).hi;
  const K = Math.max(1, hi - bit.t + 1);
  return ctx.ge(addForm(addForm(emptyForm(), bit.form), g, K), bit.t + K * m);
};

// ---------------------------------------------------------------------------------------------
// the block-save adder, with forms for outputs
// ---------------------------------------------------------------------------------------------

/**
 * (Σ sign·2^pos·g + constant) mod 2^width, each bit as a {@link BitForm} whose gate would sit 3
 * layers above the bits: the block-save adder of `floatIteratedSumShallow.ts`
 * (`signedShallowSumGadget`), with the constant folded into the offsets (κ ≡ constant −
 * Σ_r 2^(rℓ)(−min V_r)) and the last gate left to the caller ({@link guardedGate}). The block
 * width ℓ is the caller's (so that the lemmas can count the gates from the parameters); the
 * offset block values must stay below 2^(2ℓ) (RangeError otherwise).
 * @category gadgets
 */
export const signedSumBitForms = (ctx: Ctx, bits: readonly SignedBit[], width: number, constant: number, ell: number): BitForm[] => {
  const floor = (_key: string, f: Form, max: number, d: number, off: number): Lit[] => {
    const out: Lit[] = [];
    for (let t = d - off; t <= max; t += d) out.push(ctx.ge(f, t));
    return out;
  };
  return signedBlockSave('signedSumBitForms', { floor, gate: ctx.ge }, bits, width, constant, ell, (form, t): BitForm => {
    const { lo, hi } = linRange(form);
    return t <= lo ? true : t > hi ? false : { form, t, max: 2 * t - 1 };
  });
};

// ---------------------------------------------------------------------------------------------
// operands and exponent conditions
// ---------------------------------------------------------------------------------------------

/** The literal [s = σ] of a sign bit as a 0/1 form: s, or 1 − s. */
const signIs = (s: number, sigma: 0 | 1): Form => (sigma === 1 ? termsForm([[s, 1]]) : termsForm([[s, -1]], 1));

/** Block width of the exponent adders: columns hold ≤ 4 bits of place value ±2^i, and 4·3 + 3 ≤ 15. @category model */
export const EXPONENT_BLOCK = 2;

/** Block width of the product's adder: the least ℓ ≥ 1 with r ≤ 2^ℓ (column height ≤ r). @category model */
export const productBlock = (r: number): number => {
  let ell = 1;
  while (r > 2 ** ell) ell++;
  return ell;
};

const SIGN_CASES = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;

/**
 * Conditions on F = α·e_a + β·e_b: `ge(c)` = [F ≥ c] as the sum of four layer-1 gates, one
 * per pair of exponent signs, [e_a, e_b have signs (σa, σb) ∧ F ≥ c] (weights ±2^i on the
 * magnitude bits, K on the sign literals); exactly one pair holds, so the sum is 0/1.
 */
const exponentConditions = (ctx: Ctx, A: FloatBits, B: FloatBits, alpha: 1 | -1, beta: 1 | -1) => {
  const M = 2 ** A.expMag.length - 1;
  const memo = new Map<number, Form>();
  const ge = (c: number): Form => {
    let f = memo.get(c);
    if (f === undefined) {
      const K = 2 * M + Math.abs(c) + 1;
      f = sumForms(
        SIGN_CASES.map(([sa, sb]) => {
          const ca = alpha * (sa === 1 ? -1 : 1);
          const cb = beta * (sb === 1 ? -1 : 1);
          const F = termsForm([...A.expMag.map((g, i) => [g, ca * 2 ** i] as const), ...B.expMag.map((g, i) => [g, cb * 2 ** i] as const)]);
          addForm(F, signIs(A.expSign, sa), K);
          addForm(F, signIs(B.expSign, sb), K);
          return litForm(ctx.ge(F, c + 2 * K));
        }),
      );
      memo.set(c, f);
    }
    return f;
  };
  const le = (c: number): Form => addForm(emptyForm(1), ge(c + 1), -1);
  const eq = (c: number): Form => addForm(addForm(emptyForm(), ge(c)), ge(c + 1), -1);
  return { ge, le, eq };
};

/**
 * The exponent bits of ±(α·e_a + β·e_b + c) mod 2^r from e = Σ 2^i·m_i − Σ 2^(i+1)·(s ∧ m_i)
 * (the ANDs at layer 1, the magnitude bits read directly): one adder per constant, bits of
 * layer 4. (Reading s ∧ m_i rather than m_i ∧ ¬s keeps every layer-1 gate free of negated
 * inputs, so that P1's basis adds no NOT level under the adder.)
 */
const exponentBitsMasked = (ctx: Ctx, A: FloatBits, B: FloatBits, alpha: 1 | -1, beta: 1 | -1) => {
  const r = A.expMag.length;
  let group = 0;
  const bitsOf = (F: FloatBits, coef: 1 | -1): SignedBit[] =>
    F.expMag.flatMap((m, i): SignedBit[] => {
      const masked = ctx.ge(termsForm([[m, 1], [F.expSign, 1]]), 2);
      const out: SignedBit[] = [{ g: m, pos: i, sign: coef, group: group++ }];
      if (typeof masked === 'number') out.push({ g: masked, pos: i + 1, sign: coef === 1 ? -1 : 1, group: group++ });
      return out;
    });
  const bits = [...bitsOf(A, alpha), ...bitsOf(B, beta)];
  return (c: number, negate: boolean): BitForm[] =>
    signedSumBitForms(
      ctx,
      negate ? bits.map((x) => ({ ...x, sign: x.sign === 1 ? -1 : 1 })) : bits,
      r,
      negate ? -c : c,
      EXPONENT_BLOCK,
    );
};

/**
 * The bits of g(F) for F = α·e_a + β·e_b and a function g into [0, 2^r), one set per pair of
 * exponent signs (guard [signs = (σa, σb)]), each bit a telescoping form over the layer-1 gates
 * [F_σ ≥ t] (t over the range of F_σ, which is linear in the input bits for fixed signs):
 * bit_i(g(F)) = bit_i(g(F_min)) + Σ_t (bit_i(g(t)) − bit_i(g(t − 1)))·[F_σ ≥ t], exactly 0 or 1 on
 * every input; so the guarded bit is a layer-2 gate. 4·4M layer-1 gates (M = 2^r − 1): the
 * quotient's route only, whose counting gates are Θ(p·2^(p/2)) anyway.
 */
const exponentBitsTelescoped = (
  ctx: Ctx,
  A: FloatBits,
  B: FloatBits,
  alpha: 1 | -1,
  beta: 1 | -1,
  g: (F: number) => number,
): { readonly guard: readonly Form[]; readonly bits: BitForm[] }[] => {
  const r = A.expMag.length;
  const M = 2 ** r - 1;
  const bit = (v: number, i: number): number => Math.floor(v / 2 ** i) % 2;
  return SIGN_CASES.map(([sa, sb]) => {
    const ca = alpha * (sa === 1 ? -1 : 1);
    const cb = beta * (sb === 1 ? -1 : 1);
    const F = termsForm([...A.expMag.map((x, i) => [x, ca * 2 ** i] as const), ...B.expMag.map((x, i) => [x, cb * 2 ** i] as const)]);
    const bits = range(0, r).map((i): BitForm => {
      const form = emptyForm(bit(g(-2 * M), i));
      for (let t = -2 * M + 1; t <= 2 * M; t++) {
        const delta = bit(g(t), i) - bit(g(t - 1), i);
        if (delta !== 0) addForm(form, litForm(ctx.ge(F, t)), delta);
      }
      if (form.lin.size === 0) return form.c >= 1;
      return { form, t: 1, max: 1 };
    });
    return { guard: [signIs(A.expSign, sa), signIs(B.expSign, sb)], bits };
  });
};

/** Largest p for {@link floatMulShallow} and {@link floatCompareShallow} (weights 2^(p−4) < 2^30). @category model */
export const MAX_FLOAT_SHALLOW_PRECISION = 32;

/**
 * Largest p at which {@link floatMulShallow} takes the counting route (depth 4, Θ(p·2^(p/2))
 * threshold gates on the partial products); beyond it the adder route (depth 5, O(p³) gates).
 * @category model
 */
export const MAX_FLOAT_MUL_COUNTING_PRECISION = 16;

/** Largest p for {@link floatDivShallow} (weights 2^(3p/2−5) < 2^30). @category model */
export const MAX_FLOAT_DIV_SHALLOW_PRECISION = 22;

// ---------------------------------------------------------------------------------------------
// the truncation, as ORs of guarded terms
// ---------------------------------------------------------------------------------------------

/**
 * What the truncation needs, per value v of the selector (v = j for the product's leading one,
 * s for the quotient's shift): the 0/1 form `sel(v)` (at most one is 1, none when the exact
 * result is 0 or when forceSat), the exponent D = F + shift(v) (F = α e_a + β e_b, known by
 * its conditions), and the mantissa bit at position `src` of the normalized N under v.
 */
interface Truncation {
  readonly values: readonly number[];
  readonly sel: (v: number) => readonly Form[];
  readonly shift: (v: number) => number;
  readonly cond: ReturnType<typeof exponentConditions>;
  /** bit i of N (0 ≤ i < r − 1) under v; the top bit N_(r−1) is 1. */
  readonly mant: (v: number, i: number) => BitForm;
  /** Mantissa bits, exponent magnitude bits and exponent sign that are all-ones/1 by other cases. */
  readonly extraMant: readonly Lit[];
  readonly extraExp: readonly Lit[];
  /** The sign of a non-zero result (0/1 form) and the extra sign terms. */
  readonly negative: Form;
  readonly extraSign: readonly Lit[];
  /** ±D's bits (mod 2^r) under v, each with its guards. */
  readonly expBits: (v: number, negate: boolean) => { readonly guard: readonly Form[]; readonly bits: BitForm[] }[];
}

/** The p output bits (module notes of `./floatOps`: saturation, normal, underflow, zero). */
const truncate = (ctx: Ctx, params: FloatParams, T: Truncation, zero: Lit): number[] => {
  const r = params.q - 1;
  const M = Number(params.iMax);
  const { cond } = T;
  // D ≥ c under v  ⟺  F ≥ c − shift(v)
  const andSel = (v: number, fs: readonly Form[]): Lit => {
    const all = [...T.sel(v), ...fs];
    return ctx.ge(sumForms(all), all.length);
  };
  const sat = T.values.map((v) => andSel(v, [cond.ge(M + 1 - T.shift(v))]));
  const sub = T.values.map((v) => andSel(v, [cond.le(-M - 1 - T.shift(v))]));
  const mant = range(0, r).map((i) => {
    const terms: Lit[] = [...sat, ...T.extraMant];
    for (const v of T.values) {
      for (let u = 0; i + u <= r - 1; u++) {
        const c = u === 0 ? cond.ge(-M - T.shift(v)) : cond.eq(-M - u - T.shift(v));
        const bit = i + u === r - 1 ? true : T.mant(v, i + u);
        terms.push(guardedGate(ctx, bit, [...T.sel(v), c]));
      }
    }
    return ctx.or(terms);
  });
  const mantSign = ctx.or([...T.values.map((v) => andSel(v, [T.negative, cond.ge(-M - r + 1 - T.shift(v))])), ...T.extraSign]);
  const expMag = range(0, r).map((i) => {
    const terms: Lit[] = [zero, ...sat, ...sub, ...T.extraExp];
    for (const v of T.values) {
      for (const negate of [false, true]) {
        const c = negate ? cond.le(-1 - T.shift(v)) : cond.ge(-T.shift(v));
        for (const { guard, bits } of T.expBits(v, negate)) {
          terms.push(guardedGate(ctx, bits[i]!, [...T.sel(v), c, ...guard]));
        }
      }
    }
    return ctx.or(terms);
  });
  const expSign = ctx.or([zero, ...T.values.map((v) => andSel(v, [cond.le(-1 - T.shift(v))]))]);
  return [...mant, mantSign, ...expMag, expSign];
};

// ---------------------------------------------------------------------------------------------
// multiplication
// ---------------------------------------------------------------------------------------------

/**
 * The float product of a and b (p gate ids each, kernel float layout) as p gate ids, bit-exact
 * with float.ts `floatMul`, depth +4 for p ≤ 16 and +5 beyond (module notes).
 * @category gadgets
 */
export const floatMulShallowGadget = (
  b: CircuitBuilder,
  params: FloatParams,
  a: readonly number[],
  c: readonly number[],
  route: 'counting' | 'adder' = params.p <= MAX_FLOAT_MUL_COUNTING_PRECISION ? 'counting' : 'adder',
): number[] => {
  const ctx = shallowContext(b);
  const q = params.q;
  const r = q - 1;
  const A = floatBits(a, q);
  const B = floatBits(c, q);
  // layer 1: partial products; layer 2: G_t = [x·y ≥ 2^t]
  const pp: SignedBit[] = [];
  A.mag.forEach((x, i) =>
    B.mag.forEach((y, j) => {
      pp.push({ g: b.and([x, y]), pos: i + j, sign: 1, group: pp.length });
    }),
  );
  const prodForm = termsForm(pp.map((x) => [x.g, 2 ** x.pos] as const));
  const G = range(0, 2 * r + 1).map((t) => (t === 2 * r ? false : ctx.ge(prodForm, 2 ** t)));
  const counting = route === 'counting';
  const M = 2 ** r - 1;
  // p > 16: the bits of x·y by the block-save adder (layer 4), exponents by adders (layer 4)
  const prodBits = counting ? [] : signedSumBitForms(ctx, pp, 2 * r, 0, productBlock(r));
  const expBits = counting ? null : exponentBitsMasked(ctx, A, B, 1, 1);
  // p ≤ 16: N_j = ⌊x·y·2^(r−1−j)⌋ by counting, T_(j,k) = [x·y ≥ ⌈k·2^(j+1−r)⌉] (layer 2)
  const ks = range(2 ** (r - 1) + 1, 2 ** (r - 1) - 1);
  const countBits = new Map<number, BitForm[]>();
  const counted = (j: number): BitForm[] => {
    let bits = countBits.get(j);
    if (bits === undefined) {
      const T = ks.map((k) => ctx.ge(prodForm, Math.ceil(k * 2 ** (j + 1 - r))));
      bits = range(0, r - 1).map((i): BitForm => {
        const period = 2 ** (i + 1);
        return { form: sumForms(T.map((t, n) => litsForm([t], ks[n]! % period === 0 ? 1 - period : 1))), t: 2 ** i };
      });
      countBits.set(j, bits);
    }
    return bits;
  };
  const telescoped = new Map<string, { readonly guard: readonly Form[]; readonly bits: BitForm[] }[]>();
  const cond = exponentConditions(ctx, A, B, 1, 1);
  const xZero = ctx.ge(termsForm(A.mag.map((g) => [g, -1] as const)), 0);
  const yZero = ctx.ge(termsForm(B.mag.map((g) => [g, -1] as const)), 0);
  const sx = termsForm([[A.sign, 1], [B.sign, 1]]);
  const negative = addForm(litForm(ctx.ge(sx, 1)), litForm(ctx.ge(sx, 2)), -1);
  return truncate(
    ctx,
    params,
    {
      values: range(0, 2 * r),
      // h_j = G_j − G_(j+1): bit length L = j + 1
      sel: (j) => [addForm(litForm(G[j]!), litForm(G[j + 1]!), -1)],
      // D = e_a + e_b + L − r
      shift: (j) => j + 1 - r,
      cond,
      // N = ⌊x·y·2^(r−L)⌋: bit i is bit j − r + 1 + i of x·y
      mant: (j, i) => (counting ? counted(j)[i]! : j - r + 1 + i >= 0 ? prodBits[j - r + 1 + i]! : false),
      extraMant: [],
      extraExp: [],
      negative,
      extraSign: [],
      expBits: (j, negate) => {
        if (expBits !== null) return [{ guard: [], bits: expBits(j + 1 - r, negate) }];
        const key = `${j}|${negate}`;
        let v = telescoped.get(key);
        if (v === undefined) {
          v = exponentBitsTelescoped(ctx, A, B, 1, 1, (F) => {
            const D = F + j + 1 - r;
            return (negate ? D >= -M && D <= -1 : D >= 0 && D <= M) ? Math.abs(D) : 0;
          });
          telescoped.set(key, v);
        }
        return v;
      },
    },
    ctx.or([xZero, yZero]),
  );
};

/**
 * The product of two p-bit floats in depth 4 (p ≤ 16: the counting route) or 5 (the adder
 * route; `route` forces one, e.g. for tests): inputs a then b, outputs the p bits of float.ts
 * `floatMul(a, b)`. 4 ≤ p ≤ 32, p even.
 * @category constructors
 */
export const floatMulShallow = (p: number, route?: 'counting' | 'adder'): ArithmeticCircuit<FloatOpLayout> =>
  binaryFloatCircuit(
    p,
    requireFloatPrecision('floatMulShallow', p, MAX_FLOAT_SHALLOW_PRECISION, 'partial-product weights 2^(p−4) must stay below 2^30'),
    (b, params, a, c) => floatMulShallowGadget(b, params, a, c, route),
  );

// ---------------------------------------------------------------------------------------------
// division
// ---------------------------------------------------------------------------------------------

/**
 * The float quotient a/b as p gate ids, bit-exact with float.ts `floatDiv` (division by zero
 * included), depth +3 (module notes).
 * @category gadgets
 */
export const floatDivShallowGadget = (b: CircuitBuilder, params: FloatParams, a: readonly number[], c: readonly number[]): number[] => {
  const ctx = shallowContext(b);
  const q = params.q;
  const r = q - 1;
  const A = floatBits(a, q);
  const B = floatBits(c, q);
  const x = (scale: number): [number, number][] => A.mag.map((g, i) => [g, scale * 2 ** i]);
  const y = (scale: number): [number, number][] => B.mag.map((g, i) => [g, scale * 2 ** i]);
  const xZero = ctx.ge(termsForm(x(-1)), 0);
  const yNonzero = litForm(ctx.ge(termsForm(B.mag.map((g) => [g, 1] as const)), 1));
  // x ≥ 1 and y = 0: forceSat
  const forceSat = ctx.ge(termsForm([...A.mag.map((g) => [g, 1] as const), ...B.mag.map((g) => [g, -r] as const)]), 1);
  const S = range(0, 2 * r);
  // A_s = [x·2^s ≥ 2^(r−1)·y]; the normalizing shift is the least s with A_s
  const As = S.map((s) => ctx.ge(termsForm([...x(2 ** s), ...y(-(2 ** (r - 1)))]), 0));
  // Q_s = ⌊x·2^s/y⌋ by counting: T_k = [k·y ≤ x·2^s], bit j by telescoping (./floatOps)
  const quotient = S.map((s) => {
    const ks = range(2 ** (r - 1) + 1, 2 ** (r - 1) - 1);
    const T = ks.map((k) => ctx.ge(termsForm([...x(2 ** s), ...y(-k)]), 0));
    return range(0, r - 1).map((j): BitForm => {
      const period = 2 ** (j + 1);
      return { form: sumForms(T.map((t, i) => litsForm([t], ks[i]! % period === 0 ? 1 - period : 1))), t: 2 ** j };
    });
  });
  const cond = exponentConditions(ctx, A, B, 1, -1);
  const sa = termsForm([[A.sign, 1]]);
  const sx = termsForm([[A.sign, 1], [B.sign, 1]]);
  const negative = addForm(litForm(ctx.ge(sx, 1)), litForm(ctx.ge(sx, 2)), -1);
  const M = 2 ** r - 1;
  const cases = new Map<string, { readonly guard: readonly Form[]; readonly bits: BitForm[] }[]>();
  return truncate(
    ctx,
    params,
    {
      values: S,
      // σ_s = A_s − A_(s−1), and y ≠ 0
      sel: (s) => [addForm(litForm(As[s]!), s === 0 ? emptyForm() : litForm(As[s - 1]!), -1), yNonzero],
      // D = e_a − e_b + L′ − r + 1 with L′ = r − 1 − s
      shift: (s) => -s,
      cond,
      mant: (s, i) => quotient[s]![i]!,
      extraMant: [forceSat],
      extraExp: [forceSat],
      negative,
      extraSign: [ctx.ge(addForm(litForm(forceSat), sa), 2)],
      expBits: (s, negate) => {
        const key = `${s}|${negate}`;
        let v = cases.get(key);
        if (v === undefined) {
          v = exponentBitsTelescoped(ctx, A, B, 1, -1, (F) => {
            // D = F − s; the bits of |D| where the guard [D ≥ 0] (resp. [D ≤ −1]) holds and D is in range
            const D = F - s;
            const inRange = negate ? D >= -M && D <= -1 : D >= 0 && D <= M;
            return inRange ? Math.abs(D) : 0;
          });
          cases.set(key, v);
        }
        return v;
      },
    },
    xZero,
  );
};

/**
 * The quotient of two p-bit floats in depth 3: inputs a then b, outputs the p bits of float.ts
 * `floatDiv(a, b)`. 4 ≤ p ≤ 22, p even; size Θ(p·2^(p/2)) (module notes).
 * @category constructors
 */
export const floatDivShallow = (p: number): ArithmeticCircuit<FloatOpLayout> =>
  binaryFloatCircuit(p, requireFloatPrecision('floatDivShallow', p, MAX_FLOAT_DIV_SHALLOW_PRECISION, 'counting weights 2^(3p/2−5) must stay below 2^30'), floatDivShallowGadget);

// ---------------------------------------------------------------------------------------------
// comparison
// ---------------------------------------------------------------------------------------------

/**
 * [value(a) < value(b)] and [value(a) = value(b)] as two gate ids, exact (float.ts
 * `floatCompare`), depth +3 (module notes).
 * @category gadgets
 */
export const floatCompareShallowGadget = (
  b: CircuitBuilder,
  params: FloatParams,
  a: readonly number[],
  c: readonly number[],
): { readonly lt: number; readonly eq: number } => {
  const ctx = shallowContext(b);
  const q = params.q;
  const r = q - 1;
  const A = floatBits(a, q);
  const B = floatBits(c, q);
  const side = (F: FloatBits) => ({
    zero: litForm(ctx.ge(termsForm(F.mag.map((g) => [g, -1] as const)), 0)),
    pos: litForm(ctx.ge(termsForm([...F.mag.map((g) => [g, 1] as const), [F.sign, -r]]), 1)),
    neg: litForm(ctx.ge(termsForm([...F.mag.map((g) => [g, 1] as const), [F.sign, r]]), r + 1)),
  });
  const a1 = side(A);
  const b1 = side(B);
  const delta = exponentConditions(ctx, A, B, -1, 1); // δ = e_b − e_a
  // X_d = m_b·2^d − m_a (d ≥ 0), m_b − m_a·2^(−d) (d < 0)
  const D = range(-(r - 1), 2 * r - 1);
  const X = (d: number): Form =>
    termsForm([...B.mag.map((g, i) => [g, 2 ** (i + Math.max(d, 0))] as const), ...A.mag.map((g, i) => [g, -(2 ** (i + Math.max(-d, 0)))] as const)]);
  const gt = new Map(D.map((d) => [d, litForm(ctx.ge(X(d), 1))]));
  const ge0 = new Map(D.map((d) => [d, litForm(ctx.ge(X(d), 0))]));
  const and = (fs: readonly Form[]): Lit => ctx.ge(sumForms(fs), fs.length);
  const not = (f: Form): Form => addForm(emptyForm(1), f, -1);
  const lt = ctx.or([
    and([a1.neg, not(b1.neg)]),
    and([a1.zero, b1.pos]),
    and([a1.pos, b1.pos, delta.ge(r)]),
    ...D.map((d) => and([a1.pos, b1.pos, delta.eq(d), gt.get(d)!])),
    and([a1.neg, b1.neg, delta.le(-r)]),
    ...D.map((d) => and([a1.neg, b1.neg, delta.eq(d), not(ge0.get(d)!)])),
  ]);
  const s2 = termsForm([[A.sign, 1], [B.sign, 1]]);
  const sameSign = addForm(litForm(ctx.ge(addForm(emptyForm(), s2, -1), 0)), litForm(ctx.ge(s2, 2)));
  const eq = ctx.or([
    and([a1.zero, b1.zero]),
    ...D.map((d) => and([sameSign, not(a1.zero), delta.eq(d), ge0.get(d)!, not(gt.get(d)!)])),
  ]);
  return { lt, eq };
};

/**
 * [a < b] and [a = b] for two p-bit floats in depth 3: inputs a then b, outputs [lt, eq].
 * 4 ≤ p ≤ 32, p even.
 * @category constructors
 */
export const floatCompareShallow = (p: number): ArithmeticCircuit<FloatCompareLayout> =>
  compareFloatCircuit(
    requireFloatPrecision('floatCompareShallow', p, MAX_FLOAT_SHALLOW_PRECISION, 'mantissa weights 2^(p−4) must stay below 2^30'),
    floatCompareShallowGadget,
  );
