/**
 * # A concrete softmax transformer read as a P1 general transformer
 *
 * P1 (Defs 7–12) states its results for *general* transformers: a head is a similarity
 * s(stateI, h_j) of two states, attention averages whole states, a layer's update f sees the
 * attended states and stateI. A concrete model with softmax heads is one of these; this module
 * says how, as code, and the test `test/transformerAsGeneral.test.ts` checks that both readings
 * compute the same thing bit for bit.
 *
 * ## Main definitions
 * - {@link asGeneral}: a concrete model ({@link TransformerModel}) with softmax heads only →
 *   a {@link GeneralModel}; Left (with the reason) for saturated or hard heads.
 * - {@link generalLayout}: where the parts of a general state live; {@link concreteState}
 *   reads the concrete state x_i back.
 *
 * ## Main results (tested)
 * - For every softmax model m and input w the model can run on, runGeneral(asGeneral(m), w)
 *   and runTransformer(m, w) have the same precision and verdict, and every general state's
 *   first d_model floats are the concrete state, after the embedding and after every layer.
 *
 * ## Implementation notes
 * - The general state stateI (width d_model + 3 + S) is
 *   `[x_i (d_model) | position (3) | q^1_i k^1_i v^1_i q^2_i … for the NEXT layer's heads, zero-padded to S]`,
 *   S the largest Σ_h 3·d_head over the layers. The update f of layer ℓ computes the new x_i
 *   exactly as the concrete layer does and then q, k, v of layer ℓ + 1's heads from it (with the
 *   same truncations as the concrete head), so s(stateI, h_j) = exp_p(⊕_r q_i[r] ⊗ k_j[r]) is a
 *   function of stateI and h_j alone.
 * - P1's attention averages every coordinate of h_j; f reads only head h's v part of a^stateI,
 *   whose r-th coordinate is ⊕_j (s_ij ⊘ Z_i) ⊗ v_j[r], the concrete formula.
 * - The causal mask: s returns 0 for j > i. A zero score adds nothing to the exact sum Z_i and
 *   its weight 0 ⊘ Z_i is 0 (also when Z_i = 0: 0/0 is 0), so every ⊕ is the exact sum over the
 *   visible j again, truncated once: bit-identical.
 * - Positions are exact: i − 1 written in base B = 2^q − 1 with three digits δ, each held as the
 *   float ⟨1, I^min + δ⟩ (value 2^(I^min + δ), δ ≤ 2·I^max, so distinct digits are distinct
 *   values), compared most significant first. Three digits suffice: n ≤ 2^p (P1 Def 12,
 *   log n ≤ p) and B^3 ≥ 2^(2q) = 2^p for q ≥ 2. One float ⟨1, I^min + i⟩ would not: it holds
 *   only i ≤ 2·I^max < 2^q, and p may be as small as log n.
 * - Saturated and hard heads are not of this form: whether j gets weight depends on the maximum
 *   of the scores over all j, which s(stateI, h_j) cannot see.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Defs 6–12, §7.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { floatCompare, floatMul, iteratedSum, zeroFloat, type Float, type FloatParams } from '../core/float.js';
import { floatExp } from '../core/floatExp.js';
import { embedAt, feedForwardAt, floatOfNumber, headIsCausal, type GeneralModel, type Matrix, type State, type TransformerModel } from '../core/transformer.js';

/** The number of position digits in a general state. @category model */
export const POSITION_DIGITS = 3;

/**
 * Where the parts of a general state live: x at 0 … d_model − 1, the position digits at
 * `position` …, and for layer ℓ's head h its q, k, v at `heads[ℓ][h].q` … (each `dHead` long),
 * written by the embedding (ℓ = 0) or by the update of layer ℓ − 1.
 * @category model
 */
export interface GeneralLayout {
  readonly width: number;
  readonly dModel: number;
  readonly position: number;
  readonly heads: readonly (readonly { readonly q: number; readonly k: number; readonly v: number; readonly dHead: number }[])[];
}

/** The layout of {@link asGeneral}'s states for a model. @category destructors */
export const generalLayout = (model: TransformerModel): GeneralLayout => {
  const d = model.dModel;
  const slot = d + POSITION_DIGITS;
  let S = 0;
  const heads = model.layers.map((layer) => {
    let off = slot;
    const hs = layer.heads.map((h) => {
      const dHead = h.wq.length;
      const at = { q: off, k: off + dHead, v: off + 2 * dHead, dHead };
      off += 3 * dHead;
      return at;
    });
    S = Math.max(S, off - slot);
    return hs;
  });
  return { width: slot + S, dModel: d, position: d, heads };
};

/** The concrete state x_i: the first d_model floats of a general state. @category destructors */
export const concreteState = (model: TransformerModel, h: State): State => h.slice(0, model.dModel);

/** ⟨1, I^min + δ⟩ for the three base-(2^q − 1) digits of i − 1, most significant first. */
const positionDigits = (params: FloatParams, i: number): Float[] => {
  const B = 2n * params.iMax + 1n;
  let v = BigInt(i - 1);
  const digits: Float[] = [];
  for (let t = 0; t < POSITION_DIGITS; t++) {
    digits.unshift({ m: 1n, e: params.iMin + (v % B) });
    v /= B;
  }
  return digits;
};

/** Compare the positions held in two general states. */
const comparePositions = (at: number, a: State, b: State): -1 | 0 | 1 => {
  for (let t = 0; t < POSITION_DIGITS; t++) {
    const c = floatCompare(a[at + t]!, b[at + t]!);
    if (c !== 0) return c;
  }
  return 0;
};

/** ⊕_k fl(W[r][k]) ⊗ x[k] for each row r: the concrete model's matrix–vector product. */
const matVec = (params: FloatParams, w: Matrix, x: State): Float[] =>
  w.map((row) =>
    iteratedSum(
      params,
      row.map((wk, k) => floatMul(params, floatOfNumber(params, wk), x[k]!)),
    ),
  );

/**
 * Read a concrete model as a P1 general model (see the module notes for the state layout).
 * Left when a head is not softmax, naming it.
 * @example
 * ```ts
 * const g = asGeneral(model); // Right(general) for a softmax model
 * runGeneral(g.right, tokens); // same verdict as runTransformer(model, tokens)
 * ```
 * @category constructors
 */
export const asGeneral = (model: TransformerModel): Either<string, GeneralModel> => {
  for (let l = 0; l < model.layers.length; l++) {
    const heads = model.layers[l]!.heads;
    for (let h = 0; h < heads.length; h++) {
      const kind = heads[h]!.attention;
      if (kind !== 'softmax') {
        return left(
          `layers[${l}].heads[${h}] is ${kind} attention, which is not of P1's general form (Def 7): whether position j gets weight depends on the maximum score over all j, not on s(stateI, h_j) alone`,
        );
      }
    }
  }
  const layout = generalLayout(model);
  const d = model.dModel;
  const pos = layout.position;
  const stateOf = (params: FloatParams, next: number, x: State, position: readonly Float[]): State => {
    const out: Float[] = [...x, ...position];
    const layer = model.layers[next];
    if (layer !== undefined) {
      for (const head of layer.heads) out.push(...matVec(params, head.wq, x), ...matVec(params, head.wk, x), ...matVec(params, head.wv, x));
    }
    while (out.length < layout.width) out.push(zeroFloat(params));
    return out;
  };
  return right({
    alphabet: model.alphabet,
    width: layout.width,
    precision: model.precision,
    embed: (params, token, position, n) => stateOf(params, 0, embedAt(params, model, token, position, n), positionDigits(params, position)),
    layers: model.layers.map((layer, l) => ({
      heads: layout.heads[l]!.map((at, hi) => (params: FloatParams, stateI: State, hj: State): Float => {
        if (headIsCausal(model, layer.heads[hi]!) && comparePositions(pos, hj, stateI) > 0) return zeroFloat(params);
        const score = iteratedSum(
          params,
          Array.from({ length: at.dHead }, (_, r) => floatMul(params, stateI[at.q + r]!, hj[at.k + r]!)),
        );
        return floatExp(params, score);
      }),
      update: (params: FloatParams, attended: readonly State[], h: State): State => {
        const x = h.slice(0, d);
        const y = x.map((xk, k) =>
          iteratedSum(params, [
            xk,
            ...layer.heads.flatMap((head, hi) => {
              const at = layout.heads[l]![hi]!;
              const a = attended[hi]!;
              return head.wo[k]!.map((w, r) => floatMul(params, floatOfNumber(params, w), a[at.v + r]!));
            }),
          ]),
        );
        const ffn = layer.ffn;
        const x2: State = ffn === null ? y : feedForwardAt(params, ffn, y);
        return stateOf(params, l + 1, x2, h.slice(pos, pos + POSITION_DIGITS));
      },
    })),
    output: model.output,
  });
};
