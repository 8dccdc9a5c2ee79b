/**
 * # transformer-to-mpc: a concrete transformer simulated by an MPC protocol (P2 Thm 3.4)
 *
 * For a kernel {@link TransformerModel} (masked or not; softmax, saturated or hard heads; any
 * feed-forward blocks) and a length N, {@link transformerToMpc} builds an {@link MpcProtocol}
 * on q = N² machines whose output is, bit for bit, the final states `runTransformer` computes:
 * the p-bit encoding of every coordinate of every position, position 1 first.
 *
 * ## Main definitions
 * - {@link transformerToMpc}: the protocol, its round count and memory, from the model, N and
 *   the fan-in b of its trees (P2: b = N^(δ′−δ)).
 * - {@link mpcRounds}: 2 + L·(4T + 1) rounds with T = max(1, ⌈log_b N⌉) ≤ ⌈1/(δ′ − δ)⌉.
 * - {@link floatWord}: a p-bit float as one word (its P1 App. A bit pattern, bit 0 least
 *   significant).
 *
 * ## Implementation notes
 * - **Machines.** Machine (i, j) = i·N + j, 0 ≤ i, j < N, handles the pair (query i, key j);
 *   (i, 0) is the home of position i and holds its state x_i between layers.
 * - **Rounds.** Round 1 sends input token j to its home. Each layer then takes 4T + 1 rounds:
 *   the homes compute q_i, k_i, v_i (every head) and start two broadcast trees of fan-out b —
 *   q_i along row i, (k_j, v_j) along column j after one transposition round (T + 1 rounds); a
 *   reduction tree of fan-in b along each row (T rounds) combines, per head, the exact sum of
 *   the softmax scores exp_p(q_i·k_j), or the maximum score with the number of maximizers
 *   (saturated) or the leftmost maximizer and its value (hard); its result goes back along the
 *   row (T rounds); a second reduction (T rounds) combines the exact sums of
 *   (s_ij ⊘ Z_i) ⊗ v_j[r]. The home then truncates each sum once, adds the residual, runs the
 *   feed-forward block and starts the next layer. A last round writes the final states.
 * - **Bit for bit.** The kernel's ⊕ truncates an exact sum once (P1 Def 15), so partial sums
 *   travel exactly, as dyadic numbers M·2^E (M odd), in ⌈bitlen(M)/w⌉ + 3 words of w bits —
 *   P2's proof, which rounds partial sums, would not agree bit for bit. Worst case a partial sum
 *   spans I^max − I^min + p/2 + ⌈log₂ N⌉ bits, i.e. about 2^(p/2)/w words: with p = 2⌈c·log₂ N⌉
 *   that is N^c/(2c·log₂ N) words, so the declared memory s (which covers the worst case) is
 *   O(b·mH·N^c/log N), not O(N^δ′); the peak memory actually used on the random models is far
 *   below it and is what the lemma measures. Every other step uses the kernel's own operations
 *   (`floatMul`, `floatDiv`, `floatExp`, `iteratedSum`, `embedAt`, `feedForwardAt`, `headIsCausal`), in the order of
 *   `src/core/transformer.ts`.
 * - Memories are lists of records [tag, key, length, …payload]; a machine keeps what it still
 *   needs by sending it to itself (memory is the inbox, P2 Def 2.3).
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Thm 3.4 (a transformer with mH = O(N^δ) by an
 * O(L/(δ′−δ))-round MPC protocol with s = O(N^δ′) and O(N²) machines); Def 2.3.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  decodeFloat,
  encodeFloat,
  floatCompare,
  floatDiv,
  floatMul,
  fP,
  iteratedSum,
  zeroFloat,
  floatOfRational,
  type Dyadic,
  type Float,
  type FloatParams,
} from '../../core/float.js';
import { floatExp } from '../../core/floatExp.js';
import { MAX_WORD_BITS, type MpcMessage, type MpcProtocol, type Word } from '../../core/mpc/semantics.js';
import { embedAt, feedForwardAt, floatOfNumber, headIsCausal, precisionAt, type Head, type Layer, type State, type TransformerModel } from '../../core/transformer.js';

// -------------------------------------------------------------------------------------------
// words
// -------------------------------------------------------------------------------------------

/** A p-bit float as one word: its bit pattern (P1 App. A), bit 0 least significant. @category words */
export const floatWord = (params: FloatParams, f: Float): Word => encodeFloat(params, f).reduce((acc, b, k) => acc + b * 2 ** k, 0);

/** The float of a word made by {@link floatWord}. @category words */
export const wordFloat = (params: FloatParams, w: Word): Float => {
  const bits = Array.from({ length: params.p }, (_, k) => Math.floor(w / 2 ** k) % 2);
  const f = decodeFloat(params, bits);
  if (f._tag === 'Left') throw new Error(f.left);
  return f.right;
};

const normalize = (x: Dyadic): Dyadic => {
  if (x.mant === 0n) return { mant: 0n, exp: 0n };
  let { mant, exp } = x;
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    exp += 1n;
  }
  return { mant, exp };
};

const add = (x: Dyadic, y: Dyadic): Dyadic => {
  if (x.mant === 0n) return normalize(y);
  if (y.mant === 0n) return normalize(x);
  const e = x.exp < y.exp ? x.exp : y.exp;
  return normalize({ mant: (x.mant << (x.exp - e)) + (y.mant << (y.exp - e)), exp: e });
};

const ofFloat = (f: Float): Dyadic => normalize({ mant: f.m, exp: f.e });

/** An exact sum as words: [sign, E − I^min, k, k chunks of |M|]. */
const encodeSum = (params: FloatParams, bits: number, x: Dyadic): Word[] => {
  const d = normalize(x);
  if (d.mant === 0n) return [0, 0, 0];
  const neg = d.mant < 0n;
  let m = neg ? -d.mant : d.mant;
  const chunks: Word[] = [];
  const base = 1n << BigInt(bits);
  while (m > 0n) {
    chunks.push(Number(m % base));
    m /= base;
  }
  return [neg ? 1 : 0, Number(d.exp - params.iMin), chunks.length, ...chunks];
};

/** A sequential reader of a payload. */
class Reader {
  private k = 0;
  constructor(private readonly words: readonly Word[]) {}
  position(): number {
    return this.k;
  }
  next(): Word {
    const w = this.words[this.k++];
    if (w === undefined) throw new Error('transformerToMpc: a record ended early');
    return w;
  }
  sum(params: FloatParams, bits: number): Dyadic {
    const neg = this.next();
    const e = this.next();
    const k = this.next();
    let m = 0n;
    for (let t = 0; t < k; t++) m += BigInt(this.next()) << BigInt(t * bits);
    return m === 0n ? { mant: 0n, exp: 0n } : { mant: neg === 1 ? -m : m, exp: BigInt(e) + params.iMin };
  }
}

// -------------------------------------------------------------------------------------------
// records
// -------------------------------------------------------------------------------------------

const X = 2;
const Q = 3;
const KV = 4;
const R1 = 5;
const B1 = 6;
const R2 = 7;
const HARD = 8;

interface Rec {
  readonly tag: number;
  readonly key: number;
  readonly payload: readonly Word[];
}

const rec = (tag: number, key: number, payload: readonly Word[]): Word[] => [tag, key, payload.length, ...payload];

const parse = (mem: readonly Word[]): Rec[] => {
  const out: Rec[] = [];
  let k = 0;
  while (k < mem.length) {
    const tag = mem[k]!;
    const key = mem[k + 1]!;
    const len = mem[k + 2]!;
    out.push({ tag, key, payload: mem.slice(k + 3, k + 3 + len) });
    k += 3 + len;
  }
  return out;
};

// -------------------------------------------------------------------------------------------
// the schedule
// -------------------------------------------------------------------------------------------

/** T = max(1, ⌈log_b N⌉): the depth of a tree of fan-in b over N leaves. @category schedule */
export const treeDepth = (n: number, b: number): number => {
  let t = 1;
  while (b ** t < n) t++;
  return t;
};

/** The rounds of the protocol: 2 + L·(4T + 1). @category schedule */
export const mpcRounds = (layers: number, n: number, b: number): number => 2 + layers * (4 * treeDepth(n, b) + 1);

/** What {@link transformerToMpc} returns. @category model */
export interface SimulatedTransformer {
  readonly protocol: MpcProtocol;
  /** N, the positions. */
  readonly n: number;
  readonly fanIn: number;
  readonly depth: number;
  readonly precision: number;
  /** The words of one float. */
  readonly wordBits: number;
  /**
   * The values in a memory after round r (`MpcRun.memories[r]`): its words, with each exact
   * partial sum counted once however many words it takes (read with the protocol's own record
   * reader): P2's memory bound is on values.
   */
  readonly values: (round: number, memory: readonly Word[]) => number;
}

// -------------------------------------------------------------------------------------------
// per-position arithmetic, in the kernel's order
// -------------------------------------------------------------------------------------------

const matVec = (params: FloatParams, w: readonly (readonly number[])[], x: State): Float[] =>
  w.map((row) => iteratedSum(params, row.map((wk, k) => floatMul(params, floatOfNumber(params, wk), x[k]!))));

const dot = (params: FloatParams, a: readonly Float[], b: readonly Float[]): Float => iteratedSum(params, a.map((ar, r) => floatMul(params, ar, b[r]!)));

/** The residual and feed-forward part of `layerStep` for one position, given its head outputs. */
const finishLayer = (params: FloatParams, layer: Layer, x: State, heads: readonly State[]): State => {
  const y = x.map((xk, k) => iteratedSum(params, [xk, ...layer.heads.flatMap((h, hi) => h.wo[k]!.map((w, r) => floatMul(params, floatOfNumber(params, w), heads[hi]![r]!)))]));
  return layer.ffn === null ? y : feedForwardAt(params, layer.ffn, y);
};

// -------------------------------------------------------------------------------------------
// the protocol
// -------------------------------------------------------------------------------------------

/**
 * The MPC protocol that simulates `model` on inputs of length n with trees of fan-in b ≥ 2
 * (see the module notes). A Left when the precision at n is refused or a float does not fit a
 * word (p > 48).
 * @category constructions
 */
export const transformerToMpc = (model: TransformerModel, n: number, fanIn: number): Either<string, SimulatedTransformer> => {
  if (!Number.isSafeInteger(fanIn) || fanIn < 2) return left(`transformerToMpc: the fan-in must be an integer ≥ 2, got ${fanIn}`);
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  const N = n;
  const b = fanIn;
  const T = treeDepth(N, b);
  const L = model.layers.length;
  const d = model.dModel;
  const wordBits = Math.max(params.p, 2 * Math.ceil(Math.log2(N + 1)) + 2, 16);
  if (wordBits > MAX_WORD_BITS) return left(`transformerToMpc: words of ${wordBits} bits exceed the ${MAX_WORD_BITS}-bit limit of the MPC semantics`);
  const fw = (f: Float): Word => floatWord(params, f);
  const wf = (w: Word): Float => wordFloat(params, w);
  const one = floatOfRational(params, { num: 1n, den: 1n });
  const zero = zeroFloat(params);
  const dh = (h: Head): number => h.wv.length;
  // worst-case words of one exact partial sum
  const sumBits = Number(params.iMax - params.iMin) + params.q + Math.ceil(Math.log2(N + 1)) + 2;
  const sumWords = 3 + Math.ceil(sumBits / wordBits);
  const layerSizes = model.layers.map((layer) => {
    const qWords = layer.heads.reduce((a, h) => a + h.wq.length, 0);
    const kvWords = layer.heads.reduce((a, h) => a + h.wk.length + dh(h), 0);
    const r1 = layer.heads.reduce((a, h) => a + (h.attention === 'softmax' ? sumWords : h.attention === 'saturated' ? 3 : 3 + dh(h)), 0);
    const r2 = layer.heads.reduce((a, h) => a + (h.attention === 'hard' ? 0 : dh(h) * sumWords), 0);
    const b1 = layer.heads.reduce((a, h) => a + (h.attention === 'softmax' ? 1 : h.attention === 'saturated' ? 2 : 0), 0);
    const hard = layer.heads.reduce((a, h) => a + (h.attention === 'hard' ? dh(h) : 0), 0);
    return 32 + 2 * d + 2 * (qWords + kvWords + b1 + hard) + b * (6 + qWords + kvWords + b1 + Math.max(r1, r2));
  });
  const memory = Math.max(4, 3 + d, ...layerSizes);
  // a record's length is a word: the memory must fit one
  if (memory >= 2 ** wordBits) return left(`transformerToMpc: a memory of ${memory} words does not fit ${wordBits}-bit record lengths`);
  const rounds = 2 + L * (4 * T + 1);
  const home = (i: number): number => i * N;
  const machineOf = (i: number, j: number): number => i * N + j;
  /** Broadcast step at `level`: where a holder at index x (x % b^level = 0) sends (itself included). */
  const children = (x: number, level: number): number[] => {
    const step = b ** (level - 1);
    return Array.from({ length: b }, (_, c) => x + c * step).filter((y) => y < N);
  };
  const repAt = (x: number, level: number): number => Math.floor(x / b ** level) * b ** level;

  /** Leaf and combine operations of the first reduction, per head. */
  type R1Part =
    | { readonly kind: 'softmax'; readonly sum: Dyadic }
    | { readonly kind: 'saturated'; readonly max: Float | null; readonly count: number }
    | { readonly kind: 'hard'; readonly max: Float | null; readonly at: number; readonly v: readonly Float[] };

  const encodeR1 = (parts: readonly R1Part[]): Word[] =>
    parts.flatMap((p): Word[] =>
      p.kind === 'softmax' ? encodeSum(params, wordBits, p.sum) : p.kind === 'saturated' ? (p.max === null ? [0, 0, 0] : [1, fw(p.max), p.count]) : p.max === null ? [0, 0, 0] : [1, fw(p.max), p.at, ...p.v.map(fw)],
    );
  const decodeR1 = (layer: Layer, words: readonly Word[]): R1Part[] => {
    const rd = new Reader(words);
    return layer.heads.map((h): R1Part => {
      if (h.attention === 'softmax') return { kind: 'softmax', sum: rd.sum(params, wordBits) };
      const present = rd.next() === 1;
      const max = rd.next();
      const c = rd.next();
      if (h.attention === 'saturated') return present ? { kind: 'saturated', max: wf(max), count: c } : { kind: 'saturated', max: null, count: 0 };
      if (!present) return { kind: 'hard', max: null, at: 0, v: [] };
      return { kind: 'hard', max: wf(max), at: c, v: Array.from({ length: dh(h) }, () => wf(rd.next())) };
    });
  };
  const combineR1 = (a: R1Part, x: R1Part): R1Part => {
    if (a.kind === 'softmax' && x.kind === 'softmax') return { kind: 'softmax', sum: add(a.sum, x.sum) };
    if (a.kind === 'saturated' && x.kind === 'saturated') {
      if (a.max === null) return x;
      if (x.max === null) return a;
      const c = floatCompare(x.max, a.max);
      return c > 0 ? x : c < 0 ? a : { kind: 'saturated', max: a.max, count: a.count + x.count };
    }
    if (a.kind === 'hard' && x.kind === 'hard') {
      if (a.max === null) return x;
      if (x.max === null) return a;
      const c = floatCompare(x.max, a.max);
      return c > 0 || (c === 0 && x.at < a.at) ? x : a;
    }
    throw new Error('transformerToMpc: partials of different heads combined');
  };
  const qOf = (layer: Layer, words: readonly Word[]): Float[][] => {
    let k = 0;
    return layer.heads.map((h) => h.wq.map(() => wf(words[k++]!)));
  };
  const kvOf = (layer: Layer, words: readonly Word[]): { k: Float[]; v: Float[] }[] => {
    let t = 0;
    return layer.heads.map((h) => ({ k: h.wk.map(() => wf(words[t++]!)), v: h.wv.map(() => wf(words[t++]!)) }));
  };
  /** B1 payload per head: softmax Z; saturated max and Z; hard nothing. */
  const b1Of = (layer: Layer, words: readonly Word[]): { z: Float; max: Float }[] => {
    let t = 0;
    return layer.heads.map((h) => (h.attention === 'softmax' ? { z: wf(words[t++]!), max: zero } : h.attention === 'saturated' ? { max: wf(words[t++]!), z: wf(words[t++]!) } : { z: zero, max: zero }));
  };
  const visible = (h: Head, i: number, j: number): boolean => !headIsCausal(model, h) || j <= i;
  const scoreOf = (q: readonly Float[], k: readonly Float[]): Float => dot(params, q, k);

  const local = (ctx: { readonly round: number; readonly machine: number }, mem: readonly Word[]): readonly MpcMessage[] => {
    const { round, machine } = ctx;
    const out: MpcMessage[] = [];
    const send = (to: number, words: readonly Word[]): void => {
      if (words.length > 0) out.push({ to, words });
    };
    if (round === 1) {
      // input word t (machine ⌊t/s⌋, slot t mod s) goes, bare, to its home
      mem.forEach((tok, slot) => send(home(machine * memory + slot), [tok]));
      return out;
    }
    const i = Math.floor(machine / N);
    const j = machine % N;
    const recs = round === 2 ? [] : parse(mem);
    const find = (tag: number): Rec | undefined => recs.find((r) => r.tag === tag);
    const all = (tag: number): Rec[] => recs.filter((r) => r.tag === tag);
    const keep = (tag: number): void => {
      const r = find(tag);
      if (r !== undefined) send(machine, rec(r.tag, r.key, r.payload));
    };
    const lr = round - 2;
    const layerIdx = Math.floor(lr / (4 * T + 1));
    const k = lr - layerIdx * (4 * T + 1);
    // k = 0: the homes finish the previous layer (or embed) and start this one (or write the output)
    if (k === 0) {
      if (j !== 0) return out;
      let x: State;
      if (layerIdx === 0) {
        const tok = mem[0]; // round 2: the bare input token
        if (tok === undefined || mem.length !== 1) throw new Error(`transformerToMpc: home ${i} holds ${mem.length} words, not its token`);
        x = embedAt(params, model, tok, i + 1, N);
      } else {
        const prev = model.layers[layerIdx - 1]!;
        const xr = find(X);
        if (xr === undefined) throw new Error(`transformerToMpc: home ${i} lost its state`);
        const xPrev = xr.payload.map(wf);
        const parts = all(R2).map((r) => {
          const rd = new Reader(r.payload);
          return prev.heads.map((h) => (h.attention === 'hard' ? [] : Array.from({ length: dh(h) }, () => rd.sum(params, wordBits))));
        });
        const hardRec = find(HARD);
        let hk = 0;
        const heads = prev.heads.map((h, hi): State => {
          if (h.attention === 'hard') return Array.from({ length: dh(h) }, () => wf(hardRec!.payload[hk++]!));
          return Array.from({ length: dh(h) }, (_, r) => {
            const total = parts.reduce<Dyadic>((acc, p) => add(acc, p[hi]![r]!), { mant: 0n, exp: 0n });
            return total.mant === 0n ? fP(params, 0n) : fP(params, total.mant << (total.exp - params.iMin));
          });
        });
        x = finishLayer(params, prev, xPrev, heads);
      }
      if (layerIdx === L) {
        send(machine, x.map(fw));
        return out;
      }
      const layer = model.layers[layerIdx]!;
      send(machine, rec(X, i, x.map(fw)));
      const qs = layer.heads.flatMap((h) => matVec(params, h.wq, x).map(fw));
      const kvs = layer.heads.flatMap((h) => [...matVec(params, h.wk, x), ...matVec(params, h.wv, x)].map(fw));
      for (const c of children(0, T)) send(machineOf(i, c), rec(Q, i, qs));
      send(machineOf(0, i), rec(KV, i, kvs));
      return out;
    }
    const layer = model.layers[layerIdx]!;
    // keep the state at home for the whole layer, and the hard results once known
    if (j === 0) {
      keep(X);
      if (k > 2 * T + 1) keep(HARD);
    }
    // the row broadcast of q (k = 1 … T − 1), kept until the second reduction's leaves (k = 3T + 1)
    const qr = find(Q);
    if (qr !== undefined && k <= 3 * T) {
      if (k <= T - 1 && j % b ** (T - k) === 0) for (const c of children(j, T - k)) send(machineOf(i, c), rec(Q, qr.key, qr.payload));
      else send(machine, rec(Q, qr.key, qr.payload));
    }
    // the column broadcast of (k, v) from (0, j): steps k = 1 … T
    const kvr = find(KV);
    if (kvr !== undefined && k <= 3 * T) {
      if (k >= 1 && k <= T && i % b ** (T - k + 1) === 0) for (const c of children(i, T - k + 1)) send(machineOf(c, j), rec(KV, kvr.key, kvr.payload));
      else send(machine, rec(KV, kvr.key, kvr.payload));
    }
    // the first reduction: leaves at k = T + 1, combining steps k = T + 2 … 2T
    if (k === T + 1) {
      const q = qOf(layer, qr!.payload);
      const kv = kvOf(layer, kvr!.payload);
      const parts = layer.heads.map((h, hi): R1Part => {
        const vis = visible(h, i, j);
        const s = scoreOf(q[hi]!, kv[hi]!.k);
        if (h.attention === 'softmax') return { kind: 'softmax', sum: vis ? ofFloat(floatExp(params, s)) : { mant: 0n, exp: 0n } };
        if (h.attention === 'saturated') return vis ? { kind: 'saturated', max: s, count: 1 } : { kind: 'saturated', max: null, count: 0 };
        return vis ? { kind: 'hard', max: s, at: j, v: kv[hi]!.v } : { kind: 'hard', max: null, at: 0, v: [] };
      });
      send(machineOf(i, repAt(j, 1)), rec(R1, j, encodeR1(parts)));
    }
    const combined = (tag: number): R1Part[] | null => {
      const rs = all(tag);
      if (rs.length === 0) return null;
      return rs.map((r) => decodeR1(layer, r.payload)).reduce((a, p) => a.map((x, h) => combineR1(x, p[h]!)));
    };
    if (k >= T + 2 && k <= 2 * T) {
      const c = combined(R1);
      if (c !== null) send(machineOf(i, repAt(j, k - T)), rec(R1, j, encodeR1(c)));
    }
    // k = 2T + 1: the home has the row's result; broadcast Z and the maxima (k = 2T + 1 … 3T)
    if (k === 2 * T + 1 && j === 0) {
      const c = combined(R1)!;
      const payload: Word[] = [];
      const hard: Word[] = [];
      c.forEach((p) => {
        if (p.kind === 'softmax') payload.push(fw(p.sum.mant === 0n ? fP(params, 0n) : fP(params, p.sum.mant << (p.sum.exp - params.iMin))));
        else if (p.kind === 'saturated') payload.push(fw(p.max!), fw(iteratedSum(params, Array.from({ length: p.count }, () => one))));
        else hard.push(...p.v.map(fw));
      });
      for (const ch of children(0, T)) send(machineOf(i, ch), rec(B1, i, payload));
      send(machine, rec(HARD, i, hard));
    }
    const br = find(B1);
    if (br !== undefined && k >= 2 * T + 2 && k <= 3 * T) {
      const level = T - (k - 2 * T - 1);
      if (j % b ** level === 0) for (const c of children(j, level)) send(machineOf(i, c), rec(B1, br.key, br.payload));
      else send(machine, rec(B1, br.key, br.payload));
    }
    // the second reduction: leaves at k = 3T + 1, combining steps k = 3T + 2 … 4T
    const encodeR2 = (sums: readonly (readonly Dyadic[])[]): Word[] => sums.flatMap((hs) => hs.flatMap((x) => encodeSum(params, wordBits, x)));
    if (k === 3 * T + 1) {
      const q = qOf(layer, qr!.payload);
      const kv = kvOf(layer, kvr!.payload);
      const b1 = b1Of(layer, br!.payload);
      const sums = layer.heads.map((h, hi): Dyadic[] => {
        const vis = visible(h, i, j);
        if (h.attention === 'hard') return [];
        if (!vis) return Array.from({ length: dh(h) }, () => ({ mant: 0n, exp: 0n }));
        const s = scoreOf(q[hi]!, kv[hi]!.k);
        const sij = h.attention === 'softmax' ? floatExp(params, s) : floatCompare(s, b1[hi]!.max) === 0 ? one : zero;
        const w = floatDiv(params, sij, b1[hi]!.z);
        return kv[hi]!.v.map((vr) => ofFloat(floatMul(params, w, vr)));
      });
      send(machineOf(i, repAt(j, 1)), rec(R2, j, encodeR2(sums)));
    }
    if (k >= 3 * T + 2 && k <= 4 * T) {
      const rs = all(R2);
      if (rs.length > 0) {
        const parts = rs.map((r) => {
          const rd = new Reader(r.payload);
          return layer.heads.map((h) => (h.attention === 'hard' ? [] : Array.from({ length: dh(h) }, () => rd.sum(params, wordBits))));
        });
        const total = parts.reduce((a, p) => a.map((hs, h) => hs.map((x, r) => add(x, p[h]![r]!))));
        send(machineOf(i, repAt(j, k - 3 * T)), rec(R2, j, encodeR2(total)));
      }
    }
    return out;
  };
  const protocol: MpcProtocol = { name: `transformer-to-mpc(N=${N}, L=${L}, b=${b})`, machines: N * N, memory, wordBits, rounds, local };
  const values = (r: number, mem: readonly Word[]): number => {
    // memories[r] is read by round r + 1: bare words at r ≤ 1 and after the last round
    if (r <= 1 || r >= rounds) return mem.length;
    const lr = r - 1;
    const li = Math.floor(lr / (4 * T + 1));
    const k = lr - li * (4 * T + 1);
    const layer = model.layers[k === 0 ? li - 1 : li];
    let count = 0;
    for (const x of parse(mem)) {
      if ((x.tag !== R1 && x.tag !== R2) || layer === undefined) {
        count += 3 + x.payload.length;
        continue;
      }
      const rd = new Reader(x.payload);
      let sums = 0;
      let sumWords = 0;
      const readSum = (): void => {
        const before = rd.position();
        rd.sum(params, wordBits);
        sums++;
        sumWords += rd.position() - before;
      };
      for (const h of layer.heads) {
        if (x.tag === R1 && h.attention === 'softmax') readSum();
        else if (x.tag === R1) {
          const present = rd.next() === 1;
          rd.next();
          rd.next();
          if (h.attention === 'hard' && present) for (let t = 0; t < dh(h); t++) rd.next();
        } else if (h.attention !== 'hard') for (let t = 0; t < dh(h); t++) readSum();
      }
      count += 3 + x.payload.length - sumWords + sums;
    }
    return count;
  };
  return right({ protocol, n: N, fanIn: b, depth: T, precision: params.p, wordBits, values });
};
