/**
 * # Bit-parallel evaluator
 *
 * Evaluate a {@link Circuit} on 32 assignments at once: every gate gets one 32-bit word, and
 * lane `b` of that word (bit `b`, least significant first) is the gate's value under
 * assignment `b`. AND, OR and NOT are then single word operations per wire, and threshold
 * gates are computed by bit-sliced (vertical) counting followed by a bit-sliced comparison
 * with the threshold, so no gate ever loops over lanes.
 *
 * ## Main definitions
 * - {@link evaluateWords}: all gate words, given one word per input bit.
 * - {@link evaluateWordsWide}: the same with `W` words per gate (32·W assignments per pass).
 * - {@link evaluateBatch}: output bits for any number of assignments (up to 256 per pass).
 * - {@link evaluateAllInputs}: every one of the 2^n assignments, 32 per callback, with
 *   assignment `a` reading input bit `j` as `(a >> j) & 1`.
 * - {@link evaluateAllInputsFast}: the same on the fastest path — the WebAssembly SIMD evaluator
 *   (./evaluateWasm.ts, 128 per callback) where the runtime has it (for exhaustive checks).
 * - {@link EvaluatorPath}: `'fastest'`, or a forced `'js'` / `'wasm'` ({@link evaluateBatch} and
 *   {@link evaluateAllInputsFast} take it; tests run both).
 * - {@link outputWords}, {@link inputWordsOf}: packing and unpacking helpers.
 *
 * ## Semantics
 * Exactly those of the reference evaluator `evaluateGates` (./evaluate.ts), lane by lane:
 * `input` reads input bit `param[i]`; `const` is 0 or 1; NOT, AND (AND() = 1), OR (OR() = 0);
 * θ≥k is 1 iff Σ w·x ≥ k and θ≤k is 1 iff Σ w·x ≤ k, with w = 1 when the circuit is
 * unweighted. Weighted sums are computed exactly (the counters are as wide as needed); they
 * agree with the reference evaluator, which sums in doubles, whenever Σ|w| < 2^53.
 *
 * ## Implementation notes
 * - Gate words live in an `Int32Array` view of the returned `Uint32Array` (same buffer), so
 *   every value stays a small integer for V8 and the caller still sees unsigned words.
 * - Unweighted thresholds with fan-in < 128 (the common case) keep the whole 7-bit count in
 *   locals. A Harley–Seal carry-save adder (CSA) tree takes 8 wires at a time: 7 CSAs leave
 *   the count's bits 0, 1, 2 (`ones`, `twos`, `fours`) in place and produce one `eights`
 *   word, which is rippled into bits 3–6. The last (fan-in mod 8) wires go in as a block of
 *   4, a block of 2 and a single wire. A CSA costs 5 word operations and removes one word, so
 *   counting costs about 5 operations per wire. Fan-in ≥ 128 uses a plain vertical counter
 *   in the scratch array (one ripple-add per wire).
 * - Comparison with a constant K, least significant bit first: r₋₁ = all ones (0 ≥ 0), and
 *   r_j = c_j ∧ r_{j−1} if bit j of K is 1, else c_j ∨ r_{j−1}; then count ≥ K iff r_{B−1}.
 *   On the fast path this is branch-free, (c ∧ r) ∨ ((c ∨ r) ∧ ¬m) with m = bit j of K
 *   spread over the word. K ≤ 0 and K > (largest possible count) are decided up front,
 *   without reading the wires. θ≤k is ¬(count ≥ k + 1).
 * - AND and OR fold four wires per step. No shortcut depends on the data (an AND is not
 *   cut short when its word becomes 0), so the cost of a pass is that of the circuit, as
 *   for the reference evaluator.
 * - Weighted thresholds: a wire with weight −|w| contributes |w|·¬x − |w|, so x is replaced by
 *   ¬x and |w| is added to K; a weight |w| adds the (possibly negated) x at every set bit
 *   position of |w| into the bit-sliced counter (ripple add with early exit once the carry
 *   word is 0). Weight 0 wires are skipped.
 * - W words per gate ({@link evaluateWordsWide}): gate `i`'s words sit side by side at
 *   `i·W … i·W + W − 1`, so one random access to the gate-word array serves 32·W
 *   assignments. Each word `q` is a pass over the gate's arguments: the pass for `q = 0`
 *   is a tight loop of independent loads that brings the arguments' cache lines in, and the
 *   passes for `q ≥ 1` hit them in L1. Exactly the semantics of W = 1, word by word.
 *   AND and OR keep a plain loop for W = 1. Thresholds share one code path for every W,
 *   which costs about 8% at W = 1 against a W = 1-only evaluator (CPU time per pass on the
 *   benchmark circuit, 96–98 ms vs 89 ms; index arithmetic `g·W + q` in the counting loop).
 *   Measured slower on the benchmark circuit, and so not used: W accumulators reading an
 *   argument's W words together (0.8× at W = 4 and W = 8), gathering a threshold's
 *   argument words into a scratch array before counting (0.6–0.7×), and power-of-two W with
 *   shifts for `g·W + q` (no gain).
 * - Which width is fastest depends on where the gate words live. On the 1,000,000-gate
 *   benchmark circuit (`npm run bench -- eval-vs-c`, CPU time per assignment, committed run)
 *   W = 1 / 2 / 4 / 8 take 2.9 / 2.8 / 3.7 / 3.9 ms: thresholds are compute-bound (carry-save counting is the same work per
 *   word at every width) and at W ≥ 4 AND / OR become memory-bound (the gate words outgrow
 *   the cache). On smaller circuits wider is no slower and sometimes faster (CPU time per
 *   assignment, W = 1 / 2 / 4 / 8: 3.1 / 3.0 / 3.0 / 3.0 µs on 2,000 gates, 51 / 44 / 38 / 37 µs
 *   on 20,000 gates of the benchmark's kind), so {@link evaluateBatch}'s JS path uses up to 8 words (on circuits of a million gates that is
 *   about 1.3× slower than W = 1; the batches it serves are of far smaller circuits).
 *   {@link evaluateAllInputs} hands its callback 32 lanes at a time and keeps W = 1.
 * - The WebAssembly SIMD path (./evaluateWasm.ts: the same algorithms on one 128-bit `v128`
 *   per gate) is 4–7× faster than the best JS width on the benchmark circuits (`npm run bench
 *   -- eval-vs-c`), so {@link evaluateBatch} and {@link evaluateAllInputsFast} take it where the
 *   runtime has WebAssembly SIMD; the JS path stays the fallback and is tested as much.
 * - Profile of the JS path (`node --cpu-prof` on an esbuild bundle, 15 passes over the
 *   1,000,000-gate benchmark circuit at W = 1): of the evaluation time, about 60 % is in the
 *   four-wire AND / OR loops of {@link evaluateWordsWide} (each wire a random load of an
 *   argument's word: latency-bound, the word operations are trivial) and about 40 % in
 *   `thresholdSmall` (carry-save counting); dispatch, `faninStart` reads and the other kinds
 *   are a few percent. Both halves cost per wire per 32 lanes, so only more lanes per load and
 *   per operation — 128-bit SIMD — could double the speed, which the JS path cannot express.
 * - No allocation per gate: the counter scratch (64 words; a count < 2^64 always fits, since
 *   fan-in < 2^29 and |w| < 2^30) is allocated once per call.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §3 and Defs 1–4 (the gate basis).
 * - H. S. Warren, *Hacker's Delight*, 2nd ed., §5-1 (population count, CSA / Harley–Seal).
 * - W. Muła, N. Kurz, D. Lemire, "Faster population counts using AVX2 instructions",
 *   The Computer Journal 61(1), 2018 (Harley–Seal carry-save adder tree).
 *
 * @module
 */
import { GateKind, type Circuit } from './circuit.js';
import { WASM_LANES, WASM_WORDS_PER_GATE, withWasmEvaluator, type WasmEvaluator } from './evaluateWasm.js';

/**
 * Which evaluator a caller runs: the fastest available (WebAssembly SIMD when the runtime has it,
 * see ./evaluateWasm.ts), or a forced one (tests and benchmarks). @category model
 */
export type EvaluatorPath = 'fastest' | 'js' | 'wasm';

/** Run `f` with the WebAssembly evaluator for `path`, or with null for the JS path. */
const withPath = <T>(c: Circuit, path: EvaluatorPath, who: string, f: (wasm: WasmEvaluator | null) => T): T => {
  if (path === 'js') return f(null);
  return withWasmEvaluator(c, (w) => {
    if (w === null && path === 'wasm') throw new Error(`${who}: the WebAssembly evaluator is not available for this circuit or runtime`);
    return f(w);
  });
};

/** {@link evaluateBatch} on the WebAssembly evaluator, 128 assignments per pass. */
const batchWasm = (c: Circuit, assignments: readonly ArrayLike<number>[], wasm: WasmEvaluator): Uint8Array[] => {
  const results: Uint8Array[] = [];
  const W = WASM_WORDS_PER_GATE;
  const inputs = new Uint32Array(c.numInputs * W);
  for (let base = 0; base < assignments.length; base += WASM_LANES) {
    const count = Math.min(WASM_LANES, assignments.length - base);
    inputs.fill(0);
    for (let b = 0; b < count; b++) {
      const a = assignments[base + b]!;
      const q = b >>> 5;
      const bit = 1 << (b & 31);
      for (let j = 0; j < c.numInputs; j++) if (a[j]) inputs[j * W + q] = inputs[j * W + q]! | bit;
    }
    const gates = wasm.evaluate(inputs);
    for (let b = 0; b < count; b++) {
      const q = b >>> 5;
      const bits = new Uint8Array(c.outputs.length);
      for (let j = 0; j < bits.length; j++) bits[j] = (gates[c.outputs[j]! * W + q]! >>> (b & 31)) & 1;
      results.push(bits);
    }
  }
  return results;
};

/** Number of lanes (assignments) per word. @category model */
export const LANES = 32;

/** Words of bit-sliced counter: enough for any count below 2^64. */
const COUNTER_WORDS = 64;

/** Number of bits needed to write the non-negative integer `t` (bitLength(0) = 0). */
const bitLength = (t: number): number => {
  let b = 0;
  while (t >= 1) {
    t = Math.floor(t / 2);
    b++;
  }
  return b;
};

/**
 * θ≥K (isGe) or θ≤K on unweighted wires `s … e−1` with fan-in < 128: the whole count (7 bits)
 * lives in locals. Harley–Seal: 8 wires → one `eights` word via 7 CSAs, rippled into bits 3–6.
 */
const thresholdSmall = (v: Int32Array, fanin: Uint32Array, s: number, e: number, K: number, W: number, k: number): number => {
  let ones = 0;
  let twos = 0;
  let fours = 0;
  let b3 = 0;
  let b4 = 0;
  let b5 = 0;
  let b6 = 0;
  let w = s;
  let u: number;
  let t: number;
  for (; w + 8 <= e; w += 8) {
    const a = v[fanin[w]! * W + k]!;
    const b = v[fanin[w + 1]! * W + k]!;
    const c = v[fanin[w + 2]! * W + k]!;
    const d = v[fanin[w + 3]! * W + k]!;
    u = ones ^ a;
    const twosA = (ones & a) | (u & b);
    ones = u ^ b;
    u = ones ^ c;
    const twosB = (ones & c) | (u & d);
    ones = u ^ d;
    u = twos ^ twosA;
    const foursA = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    const a2 = v[fanin[w + 4]! * W + k]!;
    const b2 = v[fanin[w + 5]! * W + k]!;
    const c2 = v[fanin[w + 6]! * W + k]!;
    const d2 = v[fanin[w + 7]! * W + k]!;
    u = ones ^ a2;
    const twosC = (ones & a2) | (u & b2);
    ones = u ^ b2;
    u = ones ^ c2;
    const twosD = (ones & c2) | (u & d2);
    ones = u ^ d2;
    u = twos ^ twosC;
    const foursB = (twos & twosC) | (u & twosD);
    twos = u ^ twosD;
    u = fours ^ foursA;
    let x = (fours & foursA) | (u & foursB);
    fours = u ^ foursB;
    t = b3 & x;
    b3 ^= x;
    x = t;
    t = b4 & x;
    b4 ^= x;
    x = t;
    t = b5 & x;
    b5 ^= x;
    b6 ^= t;
  }
  if (e - w >= 4) {
    const a = v[fanin[w]! * W + k]!;
    const b = v[fanin[w + 1]! * W + k]!;
    const c = v[fanin[w + 2]! * W + k]!;
    const d = v[fanin[w + 3]! * W + k]!;
    w += 4;
    u = ones ^ a;
    const twosA = (ones & a) | (u & b);
    ones = u ^ b;
    u = ones ^ c;
    const twosB = (ones & c) | (u & d);
    ones = u ^ d;
    u = twos ^ twosA;
    let x = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    t = fours & x;
    fours ^= x;
    x = t;
    t = b3 & x;
    b3 ^= x;
    x = t;
    t = b4 & x;
    b4 ^= x;
    x = t;
    t = b5 & x;
    b5 ^= x;
    b6 ^= t;
  }
  if (e - w >= 2) {
    const a = v[fanin[w]! * W + k]!;
    const b = v[fanin[w + 1]! * W + k]!;
    w += 2;
    u = ones ^ a;
    let x = (ones & a) | (u & b);
    ones = u ^ b;
    t = twos & x;
    twos ^= x;
    x = t;
    t = fours & x;
    fours ^= x;
    x = t;
    t = b3 & x;
    b3 ^= x;
    x = t;
    t = b4 & x;
    b4 ^= x;
    x = t;
    t = b5 & x;
    b5 ^= x;
    b6 ^= t;
  }
  if (w < e) {
    let x = v[fanin[w]! * W + k]!;
    t = ones & x;
    ones ^= x;
    x = t;
    t = twos & x;
    twos ^= x;
    x = t;
    t = fours & x;
    fours ^= x;
    x = t;
    t = b3 & x;
    b3 ^= x;
    x = t;
    t = b4 & x;
    b4 ^= x;
    x = t;
    t = b5 & x;
    b5 ^= x;
    b6 ^= t;
  }
  // count ≥ K, least significant bit first (K < 128), branch-free: mask m = bit j of K spread
  // over all lanes; r ← m ? c ∧ r : c ∨ r = (c ∧ r) ∨ ((c ∨ r) ∧ ¬m).
  let r = ones | ((K & 1) - 1);
  r = (twos & r) | ((twos | r) & (((K >>> 1) & 1) - 1));
  r = (fours & r) | ((fours | r) & (((K >>> 2) & 1) - 1));
  r = (b3 & r) | ((b3 | r) & (((K >>> 3) & 1) - 1));
  r = (b4 & r) | ((b4 | r) & (((K >>> 4) & 1) - 1));
  r = (b5 & r) | ((b5 | r) & (((K >>> 5) & 1) - 1));
  return (b6 & r) | ((b6 | r) & (((K >>> 6) & 1) - 1));
};

/**
 * θ≥K (isGe) or θ≤K on unweighted wires `s … e−1`, any fan-in: the count's bits in the
 * counter scratch `cnt`, one vertical ripple-add per wire.
 */
const thresholdLarge = (v: Int32Array, fanin: Uint32Array, s: number, e: number, K: number, cnt: Int32Array, W: number, k: number): number => {
  const B = bitLength(e - s);
  for (let j = 0; j < B; j++) cnt[j] = 0;
  for (let w = s; w < e; w++) {
    let carry = v[fanin[w]! * W + k]!;
    for (let j = 0; carry !== 0 && j < B; j++) {
      const x = cnt[j]!;
      cnt[j] = x ^ carry;
      carry &= x;
    }
  }
  let r = -1;
  for (let j = 0; j < B; j++) {
    const c = cnt[j]!;
    r = (K >>> j) & 1 ? c & r : c | r;
  }
  return r;
};

/**
 * Word `k` of every gate's `W` words, for a θ≥k (isGe) or θ≤k gate on the unweighted wires
 * `s … e−1`, into `v[i·W + k]` for `k = 0 … W−1`.
 */
const thresholdUnweighted = (
  v: Int32Array,
  fanin: Uint32Array,
  s: number,
  e: number,
  k: number,
  isGe: boolean,
  cnt: Int32Array,
  W: number,
  i: number,
): void => {
  const f = e - s;
  const K = isGe ? k : k + 1; // le: Σx ≤ k ⟺ ¬(Σx ≥ k + 1)
  const flip = isGe ? 0 : -1;
  const o = i * W;
  if (K <= 0 || K > f) {
    const r = (K <= 0 ? -1 : 0) ^ flip;
    for (let q = 0; q < W; q++) v[o + q] = r;
  } else if (f < 128) {
    for (let q = 0; q < W; q++) v[o + q] = thresholdSmall(v, fanin, s, e, K, W, q) ^ flip;
  } else {
    for (let q = 0; q < W; q++) v[o + q] = thresholdLarge(v, fanin, s, e, K, cnt, W, q) ^ flip;
  }
};

/**
 * θ≥k (isGe) or θ≤k on weighted wires `s … e−1`, all `W` words of gate `i`: negate x for
 * w < 0, ripple-add at the set bits of |w|.
 */
const thresholdWeighted = (
  v: Int32Array,
  fanin: Uint32Array,
  weight: Int32Array,
  s: number,
  e: number,
  k: number,
  isGe: boolean,
  cnt: Int32Array,
  W: number,
  i: number,
): void => {
  let total = 0;
  let neg = 0;
  for (let w = s; w < e; w++) {
    const x = weight[w]!;
    if (x < 0) {
      total -= x;
      neg -= x;
    } else total += x;
  }
  // Σ w·x = Σ |w|·x' − neg with x' = ¬x where w < 0; ge: Σ|w|x' ≥ k + neg; le: ¬(Σ|w|x' ≥ k + 1 + neg).
  const K = (isGe ? k : k + 1) + neg;
  const flip = isGe ? 0 : -1;
  const o = i * W;
  if (K <= 0 || K > total) {
    const r = (K <= 0 ? -1 : 0) ^ flip;
    for (let q = 0; q < W; q++) v[o + q] = r;
    return;
  }
  const B = bitLength(total);
  for (let q = 0; q < W; q++) {
    for (let j = 0; j < B; j++) cnt[j] = 0;
    for (let w = s; w < e; w++) {
      const wt = weight[w]!;
      if (wt === 0) continue;
      const x = wt < 0 ? ~v[fanin[w]! * W + q]! : v[fanin[w]! * W + q]!;
      let m = wt < 0 ? -wt : wt;
      for (let b = 0; m !== 0; b++, m >>>= 1) {
        if ((m & 1) === 0) continue;
        let carry = x;
        for (let j = b; carry !== 0 && j < B; j++) {
          const t = cnt[j]!;
          cnt[j] = t ^ carry;
          carry &= t;
        }
      }
    }
    let r = -1;
    let rest = K;
    for (let j = 0; j < B; j++) {
      const c = cnt[j]!;
      r = rest % 2 === 1 ? c & r : c | r;
      rest = Math.floor(rest / 2);
    }
    v[o + q] = r ^ flip;
  }
};

/**
 * Words per gate {@link evaluateBatch} uses for long batches (256 assignments per pass): on a
 * 20,000-gate circuit 1.4× faster per assignment than one word, on 2,000 gates the same.
 */
const BATCH_WORDS = 8;

/** Largest number of words per gate {@link evaluateWordsWide} accepts. @category model */
export const MAX_WORDS_PER_GATE = 64;

/**
 * Evaluate every gate on `32·W` assignments at once (`W = wordsPerGate`): gate `i` gets the
 * `W` words `i·W … i·W + W − 1`, and lane `b` of word `q` is the gate's value under assignment
 * `32·q + b`. Input bit `j` of those assignments is read from `inputWords[j·W + q]`. With
 * `W = 1` this is {@link evaluateWords}. A gate's words sit side by side, so each wire costs
 * one random memory access for all `32·W` assignments (the benchmark's working set is the
 * gate-word array, `4·W` bytes per gate). `scratch`, if given (length ≥ numGates·W), is
 * filled and returned.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.and([x!, y!])]);
 * // two words per gate: assignments 0…31 in word 0, 32…63 in word 1
 * evaluateWordsWide(c, Uint32Array.of(0b1100, 1, 0b1010, 1), 2).slice(2 * c.outputs[0]!); // [0b1000, 1]
 * ```
 * @category destructors
 */
export const evaluateWordsWide = (
  c: Circuit,
  inputWords: ArrayLike<number>,
  wordsPerGate: number,
  scratch?: Uint32Array,
): Uint32Array => {
  const W = wordsPerGate;
  if (!Number.isSafeInteger(W) || W < 1 || W > MAX_WORDS_PER_GATE) {
    throw new RangeError(`evaluateWordsWide: words per gate must be an integer in 1..${MAX_WORDS_PER_GATE}, got ${W}`);
  }
  if (inputWords.length !== c.numInputs * W) {
    throw new RangeError(`evaluateWordsWide: circuit has ${c.numInputs} inputs × ${W} words, got ${inputWords.length} words`);
  }
  const n = c.numGates;
  if (scratch !== undefined && scratch.length < n * W) {
    throw new RangeError(`evaluateWordsWide: scratch has ${scratch.length} words, need ${n * W}`);
  }
  const out = scratch ?? new Uint32Array(n * W);
  const v = new Int32Array(out.buffer, out.byteOffset, n * W);
  const kind = c.kind as Uint8Array;
  const param = c.param as Int32Array;
  const faninStart = c.faninStart as Uint32Array;
  const fanin = c.fanin as Uint32Array;
  const weight = c.weight as Int32Array | null;
  const cnt = new Int32Array(COUNTER_WORDS);
  let e = faninStart[0]!;
  for (let i = 0; i < n; i++) {
    const s = e;
    e = faninStart[i + 1]!;
    const o = i * W;
    switch (kind[i]) {
      case GateKind.And:
        if (W === 1) {
          // one word per gate (the common case): no index arithmetic
          let r = -1;
          let w = s;
          for (; w + 4 <= e; w += 4) r &= v[fanin[w]!]! & v[fanin[w + 1]!]! & v[fanin[w + 2]!]! & v[fanin[w + 3]!]!;
          for (; w < e; w++) r &= v[fanin[w]!]!;
          v[i] = r;
          break;
        }
        for (let q = 0; q < W; q++) {
          let r = -1;
          let w = s;
          for (; w + 4 <= e; w += 4) {
            r &= v[fanin[w]! * W + q]! & v[fanin[w + 1]! * W + q]! & v[fanin[w + 2]! * W + q]! & v[fanin[w + 3]! * W + q]!;
          }
          for (; w < e; w++) r &= v[fanin[w]! * W + q]!;
          v[o + q] = r;
        }
        break;
      case GateKind.Or:
        if (W === 1) {
          // one word per gate (the common case): no index arithmetic
          let r = 0;
          let w = s;
          for (; w + 4 <= e; w += 4) r |= v[fanin[w]!]! | v[fanin[w + 1]!]! | v[fanin[w + 2]!]! | v[fanin[w + 3]!]!;
          for (; w < e; w++) r |= v[fanin[w]!]!;
          v[i] = r;
          break;
        }
        for (let q = 0; q < W; q++) {
          let r = 0;
          let w = s;
          for (; w + 4 <= e; w += 4) {
            r |= v[fanin[w]! * W + q]! | v[fanin[w + 1]! * W + q]! | v[fanin[w + 2]! * W + q]! | v[fanin[w + 3]! * W + q]!;
          }
          for (; w < e; w++) r |= v[fanin[w]! * W + q]!;
          v[o + q] = r;
        }
        break;
      case GateKind.Ge:
      case GateKind.Le:
        if (weight === null) thresholdUnweighted(v, fanin, s, e, param[i]!, kind[i] === GateKind.Ge, cnt, W, i);
        else thresholdWeighted(v, fanin, weight, s, e, param[i]!, kind[i] === GateKind.Ge, cnt, W, i);
        break;
      case GateKind.Not: {
        const a = fanin[s]! * W;
        for (let q = 0; q < W; q++) v[o + q] = ~v[a + q]!;
        break;
      }
      case GateKind.Input: {
        const a = param[i]! * W;
        for (let q = 0; q < W; q++) v[o + q] = inputWords[a + q]! | 0;
        break;
      }
      default: {
        // Const
        const r = param[i]! ? -1 : 0;
        for (let q = 0; q < W; q++) v[o + q] = r;
      }
    }
  }
  return out;
};

/**
 * Evaluate every gate on 32 assignments at once. Word `j` of `inputWords` holds input bit `j`
 * of all 32 assignments (lane `b` = assignment `b`); the result holds one word per gate
 * (index = gate id), lane `b` being the gate's value under assignment `b`. `scratch`, if
 * given (length ≥ numGates), is filled and returned, so a loop over chunks allocates nothing.
 * The same as {@link evaluateWordsWide} with one word per gate.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.and([x!, y!])]);
 * evaluateWords(c, Uint32Array.of(0b1100, 0b1010))[c.outputs[0]!]; // 0b1000
 * ```
 * @category destructors
 */
export const evaluateWords = (c: Circuit, inputWords: ArrayLike<number>, scratch?: Uint32Array): Uint32Array => {
  if (inputWords.length !== c.numInputs) {
    throw new RangeError(`evaluateWords: circuit has ${c.numInputs} inputs, got ${inputWords.length} words`);
  }
  if (scratch !== undefined && scratch.length < c.numGates) {
    throw new RangeError(`evaluateWords: scratch has ${scratch.length} words, need ${c.numGates}`);
  }
  return evaluateWordsWide(c, inputWords, 1, scratch);
};

/**
 * The words of the circuit's outputs, in output order, from the gate words of
 * {@link evaluateWords}. `into`, if given, is filled and returned.
 * @category destructors
 */
export const outputWords = (c: Circuit, gateWords: Uint32Array, into?: Uint32Array): Uint32Array => {
  if (gateWords.length < c.numGates) {
    throw new RangeError(`outputWords: circuit has ${c.numGates} gates, got ${gateWords.length} gate words`);
  }
  if (into !== undefined && into.length < c.outputs.length) {
    throw new RangeError(`outputWords: circuit has ${c.outputs.length} outputs, into has ${into.length} words`);
  }
  const out = into ?? new Uint32Array(c.outputs.length);
  for (let j = 0; j < c.outputs.length; j++) out[j] = gateWords[c.outputs[j]!]!;
  return out;
};

/**
 * Pack up to 32 assignments (each an array of `numInputs` bits) into input words: bit `b` of
 * word `j` is input bit `j` of assignment `b`. Lanes past the last assignment are 0.
 * `into`, if given (length = numInputs), is filled and returned.
 * @category constructors
 */
export const inputWordsOf = (
  numInputs: number,
  assignments: readonly ArrayLike<number>[],
  into?: Uint32Array,
): Uint32Array => {
  if (assignments.length > LANES) throw new RangeError(`inputWordsOf: ${assignments.length} assignments, at most ${LANES}`);
  if (into !== undefined && into.length !== numInputs) {
    throw new RangeError(`inputWordsOf: circuit has ${numInputs} inputs, into has ${into.length} words`);
  }
  const words = into ?? new Uint32Array(numInputs);
  words.fill(0);
  for (let b = 0; b < assignments.length; b++) {
    const a = assignments[b]!;
    if (a.length !== numInputs) {
      throw new RangeError(`inputWordsOf: circuit has ${numInputs} inputs, assignment ${b} has ${a.length} bits`);
    }
    const bit = 1 << b;
    for (let j = 0; j < numInputs; j++) if (a[j]) words[j] = words[j]! | bit;
  }
  return words;
};

/**
 * Evaluate a circuit on any number of assignments and return each one's output bits in output
 * order, exactly as `evaluate` (./evaluate.ts) would one by one. An assignment that is not
 * `numInputs` bits long is refused with a `RangeError` naming both lengths. `path`: the
 * WebAssembly evaluator (128 assignments per pass) when available, else JS (up to 256 per pass);
 * `'js'` / `'wasm'` force one (`'wasm'` throws where it is not available).
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * evaluateBatch(b.build([b.ge([x!, y!], 2)]), [[1, 1], [0, 1]]); // [Uint8Array [1], Uint8Array [0]]
 * ```
 * @category destructors
 */
export const evaluateBatch = (c: Circuit, assignments: readonly ArrayLike<number>[], path: EvaluatorPath = 'fastest'): Uint8Array[] => {
  for (let i = 0; i < assignments.length; i++) {
    if (assignments[i]!.length !== c.numInputs) {
      throw new RangeError(`evaluateBatch: circuit has ${c.numInputs} inputs, assignment ${i} has ${assignments[i]!.length} bits`);
    }
  }
  return withPath(c, path, 'evaluateBatch', (wasm) => (wasm === null ? batchJs(c, assignments) : batchWasm(c, assignments, wasm)));
};

/** {@link evaluateBatch} on the JS evaluator, up to 256 assignments per pass. */
const batchJs = (c: Circuit, assignments: readonly ArrayLike<number>[]): Uint8Array[] => {
  const results: Uint8Array[] = [];
  // Up to BATCH_WORDS words per gate per pass (32·W assignments), fewer for a short batch.
  const W = Math.max(1, Math.min(BATCH_WORDS, Math.ceil(assignments.length / LANES)));
  const gates = new Uint32Array(c.numGates * W);
  const inputs = new Uint32Array(c.numInputs * W);
  for (let base = 0; base < assignments.length; base += LANES * W) {
    const count = Math.min(LANES * W, assignments.length - base);
    inputs.fill(0);
    for (let b = 0; b < count; b++) {
      const a = assignments[base + b]!;
      const q = Math.floor(b / LANES);
      const bit = 1 << b % LANES;
      for (let j = 0; j < c.numInputs; j++) if (a[j]) inputs[j * W + q] = inputs[j * W + q]! | bit;
    }
    evaluateWordsWide(c, inputs, W, gates);
    for (let b = 0; b < count; b++) {
      const q = Math.floor(b / LANES);
      const bits = new Uint8Array(c.outputs.length);
      for (let j = 0; j < bits.length; j++) bits[j] = (gates[c.outputs[j]! * W + q]! >>> b % LANES) & 1;
      results.push(bits);
    }
  }
  return results;
};

/** Largest input count {@link evaluateAllInputs} accepts (2^40 assignments is already hopeless). @category model */
export const MAX_EXHAUSTIVE_INPUTS = 40;

/** Lane patterns of input bits 0…4 within a chunk of 32 consecutive assignments. */
const LOW_PATTERNS = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000] as const;

/**
 * Evaluate a circuit on all 2^n assignments (n = numInputs), 32 per call of `onChunk`:
 * lane `b` of the words passed is assignment `base + b`, which sets input bit `j` to
 * `(a >> j) & 1`. `lanes` is the number of valid lanes (32, or 2^n when n < 5); higher lanes
 * hold garbage. `gateWords` is reused between calls (copy it to keep it). Return `false` from
 * `onChunk` to stop early. Returns the number of assignments evaluated.
 * @example
 * ```ts
 * let ones = 0;
 * evaluateAllInputs(c, (g, _base, lanes) => {
 *   const w = g[c.outputs[0]!]!;
 *   for (let b = 0; b < lanes; b++) ones += (w >>> b) & 1;
 * });
 * ```
 * @category destructors
 */
export const evaluateAllInputs = (
  c: Circuit,
  onChunk: (gateWords: Uint32Array, base: number, lanes: number) => boolean | void,
): number => {
  const n = c.numInputs;
  if (n > MAX_EXHAUSTIVE_INPUTS) {
    throw new RangeError(`evaluateAllInputs: ${n} inputs, at most ${MAX_EXHAUSTIVE_INPUTS}`);
  }
  const total = 2 ** n;
  const lanes = Math.min(total, LANES);
  const gates = new Uint32Array(c.numGates);
  const inputs = new Uint32Array(n);
  for (let j = 0; j < n && j < 5; j++) inputs[j] = LOW_PATTERNS[j]!;
  for (let base = 0; base < total; base += LANES) {
    for (let j = 5; j < n; j++) inputs[j] = Math.floor(base / 2 ** j) % 2 === 1 ? 0xffffffff : 0;
    evaluateWords(c, inputs, gates);
    if (onChunk(gates, base, lanes) === false) return base + lanes;
  }
  return total;
};

/**
 * Evaluate a circuit on all 2^n assignments (n = numInputs), assignment `a` setting input bit
 * `j` to `(a >> j) & 1`, in chunks: `onChunk(gateWords, wordsPerGate, base, lanes)` gets the
 * values of assignments `base … base + lanes − 1`, assignment `base + b` in bit `b mod 32` of
 * word `⌊b / 32⌋` of each gate's `wordsPerGate` words (gate `i`'s words at `i·wordsPerGate …`).
 * `path`: the WebAssembly evaluator when available (128 lanes per chunk, 4 words per gate),
 * else JS ({@link evaluateAllInputs}: 32 lanes, 1 word); `'js'` / `'wasm'` force one. Lanes ≥
 * `lanes` hold garbage; `gateWords` is reused between calls (copy it to keep it). Return
 * `false` from `onChunk` to stop early. Returns the number of assignments evaluated. What the
 * exhaustive checker runs.
 * @category destructors
 */
export const evaluateAllInputsFast = (
  c: Circuit,
  onChunk: (gateWords: Uint32Array, wordsPerGate: number, base: number, lanes: number) => boolean | void,
  path: EvaluatorPath = 'fastest',
): number => {
  const n = c.numInputs;
  if (n > MAX_EXHAUSTIVE_INPUTS) {
    throw new RangeError(`evaluateAllInputsFast: ${n} inputs, at most ${MAX_EXHAUSTIVE_INPUTS}`);
  }
  return withPath(c, path, 'evaluateAllInputsFast', (wasm) =>
    wasm === null ? evaluateAllInputs(c, (words, base, lanes) => onChunk(words, 1, base, lanes)) : allInputsWasm(c, onChunk, wasm),
  );
};

/** {@link evaluateAllInputsFast} on the WebAssembly evaluator, 128 assignments per chunk. */
const allInputsWasm = (
  c: Circuit,
  onChunk: (gateWords: Uint32Array, wordsPerGate: number, base: number, lanes: number) => boolean | void,
  wasm: WasmEvaluator,
): number => {
  const n = c.numInputs;
  const W = WASM_WORDS_PER_GATE;
  const total = 2 ** n;
  const lanes = Math.min(total, WASM_LANES);
  const inputs = new Uint32Array(n * W);
  for (let j = 0; j < n && j < 5; j++) inputs.fill(LOW_PATTERNS[j]!, j * W, j * W + W);
  // bit 5 is set in words 1 and 3 (assignments 32…63, 96…127), bit 6 in words 2 and 3
  if (n > 5) inputs.set([0, 0xffffffff, 0, 0xffffffff], 5 * W);
  if (n > 6) inputs.set([0, 0, 0xffffffff, 0xffffffff], 6 * W);
  for (let base = 0; base < total; base += WASM_LANES) {
    for (let j = 7; j < n; j++) inputs.fill(Math.floor(base / 2 ** j) % 2 === 1 ? 0xffffffff : 0, j * W, j * W + W);
    if (onChunk(wasm.evaluate(inputs), W, base, lanes) === false) return base + lanes;
  }
  return total;
};
