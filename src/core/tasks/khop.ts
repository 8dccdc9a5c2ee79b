/**
 * # k-hop induction heads (P2 Def 4.1)
 *
 * The reference definition every k-hop construction (the pointer-doubling MPC protocol, the
 * ⌈log₂ k⌉ + 2-layer transformer, its threshold circuit) is checked against, with a JSON task
 * format and a seeded generator of random instances.
 *
 * ## Main definitions
 * - {@link find1}: find¹_X(i) = max({0} ∪ {j ≤ i : X_(j−1) = X_i}), positions 1 … N, X_0 absent.
 * - {@link findK}: find^k_X(i) = find¹_X(find^(k−1)_X(i)), find⁰_X(i) = i, and find(0) = 0.
 * - {@link hopK}: hop_k(X)_i = X_(find^k(i)), or ⊥ (`null`) when find^k(i) = 0.
 * - {@link KHopTaskC}, {@link decodeKHopTask}, {@link encodeKHopTask}: the JSON form
 *   `{"format": "parallelism-tradeoff/k-hop", "version": 1, "k", "alphabet", "sequence"}`
 *   (`sequence` an array of symbols of `alphabet`; an optional `answers`, checked against
 *   hop_k when present).
 * - {@link arbKHopInstance}, {@link randomKHopInstance}: random instances, seeded (fast-check).
 *
 * ## Implementation notes
 * - Taken literally, j = i is allowed in find¹: if X_(i−1) = X_i then find¹(i) = i and every
 *   further hop stays at i (see `docs/khop.md`).
 * - find¹(0) = max({0} ∪ {j ≤ 0 : …}) = 0: ⊥ is absorbing.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1 and its example (`baebcabebdea`: the
 * 1-hop answer at the last position is b, the 2-hop answer c).
 *
 * @module
 */
import * as fc from 'fast-check';
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { boundedArray, boundedInt, closed, decodeError, decodeShape, showValue, type DecodeError } from '../codec.js';

// -------------------------------------------------------------------------------------------
// definitions
// -------------------------------------------------------------------------------------------

/**
 * find¹_X(i) for i ∈ 0 … N (1-based; 0 is ⊥ and maps to 0).
 * @example
 * ```ts
 * find1([...'baebcabebdea'], 12); // 7 (X_6 = a = X_12)
 * ```
 * @category definitions
 */
export const find1 = <T>(xs: readonly T[], i: number): number => {
  if (!Number.isSafeInteger(i) || i < 0 || i > xs.length) throw new RangeError(`find1: the position must be an integer in 0…${xs.length}, got ${i}`);
  for (let j = i; j >= 2; j--) if (xs[j - 2] === xs[i - 1]) return j;
  return 0;
};

/** find^k_X(i): k applications of find¹ (k ≥ 0). @category definitions */
export const findK = <T>(xs: readonly T[], k: number, i: number): number => {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`findK: k must be an integer ≥ 0, got ${k}`);
  let p = i;
  for (let h = 0; h < k && p > 0; h++) p = find1(xs, p);
  return p;
};

/**
 * hop_k(X): for each position i = 1 … N the symbol X_(find^k(i)), or `null` (⊥).
 * @example
 * ```ts
 * hopK([...'baebcabebdea'], 2).at(-1); // 'c'
 * ```
 * @category definitions
 */
export const hopK = <T>(xs: readonly T[], k: number): (T | null)[] =>
  xs.map((_, idx) => {
    const p = findK(xs, k, idx + 1);
    return p === 0 ? null : xs[p - 1]!;
  });

// -------------------------------------------------------------------------------------------
// the JSON task format
// -------------------------------------------------------------------------------------------

/** A k-hop task: k, the alphabet, a sequence of symbol indices, and (optionally) the expected answers. @category model */
export interface KHopTask {
  readonly k: number;
  readonly alphabet: readonly string[];
  /** Indices into `alphabet`. */
  readonly sequence: readonly number[];
  /** Indices into `alphabet`, or null for ⊥; absent when not given. */
  readonly answers?: readonly (number | null)[];
}

/** `"parallelism-tradeoff/k-hop"`. @category model */
export const KHOP_FORMAT = 'parallelism-tradeoff/k-hop' as const;

/** Limits of the JSON form. @category model */
export const KHOP_LIMITS = { maxK: 1 << 20, maxAlphabet: 4096, maxLength: 1 << 20 } as const;

const fail = <A>(u: unknown, c: t.Context, expected: string): t.Validation<A> => t.failure(u, c, `expected ${expected}, got ${showValue(u)}`);

const literal = <L extends string | number>(value: L, name: string, expected: string): t.Type<L, L, unknown> =>
  new t.Type<L, L, unknown>(
    name,
    (u): u is L => u === value,
    (u, c) => (u === value ? t.success(value) : fail(u, c, expected)),
    t.identity,
  );

const SymbolC = new t.Type<string, string, unknown>(
  'Symbol',
  (u): u is string => typeof u === 'string' && u.length >= 1 && u.length <= 256,
  (u, c) => (typeof u === 'string' && u.length >= 1 && u.length <= 256 ? t.success(u) : fail(u, c, 'a non-empty string of at most 256 characters')),
  t.identity,
);

const NullableSymbolC = new t.Type<string | null, string | null, unknown>(
  'SymbolOrNull',
  (u): u is string | null => u === null || SymbolC.is(u),
  (u, c) => (u === null ? t.success(null) : SymbolC.is(u) ? t.success(u) : fail(u, c, 'a symbol or null (⊥)')),
  t.identity,
);

/** The JSON form of a k-hop task. @category codecs */
export const KHopTaskC = closed(
  t.intersection([
    t.type({
      format: literal(KHOP_FORMAT, 'KHopFormat', JSON.stringify(KHOP_FORMAT)),
      version: literal(1, 'KHopVersion', '1 (the only version this library reads)'),
      k: boundedInt('K', `integer in 0..${KHOP_LIMITS.maxK}`, 0, KHOP_LIMITS.maxK),
      alphabet: boundedArray(SymbolC, 'an array of symbols', KHOP_LIMITS.maxAlphabet),
      sequence: boundedArray(SymbolC, 'an array of symbols', KHOP_LIMITS.maxLength),
    }),
    t.partial({ answers: boundedArray(NullableSymbolC, 'an array of symbols or null', KHOP_LIMITS.maxLength) }),
  ]),
  ['format', 'version', 'k', 'alphabet', 'sequence', 'answers'],
  'a k-hop task {"format", "version", "k", "alphabet", "sequence", "answers"?}',
);

/** The JSON form's type. @category codecs */
export type KHopTaskJson = t.TypeOf<typeof KHopTaskC>;

/**
 * Decode a k-hop task: shape errors with their paths, then every symbol not in the alphabet, a
 * repeated symbol, an `answers` of the wrong length, and every answer that is not hop_k.
 * @category constructors
 */
export const decodeKHopTask = (json: unknown): Either<readonly DecodeError[], KHopTask> => {
  const r = decodeShape(KHopTaskC, json);
  if (isLeft(r)) return r;
  const j = r.right;
  const errs: DecodeError[] = [];
  const index = new Map<string, number>();
  j.alphabet.forEach((s, a) => {
    if (index.has(s)) errs.push(decodeError('kernel', `alphabet[${a}]`, `expected a symbol not already in the alphabet, got ${JSON.stringify(s)} again`));
    else index.set(s, a);
  });
  const sequence = j.sequence.map((s, i) => {
    const a = index.get(s);
    if (a === undefined) errs.push(decodeError('kernel', `sequence[${i}]`, `expected a symbol of the alphabet, got ${JSON.stringify(s)}`));
    return a ?? -1;
  });
  if (errs.length > 0) return left(errs);
  if (j.answers === undefined) return right({ k: j.k, alphabet: j.alphabet, sequence });
  if (j.answers.length !== sequence.length) return left([decodeError('kernel', 'answers', `expected ${sequence.length} answers (one per position), got ${j.answers.length}`)]);
  const want = hopK(sequence, j.k);
  const answers = j.answers.map((s, i) => {
    const a = s === null ? null : (index.get(s) ?? -1);
    if (a !== want[i]) {
      const w = want[i];
      errs.push(decodeError('kernel', `answers[${i}]`, `expected hop_${j.k} at position ${i + 1}, ${w === null || w === undefined ? 'null (⊥)' : JSON.stringify(j.alphabet[w])}, got ${s === null ? 'null' : JSON.stringify(s)}`));
    }
    return a;
  });
  if (errs.length > 0) return left(errs);
  return right({ k: j.k, alphabet: j.alphabet, sequence, answers });
};

/** The JSON form of a task, with its answers (hop_k) written out. @category destructors */
export const encodeKHopTask = (task: KHopTask): KHopTaskJson => ({
  format: KHOP_FORMAT,
  version: 1,
  k: task.k,
  alphabet: [...task.alphabet],
  sequence: task.sequence.map((a) => task.alphabet[a]!),
  answers: hopK(task.sequence, task.k).map((a) => (a === null ? null : task.alphabet[a]!)),
});

// -------------------------------------------------------------------------------------------
// random instances
// -------------------------------------------------------------------------------------------

/** Ranges (inclusive) of a random instance. @category model */
export interface KHopInstanceOptions {
  readonly n: { readonly min: number; readonly max: number };
  readonly alphabet: { readonly min: number; readonly max: number };
  readonly k: { readonly min: number; readonly max: number };
}

/** The alphabet of size a: `a`, `b`, … for a ≤ 26, then `s26`, `s27`, …. @category constructors */
export const khopAlphabet = (a: number): string[] => Array.from({ length: a }, (_, i) => (i < 26 ? String.fromCharCode(97 + i) : `s${i}`));

/**
 * Random k-hop instances: a length, an alphabet size and k in the ranges, and a uniformly
 * random sequence.
 * @category arbitraries
 */
export const arbKHopInstance = (opts: KHopInstanceOptions): fc.Arbitrary<KHopTask> =>
  fc.record({ n: fc.integer(opts.n), a: fc.integer(opts.alphabet), k: fc.integer(opts.k) }).chain(({ n, a, k }) =>
    fc.array(fc.integer({ min: 0, max: a - 1 }), { minLength: n, maxLength: n }).map((sequence): KHopTask => ({ k, alphabet: khopAlphabet(a), sequence })),
  );

/**
 * One random instance of length n over a alphabet symbols, determined by the seed.
 * @category constructors
 */
export const randomKHopInstance = (seed: number, n: number, alphabetSize: number, k: number): KHopTask => {
  const [task] = fc.sample(arbKHopInstance({ n: { min: n, max: n }, alphabet: { min: alphabetSize, max: alphabetSize }, k: { min: k, max: k } }), { seed, numRuns: 1 });
  return task!;
};
