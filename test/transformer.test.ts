/**
 * The kernel's transformer semantics (`src/core/transformer.ts`, `src/core/floatExp.ts`):
 * the precision rule, exp_p bit-exact against an independent reading, and the concrete
 * semantics on hand-made models (majority, hard = leftmost maximizer, saturated = uniform over
 * maximizers, the causal mask, ReLU, residuals), the float64 reading, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import {
  allDistinctFloats,
  floatDiv,
  floatMul,
  floatOfRational,
  floatParams,
  floatToNumber,
  isNormal,
  iteratedSum,
  maxFloat,
  showFloat,
  zeroFloat,
  type Float,
  type FloatParams,
} from '../src/core/float.js';
import { floatExp } from '../src/core/floatExp.js';
import { decodeModelText } from '../src/core/modelCodec.js';
import {
  floatOfNumber,
  precisionAt,
  runGeneral,
  runTransformer,
  runTransformer64,
  type AttentionKind,
  type TransformerModel,
  type TransformerRun,
} from '../src/core/transformer.js';
import { arbGeneralModel, arbModelAndInput, arbTokens, generalModelOfSpec } from '../src/reductions/randomTransformer.js';

const right = <A>(r: Either<string, A>): A => {
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};
const P = (p: number): FloatParams => right(floatParams(p));
const majority: TransformerModel = (() => {
  const r = decodeModelText(readFileSync(new URL('../examples/majority.json', import.meta.url), 'utf8'));
  if (isLeft(r)) throw new Error('majority.json does not decode');
  return r.right;
})();
const ones = (t: readonly number[]): number => t.filter((x) => x === 1).length;

// -------------------------------------------------------------------------------------------
// precision
// -------------------------------------------------------------------------------------------

describe('precisionAt: p = max(4, 2⌈c·log₂ n⌉), refused below log|Σ| + log n or above 64', () => {
  const p = (c: number, sigma: number, n: number): number => right(precisionAt(c, sigma, n)).p;
  it('the floor of 4 and the formula', () => {
    expect(p(1, 2, 1)).toBe(4);
    expect(p(1, 2, 2)).toBe(4);
    expect(p(1, 2, 4)).toBe(4);
    expect(p(1, 2, 5)).toBe(6);
    expect(p(1, 2, 1024)).toBe(20);
    expect(p(1, 2, 1025)).toBe(22);
    expect(p(1.5, 2, 16)).toBe(12);
    expect(p(2, 4, 1000)).toBe(40);
    expect(p(0.5, 1, 16)).toBe(4);
  });
  it('c·log₂ n that is an integer up to float64 rounding is not rounded up', () => {
    expect(1.12 * Math.log2(2 ** 25)).toBeGreaterThan(28); // 28.000000000000004
    expect(p(1.12, 2, 2 ** 25)).toBe(56);
  });
  it('refuses p below ⌈log₂|Σ|⌉ + ⌈log₂ n⌉ (P1 Def 12), p above 64, and bad c or n', () => {
    expect(precisionAt(0.5, 4, 1024)).toEqual({ _tag: 'Left', left: 'p = 10 at c = 0.5, n = 1024 is too small for log|Σ| + log n = 12 bits (P1 Def 12)' });
    expect(isRight(precisionAt(1, 8, 2))).toBe(true); // p = 4 = 3 + 1
    expect(isLeft(precisionAt(1, 9, 2))).toBe(true); // p = 4 < 4 + 1
    expect(right(precisionAt(1, 9, 2 ** 5)).p).toBe(10); // 10 ≥ 4 + 5
    expect(isLeft(precisionAt(3, 2, 2 ** 11))).toBe(true); // p = 66
    expect(right(precisionAt(3, 2, 2 ** 10)).p).toBe(60);
    for (const [c, n] of [
      [0, 4],
      [-1, 4],
      [Number.NaN, 4],
      [Number.POSITIVE_INFINITY, 4],
      [1, 0],
      [1, 2.5],
      [1, -3],
    ] as const) {
      expect(isLeft(precisionAt(c, 2, n)), `c = ${c}, n = ${n}`).toBe(true);
    }
  });
});

// -------------------------------------------------------------------------------------------
// exp_p, against an independent reading
// -------------------------------------------------------------------------------------------

/** An exact rational a/b, b > 0. */
interface Q {
  readonly a: bigint;
  readonly b: bigint;
}
const qOfFloat = (f: Float): Q => (f.e >= 0n ? { a: f.m << f.e, b: 1n } : { a: f.m, b: 1n << -f.e });
const qLe = (x: Q, y: Q): boolean => x.a * y.b <= y.a * x.b;
const qLt = (x: Q, y: Q): boolean => x.a * y.b < y.a * x.b;

/**
 * e^x enclosed in [lo, hi] by the plain Taylor series of e^|x| (no range reduction, unlike
 * floatExp): Σ_{k≤N} |x|^k/k! ≤ e^|x| ≤ that + 2·|x|^(N+1)/(N+1)! once every later term is at
 * most half the one before; for x < 0, e^x = 1/e^|x|.
 */
const expEnclosure = (x: Q, N: number): { readonly lo: Q; readonly hi: Q } => {
  const s = x.a < 0n ? -x.a : x.a;
  const b = x.b;
  const M = BigInt(N + 1);
  if (b * (M + 1n) < 2n * s) throw new Error('expEnclosure: N too small for the tail bound');
  // common denominator D = b^(N+1)·(N+1)!; term k numerator s^k·b^(N+1−k)·(N+1)!/k!
  let fact = 1n;
  for (let k = 1n; k <= M; k++) fact *= k;
  const D = b ** M * fact;
  let sum = 0n;
  let sk = 1n; // s^k
  let kFact = 1n; // k!
  let last = 0n;
  for (let k = 0n; k <= M; k++) {
    if (k > 0n) {
      sk *= s;
      kFact *= k;
    }
    const t = (sk * b ** (M - k) * fact) / kFact; // exact: (N+1)!/k! is an integer
    if (k < M) sum += t;
    else last = t;
  }
  const lo: Q = { a: sum, b: D };
  const hi: Q = { a: sum + 2n * last, b: D };
  return x.a >= 0n ? { lo, hi } : { lo: { a: hi.b, b: hi.a }, hi: { a: lo.b, b: lo.a } };
};

/** The next float value above a non-negative float in normal form: (m + 1)·2^e (or 2^(I^min) above 0). */
const successor = (params: FloatParams, r: Float): Q | null => {
  if (r.m === 0n) return qOfFloat({ m: 1n, e: params.iMin });
  if (r.m === params.iMax && r.e === params.iMax) return null;
  return qOfFloat({ m: r.m + 1n, e: r.e });
};

/**
 * Why r is not exp_p(x) = the greatest float value ≤ e^x (what "truncate toward zero to a
 * multiple of 2^(I^min), then f_p, saturating" amounts to for a positive real), or null.
 */
const expWrong = (params: FloatParams, x: Float, r: Float): string | null => {
  if (r.m < 0n) return 'negative result';
  if (!isNormal(params, r)) return 'result not in normal form';
  if (x.m === 0n) return r.m === 1n << BigInt(params.q - 2) && r.e === -BigInt(params.q - 2) ? null : 'e^0 is not 1';
  const q = qOfFloat(x);
  const R = qOfFloat(r);
  const S = successor(params, r);
  const mag = Number(q.a < 0n ? -q.a : q.a) / Number(q.b);
  for (let N = 2 * Math.ceil(mag) + 8; N <= 8000; N *= 2) {
    const { lo, hi } = expEnclosure(q, N);
    if (qLt(hi, R)) return `${showFloat(r)} > e^x`;
    if (S !== null && qLe(S, lo)) return `the next float above ${showFloat(r)} is still ≤ e^x`;
    if (qLe(R, lo) && (S === null || qLt(hi, S))) return null;
  }
  return 'undecided (a bug in the test)';
};

describe('floatExp: exp_p(x) = the greatest float value ≤ e^x', () => {
  it('for every float at p = 4 … 12, bit-exact against the Taylor series of e^x', () => {
    let count = 0;
    for (let p = 4; p <= 12; p += 2) {
      const params = P(p);
      // far out, e^x is above F^max or below 2^(I^min): the bracket at ±40 decides all of them
      const e40 = expEnclosure({ a: 40n, b: 1n }, 200);
      expect(qLt(qOfFloat(maxFloat(params)), e40.lo)).toBe(true);
      expect(qLt({ a: e40.lo.b, b: e40.lo.a }, qOfFloat({ m: 1n, e: params.iMin }))).toBe(true);
      for (const x of allDistinctFloats(params)) {
        const r = floatExp(params, x);
        const v = floatToNumber(x);
        const why =
          v >= 40
            ? r.m === params.iMax && r.e === params.iMax
              ? null
              : 'x ≥ 40 must saturate'
            : v <= -40
              ? r.m === 0n
                ? null
                : 'x ≤ −40 must underflow to 0'
              : expWrong(params, x, r);
        if (why !== null) throw new Error(`p = ${p}, x = ${showFloat(x)}: exp_p(x) = ${showFloat(r)}: ${why}`);
        count++;
      }
    }
    expect(count).toBe(9 + 49 + 225 + 961 + 3969);
  });

  it('for random floats at p = 16 … 64 with |x| < 40', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 32 }).map((q) => 2 * q),
        fc.bigInt({ min: -(2n ** 31n), max: 2n ** 31n }),
        fc.integer({ min: -60, max: 5 }),
        (p, m0, e0) => {
          const params = P(p);
          const m = m0 % (params.iMax + 1n);
          const e = BigInt(Math.max(e0, Number(params.iMin)));
          const x: Float = { m, e };
          fc.pre(Math.abs(floatToNumber(x)) < 40);
          const r = floatExp(params, x);
          const why = expWrong(params, x, r);
          if (why !== null) throw new Error(`p = ${p}, x = ${showFloat(x)}: exp_p(x) = ${showFloat(r)}: ${why}`);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('edge cases: x = 0, huge ±, tiny ± (p = 4, 8, 32, 64)', () => {
    for (const p of [4, 8, 32, 64]) {
      const params = P(p);
      const q = BigInt(params.q);
      const one: Float = { m: 1n << (q - 2n), e: -(q - 2n) };
      const belowOne: Float = { m: params.iMax, e: -(q - 1n) }; // 1 − 2^(1−q), the float just below 1
      expect(floatExp(params, zeroFloat(params)), `p = ${p}: e^0`).toEqual(one);
      expect(floatExp(params, { m: 0n, e: params.iMax }), `p = ${p}: e^⟨0, I^max⟩`).toEqual(one);
      expect(floatExp(params, maxFloat(params)), `p = ${p}: e^(F^max)`).toEqual(maxFloat(params));
      expect(floatExp(params, { m: -params.iMax, e: params.iMax }), `p = ${p}: e^(−F^max)`).toEqual(zeroFloat(params));
      expect(floatExp(params, { m: 1n, e: params.iMin }), `p = ${p}: e^(2^(I^min))`).toEqual(one);
      expect(floatExp(params, { m: -1n, e: params.iMin }), `p = ${p}: e^(−2^(I^min))`).toEqual(belowOne);
      expect(floatExp(params, { m: params.iMax, e: params.iMin }), `p = ${p}: e^(tiny)`).toEqual(one);
    }
    // e^1 at p = 8: e = 2.718… → the greatest ⟨m, e⟩ ≤ it with |m| ≤ 7 is 5·2^(−1) = 2.5
    expect(floatExp(P(8), { m: 4n, e: -2n })).toEqual({ m: 5n, e: -1n });
    // e^(−1) at p = 8: 0.3678… → 5·2^(−4) = 0.3125 (6·2^(−4) = 0.375 is above)
    expect(floatExp(P(8), { m: -4n, e: -2n })).toEqual({ m: 5n, e: -4n });
  });
});

// -------------------------------------------------------------------------------------------
// the concrete semantics
// -------------------------------------------------------------------------------------------

describe('fl(w): the double’s exact value, truncated toward zero once', () => {
  it('examples at p = 4 and p = 8', () => {
    expect(floatOfNumber(P(4), 0.75)).toEqual({ m: 1n, e: -1n });
    expect(floatOfNumber(P(4), -0.75)).toEqual({ m: -1n, e: -1n });
    expect(floatOfNumber(P(4), 0.25)).toEqual(zeroFloat(P(4)));
    expect(floatOfNumber(P(8), 0.1)).toEqual({ m: 6n, e: -6n }); // 0.1 ≥ 6/64 = 0.09375, < 7/64
    expect(floatOfNumber(P(8), 1e300)).toEqual(maxFloat(P(8)));
    expect(floatOfNumber(P(8), -0)).toEqual(zeroFloat(P(8)));
  });
});

describe('examples/majority.json: accepts iff more than half the tokens are 1', () => {
  it('exhaustively for n ≤ 12', () => {
    for (let n = 1; n <= 12; n++) {
      for (let b = 0; b < 2 ** n; b++) {
        const t = Array.from({ length: n }, (_, i) => (b >> i) & 1);
        const r = right(runTransformer(majority, t));
        if (r.accept !== 2 * ones(t) > n) throw new Error(`n = ${n}, w = ${t.join('')}: accept = ${r.accept}`);
      }
    }
  });
  it('randomly up to n = 1024, near ties included', () => {
    const arb = fc.oneof(
      arbTokens(2, { min: 13, max: 200 }),
      fc.integer({ min: 500, max: 1024 }).chain((n) =>
        fc.integer({ min: -1, max: 2 }).chain((delta) => {
          const k = Math.max(0, Math.min(n, Math.floor(n / 2) + delta));
          return fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: k, maxLength: k }).map((idx) => {
            const t = new Array<number>(n).fill(0);
            for (const i of idx) t[i] = 1;
            return t;
          });
        }),
      ),
    );
    fc.assert(
      fc.property(arb, (t) => right(runTransformer(majority, t)).accept === 2 * ones(t) > t.length),
      { seed: 42, numRuns: 12 },
    );
    const n = 1024;
    const half = Array.from({ length: n }, (_, i) => i % 2);
    expect(right(runTransformer(majority, half)).accept).toBe(false);
    expect(right(runTransformer(majority, [...half.slice(1), 1])).accept).toBe(true);
  });
  it('the float64 reading agrees with the p-precision one, except that float64 can break a tie', () => {
    fc.assert(
      fc.property(arbTokens(2, { min: 1, max: 64 }), (t) => {
        const a = right(runTransformer(majority, t));
        const b = right(runTransformer64(majority, t));
        const last = b.states[1]![t.length - 1]![1]!;
        expect(last).toBeCloseTo((2 * ones(t) - t.length) / t.length, 12);
        if (2 * ones(t) !== t.length) expect(b.accept).toBe(a.accept);
        else expect(a.accept).toBe(false);
      }),
      { seed: 42, numRuns: 200 },
    );
    // a tie the float64 reading gets wrong: Σ_j (1/6)·(±1) in double arithmetic is 2^(−54), not 0
    const tie = [1, 1, 1, 0, 0, 0];
    expect(right(runTransformer(majority, tie)).accept).toBe(false);
    expect(right(runTransformer64(majority, tie)).states[1]![5]![1]).toBe(2 ** -54);
    expect(right(runTransformer64(majority, tie)).accept).toBe(true);
  });
});

describe('examples/softmax-2layer.json: accepts iff #a > #b > #c and 2·#b > #a + #c', () => {
  const model: TransformerModel = (() => {
    const r = decodeModelText(readFileSync(new URL('../examples/softmax-2layer.json', import.meta.url), 'utf8'));
    if (isLeft(r)) throw new Error('softmax-2layer.json does not decode');
    return r.right;
  })();
  const spec = (t: readonly number[]): boolean => {
    const [a, b, c] = [0, 1, 2].map((s) => t.filter((x) => x === s).length) as [number, number, number];
    return a > b && b > c && 2 * b > a + c;
  };
  it('exhaustively for n ≤ 7 (every word over {a, b, c})', () => {
    let accepted = 0;
    for (const t of allWords(7, 3)) {
      const r = right(runTransformer(model, t));
      if (r.accept !== spec(t)) throw new Error(`w = ${t.map((x) => 'abc'[x]).join('')}: accept = ${r.accept}`);
      if (r.accept) accepted++;
    }
    expect(accepted).toBeGreaterThan(30);
  });
  it('randomly up to n = 200, with count vectors near the boundaries', () => {
    const arb = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([c, db, da, seed]) => {
        const counts = [Math.max(0, c + 2 * Math.max(1, c) + da), Math.max(0, c + Math.max(1, c) + db), c];
        const t = counts.flatMap((k, s) => new Array<number>(k).fill(s));
        // a seeded shuffle, so the order varies too
        let x = seed;
        for (let i = t.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          const j = x % (i + 1);
          [t[i], t[j]] = [t[j]!, t[i]!];
        }
        return t;
      })
      .filter((t) => t.length >= 1);
    fc.assert(
      fc.property(fc.oneof(arb, arbTokens(3, { min: 9, max: 40 })), (t) => right(runTransformer(model, t)).accept === spec(t)),
      { seed: 42, numRuns: 40 },
    );
  });
});

/**
 * A one-head probe: x = [1, key, val, 0]; q = x[0] = 1, k = key, v = val, and the head writes
 * its output into x[3]. Tokens: a = (key 1, val 1), b = (key 1, val −1), c = (key 0, val 1/2)
 * (all exact even at p = 4, which is the precision at n = 1 for every c).
 */
const probe = (attention: AttentionKind, causal: boolean): TransformerModel => ({
  alphabet: ['a', 'b', 'c'],
  dModel: 4,
  precision: { c: 4 },
  causal,
  tokenEmbedding: [
    [1, 1, 1, 0],
    [1, 1, -1, 0],
    [1, 0, 0.5, 0],
  ],
  positional: { kind: 'none' },
  layers: [{ heads: [{ attention, wq: [[1, 0, 0, 0]], wk: [[0, 1, 0, 0]], wv: [[0, 0, 1, 0]], wo: [[0], [0], [0], [1]] }], ffn: null }],
  output: { kind: 'state' },
});
const VAL = [1, -1, 0.5];
const KEY = [1, 1, 0];
const allWords = (maxN: number, sigma: number): number[][] => {
  const out: number[][] = [];
  for (let n = 1; n <= maxN; n++) {
    for (let b = 0; b < sigma ** n; b++) out.push(Array.from({ length: n }, (_, i) => Math.floor(b / sigma ** i) % sigma));
  }
  return out;
};
const headOut = (r: TransformerRun, i: number): Float => r.states[1]![i]![3]!;

describe('attention kinds and the causal mask', () => {
  it('hard: a_i = v of the leftmost visible maximizer (every word over {a, b, c}, n ≤ 6, causal and not)', () => {
    for (const causal of [false, true]) {
      const m = probe('hard', causal);
      for (const t of allWords(6, 3)) {
        const r = right(runTransformer(m, t));
        t.forEach((_, i) => {
          const visible = t.slice(0, causal ? i + 1 : t.length);
          const best = Math.max(...visible.map((s) => KEY[s]!));
          const j = visible.findIndex((s) => KEY[s] === best);
          expect(floatToNumber(headOut(r, i)), `${causal ? 'causal ' : ''}${t.join('')} at ${i}`).toBe(VAL[t[j]!]);
        });
        const r64 = right(runTransformer64(m, t));
        t.forEach((_, i) => expect(r64.states[1]![i]![3]).toBe(floatToNumber(headOut(r, i))));
      }
    }
  });

  it('saturated: uniform over the visible maximizers, ⊕_j (1 ⊘ Z) ⊗ v_j with Z = fl(#maximizers)', () => {
    for (const causal of [false, true]) {
      const m = probe('saturated', causal);
      for (const t of allWords(6, 3)) {
        const r = right(runTransformer(m, t));
        const params = P(r.p);
        t.forEach((_, i) => {
          const visible = t.slice(0, causal ? i + 1 : t.length);
          const best = Math.max(...visible.map((s) => KEY[s]!));
          const maxi = visible.filter((s) => KEY[s] === best);
          const one = floatOfRational(params, { num: 1n, den: 1n });
          const Z = iteratedSum(params, maxi.map(() => one));
          const w = floatDiv(params, one, Z);
          const want = iteratedSum(params, maxi.map((s) => floatMul(params, w, floatOfNumber(params, VAL[s]!))));
          expect(headOut(r, i), `${causal ? 'causal ' : ''}${t.join('')} at ${i}`).toEqual(want);
          // and it is the plain average when the count is a power of two (and p ≥ 8, so 4 is a float)
          if ((maxi.length & (maxi.length - 1)) === 0 && r.p >= 8) {
            expect(floatToNumber(headOut(r, i))).toBe(maxi.reduce((s, x) => s + VAL[x]!, 0) / maxi.length);
          }
        });
      }
    }
  });

  it('softmax: s_ij = exp_p(score) without max subtraction, Z_i = ⊕_j s_ij, a_i = ⊕_j (s_ij ⊘ Z_i) ⊗ v_j', () => {
    for (const t of allWords(5, 3)) {
      const soft = right(runTransformer(probe('softmax', true), t));
      const params = P(soft.p);
      t.forEach((_, i) => {
        const visible = t.slice(0, i + 1);
        const s = visible.map((x) => floatExp(params, floatOfNumber(params, KEY[x]!)));
        const Z = iteratedSum(params, s);
        const want = iteratedSum(params, visible.map((x, j) => floatMul(params, floatDiv(params, s[j]!, Z), floatOfNumber(params, VAL[x]!))));
        expect(headOut(soft, i), `${t.join('')} at ${i}`).toEqual(want);
      });
    }
    // and it stays close to the float64 reading (which subtracts the maximum first)
    const t = [0, 1, 2, 0, 1, 0, 2, 0];
    const soft = right(runTransformer(probe('softmax', false), t));
    const soft64 = right(runTransformer64(probe('softmax', false), t));
    t.forEach((_, i) => expect(Math.abs(floatToNumber(headOut(soft, i)) - soft64.states[1]![i]![3]!)).toBeLessThan(0.05));
  });

  it('the causal mask: position i sees exactly 1 … i (majority made causal: the sign of every prefix)', () => {
    const m: TransformerModel = { ...majority, causal: true };
    for (const t of allWords(10, 2)) {
      const r = right(runTransformer(m, t));
      t.forEach((_, i) => {
        const d = 2 * ones(t.slice(0, i + 1)) - (i + 1);
        const v = floatToNumber(r.states[1]![i]![1]!);
        expect(Math.sign(v), `${t.join('')} at ${i}`).toBe(Math.sign(d));
      });
    }
  });
});

describe('residuals, the feed-forward block and ReLU', () => {
  // x = E[σ]; no heads; ffn: u = W1 x + b1, r = ReLU(u), x' = x + W2 r + b2 (all exact at p = 8)
  const m: TransformerModel = {
    alphabet: ['a', 'b', 'c'],
    dModel: 2,
    precision: { c: 8 },
    causal: false,
    tokenEmbedding: [
      [1, 0.5],
      [-1, 0.25],
      [0, -2],
    ],
    positional: { kind: 'affine', constant: [0, 0], index: [0.25, 0], fraction: [0, 1] },
    layers: [
      {
        heads: [],
        ffn: {
          w1: [
            [1, 0],
            [0, 1],
            [-1, -1],
          ],
          b1: [0, -0.25, 0.5],
          w2: [
            [1, 0, 1],
            [0, 2, 0],
          ],
          b2: [0.5, 0],
        },
      },
    ],
    output: { kind: 'accept', coordinate: 0 },
  };
  it('matches the exact formula x + W2·ReLU(W1·x + b1) + b2, positional affine in i and i/n', () => {
    for (const t of allWords(4, 3).filter((w) => w.length >= 2)) {
      const r = right(runTransformer(m, t));
      const r64 = right(runTransformer64(m, t));
      const n = t.length;
      t.forEach((s, idx) => {
        const i = idx + 1;
        const x = [KEYLESS[s]![0]! + 0.25 * i, KEYLESS[s]![1]! + i / n];
        const u = [x[0]!, x[1]! - 0.25, -x[0]! - x[1]! + 0.5].map((v) => Math.max(0, v));
        const want = [x[0]! + u[0]! + u[2]! + 0.5, x[1]! + 2 * u[1]!];
        const got = r.states[1]![idx]!.map(floatToNumber);
        expect(r64.states[1]![idx]).toEqual(want);
        // p = 16 at n = 2, 32 at n = 4 (c = 8): every value exact; at n = 3, i/n = 1/3, 2/3 is truncated
        if (n !== 3) expect(got, `${t.join('')} at ${i}`).toEqual(want);
        else got.forEach((g, k) => expect(Math.abs(g - want[k]!)).toBeLessThan(2 ** -8));
      });
      expect(r.accept).toBe(r64.accept);
    }
  });
  const KEYLESS = m.tokenEmbedding;
});

describe('refusals', () => {
  it('bad tokens are a Left (both readings, and the general one)', () => {
    const g = generalModelOfSpec({ seed: 1, alphabetSize: 2, width: 1, heads: [1], c: 1, negativeScores: false, output: { kind: 'state' } });
    for (const t of [[], [0, 2], [-1], [0.5], [Number.NaN]]) {
      expect(isLeft(runTransformer(majority, t)), JSON.stringify(t)).toBe(true);
      expect(isLeft(runTransformer64(majority, t)), JSON.stringify(t)).toBe(true);
      expect(isLeft(runGeneral(g, t)), JSON.stringify(t)).toBe(true);
    }
    expect(isRight(runGeneral(g, [0, 1]))).toBe(true);
  });
  it('a model whose c is too small at n is a Left naming P1 Def 12', () => {
    const m: TransformerModel = { ...majority, alphabet: ['0', '1', '2', '3'], tokenEmbedding: [[-1, 0], [1, 0], [0, 0], [0, 0]], precision: { c: 0.5 } };
    expect(isRight(runTransformer(m, [0, 1]))).toBe(true);
    const r = runTransformer(m, Array.from({ length: 1024 }, () => 0));
    expect(isLeft(r) && r.left).toContain('too small for log|Σ| + log n');
  });
});

describe('runGeneral on random general models (seeded tables)', () => {
  it('is total and deterministic, states have the model’s width, the verdict reads the last state', () => {
    fc.assert(
      fc.property(
        arbGeneralModel({ negativeScores: true }).chain((g) => arbTokens(g.alphabet.length, { min: 1, max: 6 }).map((t) => [g, t] as const)),
        ([g, t]) => {
          const a = runGeneral(g, t);
          const b = runGeneral(g, t);
          expect(a).toEqual(b);
          if (isLeft(a)) return;
          expect(a.right.states.length).toBe(g.layers.length + 1);
          for (const layer of a.right.states) for (const h of layer) expect(h.length).toBe(g.width);
          if (g.output.kind === 'accept') expect(a.right.accept).toBe(a.right.states[g.layers.length]![t.length - 1]![g.output.coordinate]!.m > 0n);
          else expect(a.right.accept).toBeNull();
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('random concrete models', () => {
  it('run without throwing; the float64 reading runs too; states have d_model floats', () => {
    fc.assert(
      fc.property(arbModelAndInput({ n: { min: 1, max: 6 } }), ({ model, tokens }) => {
        const r = right(runTransformer(model, tokens));
        right(runTransformer64(model, tokens));
        expect(r.states.length).toBe(model.layers.length + 1);
        for (const layer of r.states) for (const x of layer) expect(x.length).toBe(model.dModel);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
