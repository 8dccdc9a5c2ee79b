/**
 * # Signed sums by the block-save adder: the shared skeleton
 *
 * The block-save adder of `iteratedAdditionShallow.ts` on *signed* place values ±2^pos, made
 * non-negative by per-block offsets, as both `floatIteratedSumShallow.ts`
 * (`signedShallowSumGadget`, one gate per output bit) and `floatOpsShallow.ts`
 * (`signedSumBitForms`, each output bit left as a threshold form for a guarded last gate) use
 * it. This module holds what the two share: linear forms, the block bounds and offsets, and the
 * order in which the adder asks for its gates. How a threshold becomes a gate (memoized or not,
 * which bounds decide a constant) stays with the caller, so that each caller's circuits are
 * exactly what they were before the skeleton was shared.
 *
 * ## Main definitions
 * - {@link Form}, {@link Lit}, {@link emptyForm}, {@link addForm}, {@link litsForm}, {@link linRange}: linear forms
 *   over gates plus a constant, and literals (a gate, or a constant known at construction time).
 * - {@link SignedBit}: a bit with a signed place value ±2^pos, in a group of mutually exclusive
 *   bits.
 * - {@link signedBlockSave}: (Σ sign·2^pos·g + constant) mod 2^width, bit k handed to the caller
 *   as the form F_k whose bit is [F_k ≥ 2^(k mod ℓ)], with F_k ∈ [0, 2^(k mod ℓ + 1)).
 *
 * ## Main results
 * As in `floatIteratedSumShallow.ts`, step 2: blocks of ℓ columns; the block value V_r (the
 * signed bits of block r, scaled to the block, plus an offset o_r) lies in [0, 2^(2ℓ)) when ℓ
 * *fits* ({@link signedBlockSave} checks it, or takes the least ℓ that fits); the offsets are
 * −min V_r plus the base-2^ℓ digits of κ ≡ constant − Σ_r 2^(rℓ)(−min V_r) mod 2^width, so
 * Σ_r 2^(rℓ) V_r ≡ Σ sign·2^pos·g + constant. The bounds of a block use the groups: bits of one
 * group in one column are mutually exclusive, so the column contributes within
 * [min(0, ws), max(0, ws)] over its bits' signed weights ws.
 *
 * ## Implementation notes
 * - Gates are asked for through {@link BlockSaveGates}, always in the same order (per output
 *   bit: the block's floors, the carry terms, the window floors), so a caller that builds a
 *   gate at each call gets one fixed circuit.
 * - Weights < 2^(2ℓ) and thresholds < 2^(3ℓ+1): a RangeError beyond 2^30.
 *
 * ## References
 * - K.-Y. Siu, V. Roychowdhury, "On optimal depth threshold circuits for multiplication and
 *   related problems", SIAM J. Discrete Math. 7(2), 1994 (block-save).
 *
 * @module
 */
import { range } from './arithmeticCircuit.js';
import { MAX_GADGET_WEIGHT } from './gadgets.js';

/** A linear form over gates plus a constant: Σ w·g + c. @category model */
export interface Form {
  readonly lin: Map<number, number>;
  c: number;
}

/** A literal: a gate, or a constant known at construction time. @category model */
export type Lit = number | boolean;

/** The form c (no gates). @category constructors */
export const emptyForm = (c = 0): Form => ({ lin: new Map(), c });

/** acc += scale·f, in place (a weight that reaches 0 is dropped); returns acc. @category constructors */
export const addForm = (acc: Form, f: Form, scale = 1): Form => {
  for (const [g, w] of f.lin) {
    const v = (acc.lin.get(g) ?? 0) + scale * w;
    if (v === 0) acc.lin.delete(g);
    else acc.lin.set(g, v);
  }
  acc.c += scale * f.c;
  return acc;
};

/** The form Σ w·x over literals (constants go into c). @category constructors */
export const litsForm = (lits: readonly Lit[], w = 1): Form => {
  const f = emptyForm();
  for (const x of lits) {
    if (x === true) f.c += w;
    else if (x !== false) f.lin.set(x, (f.lin.get(x) ?? 0) + w);
  }
  return f;
};

/** The structural bounds of a form, its constant included: Σ of its negative weights + c, Σ of its positive weights + c. @category model */
export const linRange = (f: Form): { lo: number; hi: number } => {
  let lo = 0;
  let hi = 0;
  for (const w of f.lin.values()) {
    if (w < 0) lo += w;
    else hi += w;
  }
  return { lo: lo + f.c, hi: hi + f.c };
};

/** A bit with a signed place value ±2^pos, in a group of mutually exclusive bits. @category model */
export interface SignedBit {
  readonly g: number;
  readonly pos: number;
  readonly sign: 1 | -1;
  /** Bits of one group in one column: at most one of them is 1. */
  readonly group: number;
}

/**
 * How the adder gets its gates. `floor(key, f, max, d, off)`: ⌊(f + off)/d⌋ as literals (their
 * sum), for a form with values in [0, max] and 0 ≤ off < d, i.e. [f ≥ t] for t = d − off,
 * 2d − off, … ≤ max; `key` names the form (the same key, the same form). `gate(f, t)`: [f ≥ t].
 * @category model
 */
export interface BlockSaveGates {
  readonly floor: (key: string, f: Form, max: number, d: number, off: number) => Lit[];
  readonly gate: (f: Form, t: number) => Lit;
}

/** A form with a known upper bound on its values. */
interface Bounded {
  readonly f: Form;
  readonly max: number;
}

/**
 * (Σ sign·2^pos·g + constant) mod 2^width by the block-save adder (module notes): for each
 * output bit k (LSB first) `bit(F_k, 2^(k mod ℓ))` is called, in order, where the bit is
 * [F_k ≥ 2^(k mod ℓ)] and F_k ∈ [0, 2^(k mod ℓ + 1)) on every input; its results are returned.
 * The gates `bit` builds sit one layer above those of `gates`, 3 layers above the bits.
 * `blockWidth`: ℓ, else the least ℓ ≥ 1 that fits; `name` prefixes the RangeErrors.
 * @category gadgets
 */
export const signedBlockSave = <T>(
  name: string,
  gates: BlockSaveGates,
  bits: readonly SignedBit[],
  width: number,
  constant: number,
  blockWidth: number | undefined,
  bit: (form: Form, t: number) => T,
): T[] => {
  const live = bits.filter((x) => x.pos < width);
  // per (block range) bounds: for each group and column, the contribution lies in [min(0, ws), max(0, ws)]
  const bounds = (lo: number, hi: number, base: number): { min: number; max: number } => {
    const cell = new Map<string, { min: number; max: number }>();
    for (const x of live) {
      if (x.pos < lo || x.pos >= hi) continue;
      const key = `${x.group}|${x.pos}`;
      const w = x.sign * 2 ** (x.pos - base);
      const o = cell.get(key) ?? { min: 0, max: 0 };
      cell.set(key, { min: Math.min(o.min, w), max: Math.max(o.max, w) });
    }
    let min = 0;
    let max = 0;
    for (const v of cell.values()) {
      min += v.min;
      max += v.max;
    }
    return { min, max };
  };
  const formOf = (lo: number, hi: number, base: number): Form => {
    const f = emptyForm();
    for (const x of live) {
      if (x.pos < lo || x.pos >= hi) continue;
      addForm(f, { lin: new Map([[x.g, x.sign * 2 ** (x.pos - base)]]), c: 0 });
    }
    return f;
  };
  // ℓ: the caller's, else the least ℓ whose offset block values stay below 2^(2ℓ)
  const fits = (l: number): boolean => {
    for (let lo = 0; lo < width; lo += l) {
      const { min, max } = bounds(lo, lo + l, lo);
      if (max - min + 2 ** l - 1 > 2 ** (2 * l) - 1) return false;
    }
    return true;
  };
  let ell = blockWidth ?? 1;
  if (blockWidth !== undefined && !fits(blockWidth)) {
    throw new RangeError(`${name}: block values of ${blockWidth} columns can reach 2^(2·${blockWidth})`);
  }
  while (!fits(ell)) ell++;
  if (2 ** (3 * ell + 1) > MAX_GADGET_WEIGHT) throw new RangeError(`${name}: blocks of ${ell} columns need weights ≥ 2^30`);
  const L = 2 ** ell;
  const Q = Math.ceil(width / ell);
  const raw = range(0, Q).map((r) => ({ f: formOf(r * ell, (r + 1) * ell, r * ell), ...bounds(r * ell, (r + 1) * ell, r * ell) }));
  // κ ≡ constant − Σ_r 2^(rℓ)(−min_r) mod 2^width, its base-2^ℓ digits; offset o_r = −min_r + digit_r
  const mod = 1n << BigInt(width);
  let kappa = BigInt(constant);
  raw.forEach((x, r) => (kappa -= BigInt(-x.min) << BigInt(r * ell)));
  kappa = ((kappa % mod) + mod) % mod;
  const offset = raw.map((x, r) => -x.min + Number((kappa >> BigInt(r * ell)) & BigInt(L - 1)));
  // V_r = raw_r + offset_r ∈ [0, vmax_r]
  const V: Bounded[] = raw.map((x, r) => {
    const f = addForm(emptyForm(), x.f);
    f.c = offset[r]!;
    return { f, max: x.max + offset[r]! };
  });
  const NONE: Bounded = { f: emptyForm(), max: 0 };
  const scaled = (x: Bounded, s: number, y: Bounded): Bounded => ({ f: addForm(addForm(emptyForm(), x.f, s), y.f), max: x.max * s + y.max });
  const his = new Map<number, Lit[]>();
  const hi = (r: number): Lit[] => {
    if (r < 0) return [];
    const known = his.get(r);
    if (known !== undefined) return known;
    const ls = gates.floor(`v${r}`, V[r]!.f, V[r]!.max, L, 0);
    his.set(r, ls);
    return ls;
  };
  const gp = new Map<number, { G: Form; P: Form }>();
  const genProp = (r: number): { G: Form; P: Form } => {
    const known = gp.get(r);
    if (known !== undefined) return known;
    const z = scaled(V[r]!, L, V[r - 1] ?? NONE);
    const ga = litsForm(gates.floor(`z${r}`, z.f, z.max, L * L, 0));
    const qa = litsForm(gates.floor(`z${r}`, z.f, z.max, L * L, L));
    const v = { G: addForm(addForm(emptyForm(), ga), litsForm(hi(r)), -1), P: addForm(addForm(emptyForm(), qa), ga, -1) };
    gp.set(r, v);
    return v;
  };
  const termForms = new Map<number, { r: number; form: Form }[]>();
  const terms = (q: number): { r: number; form: Form }[] => {
    const known = termForms.get(q);
    if (known !== undefined) return known;
    const out: { r: number; form: Form }[] = [];
    for (let r = 1; r < q; r++) {
      const form = addForm(emptyForm(), genProp(r).G);
      for (let t = r + 1; t < q; t++) addForm(form, genProp(t).P);
      out.push({ r, form });
    }
    termForms.set(q, out);
    return out;
  };
  const carryLits = new Map<number, Lit[]>();
  const carry = (q: number): Lit[] => {
    const known = carryLits.get(q);
    if (known !== undefined) return known;
    const ls = terms(q).map(({ r, form }) => gates.gate(form, q - r));
    carryLits.set(q, ls);
    return ls;
  };
  const out: T[] = [];
  for (let k = 0; k < width; k++) {
    const q = Math.floor(k / ell);
    const j = k - q * ell;
    const d = 2 ** (j + 1);
    // V_q^(j): the low j + 1 columns of block q, offset to be ≥ 0 and ≡ V_q mod 2^(j+1)
    const lowB = bounds(q * ell, q * ell + j + 1, q * ell);
    const lowF = formOf(q * ell, q * ell + j + 1, q * ell);
    lowF.c = -lowB.min + ((((offset[q]! + lowB.min) % d) + d) % d);
    const low: Bounded = { f: lowF, max: lowB.max + lowF.c };
    const below = q >= 1 ? V[q - 1]! : NONE;
    const scale = q >= 1 ? L : 1;
    const y = scaled(low, scale, below);
    const form = addForm(addForm(emptyForm(), low.f), litsForm(hi(q - 1)));
    const f0 = gates.floor(`y${k}`, y.f, y.max, d * scale, 0);
    addForm(form, litsForm(f0), -d);
    if (q >= 2) {
      const f1 = gates.floor(`y${k}`, y.f, y.max, d * scale, scale);
      const E = addForm(litsForm(f1), litsForm(f0), -1);
      addForm(form, litsForm(carry(q)));
      for (const { r, form: lf } of terms(q)) addForm(form, litsForm([gates.gate(addForm(addForm(emptyForm(), lf), E), q - r + 1)]), -d);
    }
    out.push(bit(form, 2 ** j));
  }
  return out;
};
