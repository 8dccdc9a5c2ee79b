/**
 * # Iterated addition in depth 3
 *
 * The sum of n unsigned w-bit numbers, w + ⌈log₂ n⌉ bits, by a threshold circuit of depth 3 with
 * polynomially bounded weights (< 2^30 in the kernel), beside the depth-8 construction of
 * `iteratedAddition.ts` (both are kept; the lemmas `iterated-addition` and
 * `iterated-addition-shallow` check one each).
 *
 * ## Main definitions
 * - {@link shallowColumnSumGadget}: Σ_p 2^p·(ones in column p) in depth +3, the engine.
 * - {@link iteratedAdditionShallow}: the family member for n numbers of w bits.
 * - {@link shallowBlockSize}: the block size ℓ the engine uses for a column height h.
 *
 * ## Main results
 * Depth 3 (depth +3 over the column bits), for n ≥ 2; n = 1 returns the inputs (depth 0).
 * Let h be the largest column height, ℓ ≥ 1 the least integer with h ≤ 2^ℓ + 1, W the output
 * width and Q = ⌈W/ℓ⌉ the number of blocks of ℓ columns. Write s_r = Σ_{p ∈ block r} 2^(p − rℓ)·
 * (ones in column p) for the block sums (linear forms of the inputs, s_r ≤ h(2^ℓ − 1) < 2^(2ℓ)),
 * hi_r = ⌊s_r / 2^ℓ⌋ ≤ 2^ℓ − 1 and lo_r = s_r mod 2^ℓ. The sum is S = Σ_r 2^(rℓ)·s_r.
 * 1. *Carries between blocks.* The carry into block q, κ_q = ⌊Σ_{r<q} 2^(rℓ) s_r / 2^(qℓ)⌋, is
 *    hi_(q−1) + c_q with a binary c_q: c_0 = c_1 = 0 and c_(r+1) = [lo_r + hi_(r−1) + c_r ≥ 2^ℓ]
 *    (by induction, lo_r + hi_(r−1) + c_r ≤ 2^(ℓ+1) − 1). With the block generate
 *    G_r = [lo_r + hi_(r−1) ≥ 2^ℓ] and the *exact* propagate P_r = [lo_r + hi_(r−1) = 2^ℓ − 1],
 *    c_q = OR_{r<q} (G_r ∧ AND_{r<t<q} P_t), and the terms are mutually exclusive (a term at r
 *    needs P at every r′ ∈ (r, q), which excludes G at r′), so c_q = Σ_r term_(r,q).
 * 2. *Generate and propagate are linear in layer 1.* With Z_r = 2^ℓ·s_r + s_(r−1) (a linear form of
 *    the inputs), ⌊Z_r / 2^ℓ⌋ = s_r + hi_(r−1), so ⌊Z_r / 2^(2ℓ)⌋ = hi_r + G_r and
 *    ⌊(Z_r + 2^ℓ) / 2^(2ℓ)⌋ = hi_r + G_r + P_r. A floor ⌊f / d⌋ of a non-negative form is
 *    Σ_{m ≥ 1} [f ≥ m·d], a sum of layer-1 threshold gates; so G_r = ⌊Z_r/2^(2ℓ)⌋ − ⌊s_r/2^ℓ⌋ and
 *    P_r are exact 0/1 linear combinations of layer-1 gates, and
 *    term_(r,q) = [G_r + Σ_{r<t<q} P_t ≥ q − r] is one layer-2 gate.
 * 3. *Output bits.* Bit j of block q is bit j of U + c_q, U = s_q^(j) + hi_(q−1), where s_q^(j) is
 *    the block sum over its low j + 1 columns (only S mod 2^(qℓ+j+1) matters). With
 *    Y = 2^ℓ·s_q^(j) + s_(q−1), ⌊U / 2^(j+1)⌋ = ⌊Y / 2^(ℓ+j+1)⌋ (layer-1 gates F) and
 *    E = [U mod 2^(j+1) = 2^(j+1) − 1] = ⌊(Y + 2^ℓ)/2^(ℓ+j+1)⌋ − ⌊Y/2^(ℓ+j+1)⌋ (layer-1 gates F′).
 *    Then (U + c) mod 2^(j+1) = U + c − 2^(j+1)·(ΣF + c·E), and c·E = Σ_r (term_(r,q) ∧ E) with
 *    term_(r,q) ∧ E = [G_r + Σ P_t + E ≥ q − r + 1], one layer-2 gate each. The output is the
 *    layer-3 gate [U + Σ_r term_(r,q) − 2^(j+1)(ΣF + Σ_r (term ∧ E)_(r,q)) ≥ 2^j].
 * Gate counts: per block ⌊max s_r / 2^ℓ⌋ ≤ h − 1 gates for hi_r and at most 2h − 1 for G, P;
 * per output bit at most 2h − 1 gates F, F′ and one output gate; per block q ≥ 2, q − 1 carry
 * terms and (q − 1) per output bit of the block, and one `const 0` for bits that are structurally
 * 0. Hence size ≤ Q(3h − 2) + 2hW + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1 (block q contributes at most
 * (q − 1)(1 + ℓ) terms).
 * Weights: layer 1 reads the inputs with weights < 2^(2ℓ) and thresholds ≤ max Z < 2^(3ℓ) + 2^(2ℓ);
 * the construction refuses (RangeError) when that passes 2^30, i.e. for h > 2^9 + 1 = 513.
 *
 * ## Implementation notes
 * This follows the *block-save* technique of Siu & Roychowdhury (blocks of ≈ log n columns whose
 * sums overlap only their neighbour, a block-level carry-lookahead whose terms are mutually
 * exclusive, and every "function of a polynomially bounded weighted sum" realised by θ≥ gates
 * with telescoping, as in `bitCount.ts`). Deviation: Siu & Roychowdhury reach depth 2 for
 * iterated addition with a more delicate carry argument; here
 * the generate/propagate signals are written as exact linear combinations of floors of the
 * two-block window Z_r, which costs one more layer and keeps every step a short, checkable
 * identity. The wire count is Θ(ℓ·W·h²) — larger than the depth-8 construction's Θ(n²w)
 * only by the factor ℓ·(1 + ⌈log₂ n⌉/w), the price of depth 3.
 *
 * ## References
 * - K.-Y. Siu, V. Roychowdhury, "On optimal depth threshold circuits for multiplication and
 *   related problems", SIAM J. Discrete Math. 7(2):284–292, 1994 (block-save; iterated addition
 *   in depth 2, multiplication in depth 3, polynomial weights).
 * - K.-Y. Siu, V. Roychowdhury, T. Kailath, "Depth-size tradeoffs for neural computation",
 *   IEEE Trans. Computers 40(12):1402–1412, 1991.
 * - T. Hofmeister, W. Hohberg, S. Köhling, "Some notes on threshold circuits, and multiplication
 *   in depth 4", Information Processing Letters 39(4):219–225, 1991.
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46(2), 1993 (functions of a weighted sum in depth 2 via θ≥k and telescoping).
 *
 * @module
 */
import { createBuilder, type CircuitBuilder } from '../../core/circuit.js';
import { ceilLog2, range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { MAX_GADGET_WEIGHT } from './gadgets.js';

/** A linear form over gate ids: gate → integer coefficient. */
type Lin = Map<number, number>;

const addTo = (acc: Lin, f: ReadonlyMap<number, number>, scale = 1): Lin => {
  for (const [g, c] of f) {
    const v = (acc.get(g) ?? 0) + scale * c;
    if (v === 0) acc.delete(g);
    else acc.set(g, v);
  }
  return acc;
};

const sumOf = (gates: readonly number[], scale = 1): Lin => addTo(new Map(), new Map(gates.map((g) => [g, 1])), scale);

/**
 * The block size ℓ for columns of height ≤ h: the least ℓ ≥ 1 with h ≤ 2^ℓ + 1, so that a block
 * sum h(2^ℓ − 1) stays < 2^(2ℓ).
 * @category utils
 */
export const shallowBlockSize = (h: number): number => {
  let ell = 1;
  while (h > 2 ** ell + 1) ell++;
  return ell;
};

/**
 * The low `width` bits of Σ_p 2^p·(number of ones among `columns[p]`), depth +3 (module header).
 * A column may hold any gates; the result bits sit 3 layers above the deepest of them (or are
 * one of them, or a `const 0`, in degenerate positions).
 * @category gadgets
 */
export const shallowColumnSumGadget = (b: CircuitBuilder, columns: readonly (readonly number[])[], width: number): number[] => {
  const W = width;
  const cols = Array.from({ length: W }, (_, p) => columns[p] ?? []);
  const h = cols.reduce((m, c) => Math.max(m, c.length), 0);
  const ell = shallowBlockSize(Math.max(h, 1));
  const L = 2 ** ell;
  const Q = Math.ceil(W / ell);
  // block sums over the low `upto` columns of block r (upto = ℓ for the whole block)
  const blockForm = (r: number, upto = ell): { f: Lin; max: number } => {
    const f: Lin = new Map();
    let max = 0;
    for (let p = r * ell; p < Math.min(r * ell + upto, W); p++) {
      const c = 2 ** (p - r * ell);
      for (const g of cols[p]!) f.set(g, (f.get(g) ?? 0) + c);
      max += c * cols[p]!.length;
    }
    return { f, max };
  };
  const blocks = Array.from({ length: Q }, (_, r) => blockForm(r));
  if (2 ** (3 * ell) + 2 ** (2 * ell) > MAX_GADGET_WEIGHT) {
    throw new RangeError(`shallowColumnSumGadget: column height ${h} needs blocks of ${ell} columns and weights ≥ 2^30`);
  }
  // ⌊(f + offset)/d⌋ = Σ of the returned θ≥ gates, for a form f with 0 ≤ f ≤ max and 0 ≤ offset < d
  const memo = new Map<string, number>();
  const floorGates = (key: string, f: Lin, max: number, d: number, offset = 0): number[] => {
    const out: number[] = [];
    const args = [...f.keys()];
    const ws = args.map((g) => f.get(g)!);
    const unit = ws.every((x) => x === 1);
    for (let t = d - offset; t <= max; t += d) {
      const k = `${key}|${t}`;
      let g = memo.get(k);
      if (g === undefined) {
        g = unit ? b.ge(args, t) : b.ge(args, t, ws);
        memo.set(k, g);
      }
      out.push(g);
    }
    return out;
  };
  const scaled = (x: { f: Lin; max: number }, s: number, y: { f: Lin; max: number }): { f: Lin; max: number } => ({
    f: addTo(addTo(new Map(), x.f, s), y.f),
    max: x.max * s + y.max,
  });
  const NONE = { f: new Map<number, number>(), max: 0 };
  const his = new Map<number, number[]>();
  const hi = (r: number): number[] => {
    if (r < 0) return [];
    const known = his.get(r);
    if (known !== undefined) return known;
    const gs = floorGates(`s${r}`, blocks[r]!.f, blocks[r]!.max, L);
    his.set(r, gs);
    return gs;
  };
  // G_r and P_r as linear forms over layer-1 gates (null: identically 0), r ≥ 1
  const gp = new Map<number, { G: Lin | null; P: Lin | null }>();
  const genProp = (r: number): { G: Lin | null; P: Lin | null } => {
    const known = gp.get(r);
    if (known !== undefined) return known;
    const z = scaled(blocks[r]!, L, blocks[r - 1] ?? NONE);
    const ga = floorGates(`z${r}`, z.f, z.max, L * L);
    const qa = floorGates(`z${r}`, z.f, z.max, L * L, L);
    const G = ga.length === 0 ? null : addTo(sumOf(ga), sumOf(hi(r)), -1);
    const P = qa.length === 0 ? null : addTo(sumOf(qa), sumOf(ga), -1);
    const v = { G, P };
    gp.set(r, v);
    return v;
  };
  // the linear forms L_(r,q) = G_r + Σ_{r<t<q} P_t for the live terms of the carry into q
  const carryForms = new Map<number, { r: number; form: Lin }[]>();
  const carryTerms = (q: number): { r: number; form: Lin }[] => {
    const known = carryForms.get(q);
    if (known !== undefined) return known;
    const out: { r: number; form: Lin }[] = [];
    for (let r = 1; r < q; r++) {
      const { G } = genProp(r);
      if (G === null) continue;
      const form = addTo(new Map(), G);
      let live = true;
      for (let t = r + 1; t < q && live; t++) {
        const { P } = genProp(t);
        if (P === null) live = false;
        else addTo(form, P);
      }
      if (live) out.push({ r, form });
    }
    carryForms.set(q, out);
    return out;
  };
  const gateOf = (form: Lin, t: number): number => {
    const args = [...form.keys()];
    return b.ge(args, t, args.map((g) => form.get(g)!));
  };
  const carryGates = new Map<number, number[]>();
  const carry = (q: number): number[] => {
    const known = carryGates.get(q);
    if (known !== undefined) return known;
    const gs = carryTerms(q).map(({ r, form }) => gateOf(form, q - r));
    carryGates.set(q, gs);
    return gs;
  };
  let zero: number | null = null;
  const out: number[] = [];
  for (let k = 0; k < W; k++) {
    const q = Math.floor(k / ell);
    const j = k - q * ell;
    const low = blockForm(q, j + 1);
    const below = q >= 1 ? blocks[q - 1]! : NONE;
    // U = s_q^(j) + hi_(q−1); Y = 2^ℓ s_q^(j) + s_(q−1) (for q = 0: U = Y = s_0^(j))
    const scale = q >= 1 ? L : 1;
    const y = scaled(low, scale, below);
    const d = 2 ** (j + 1);
    const form = addTo(addTo(new Map(), low.f), sumOf(hi(q - 1)));
    addTo(form, sumOf(floorGates(`y${k}`, y.f, y.max, d * scale)), -d);
    if (q >= 2) {
      const terms = carryTerms(q);
      if (terms.length > 0) {
        const f1 = floorGates(`y${k}`, y.f, y.max, d * scale, scale);
        const f0 = floorGates(`y${k}`, y.f, y.max, d * scale);
        const E = addTo(sumOf(f1), sumOf(f0), -1);
        addTo(form, sumOf(carry(q)));
        for (const { r, form: lf } of terms) {
          if (f1.length === 0) continue; // E ≡ 0
          addTo(form, sumOf([gateOf(addTo(addTo(new Map(), lf), E), q - r + 1)]), -d);
        }
      }
    }
    const args = [...form.keys()];
    const top = args.reduce((m, g) => m + Math.max(0, form.get(g)!), 0);
    if (top < 2 ** j) {
      zero ??= b.constant(0);
      out.push(zero);
    } else if (args.length === 1 && form.get(args[0]!) === 1 && 2 ** j === 1) {
      out.push(args[0]!); // the bit is that gate itself
    } else {
      out.push(gateOf(form, 2 ** j));
    }
  }
  return out;
};

/**
 * Layout of {@link iteratedAdditionShallow}: `numbers[i]` = input bits i·w … i·w + w − 1;
 * `sum` = outputs 0 … w + ⌈log₂ n⌉ − 1.
 * @category model
 */
export interface IteratedAdditionShallowLayout {
  readonly numbers: readonly (readonly number[])[];
  readonly sum: readonly number[];
}

/**
 * Σ of n ≥ 1 numbers of w ≥ 1 bits in depth 3 (n ≤ 513): input bits i·w … i·w + w − 1 hold
 * number i (LSB first); outputs the w + ⌈log₂ n⌉ sum bits LSB first.
 * @category constructors
 */
export const iteratedAdditionShallow = (n: number, w: number): ArithmeticCircuit<IteratedAdditionShallowLayout> => {
  requireInt('iteratedAdditionShallow', 'n', n, 1, 513);
  requireInt('iteratedAdditionShallow', 'w', w, 1, 2 ** 16);
  const b = createBuilder();
  const numbers = Array.from({ length: n }, () => b.inputs(w));
  const W = w + ceilLog2(n);
  const sum =
    n === 1
      ? [...numbers[0]!]
      : shallowColumnSumGadget(
          b,
          Array.from({ length: w }, (_, p) => numbers.map((x) => x[p]!)),
          W,
        );
  return {
    circuit: b.build(sum),
    layout: { numbers: numbers.map((_, i) => range(i * w, w)), sum: range(0, W) },
  };
};
