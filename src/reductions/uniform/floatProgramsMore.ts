/**
 * # More p-precision float functions as metered programs: ⊕, exp_p, fl(i)
 *
 * The float functions a generator needs besides ⊗, ⊘ and comparison (`floatPrograms.ts`), as
 * subprograms of the space-metered machine (`src/core/logspace`), bit-exact with the kernel:
 * the iterated sum ⊕ (`iteratedSum` of `src/core/float.ts`, P1 Def 15), exp_p (`floatExp` of
 * `src/core/floatExp.ts`) and the conversions fl(i), fl(a/b) (`floatOfRational`).
 *
 * ## Main definitions
 * Floats are the triples of `floatPrograms.ts`: s (1 = negative), |m|, e + I^max. Every proc
 * reads the parameter `p`; names start with `fp`.
 * - {@link floatSumProc}: a constructor of ⊕ procs. `floatSumProc(name, producer, argBounds,
 *   maxTerms)` is a proc `name(a_0 … a_{r−1})` → (s, m, e) that sums the floats the proc
 *   `producer(a_0 … a_{r−1})` *emits* (one record (s, |m|, e + I^max) per summand, its tag
 *   ignored), at most `maxTerms` of them. A caller sums values it computes itself by writing
 *   the producer (it may call anything, e.g. `floatMul`, `fpExp`, another ⊕); no callback and
 *   no array is involved: the sum `pipe`s the producer and re-runs it once per bit position.
 * - {@link FP_SUM_TAPE_PROCS}: `fpTapeTerms(lo, hi)` (emits floats lo … hi − 1 of the tape
 *   `fpTerms`) and `fpSumTape(lo, hi)`, their ⊕ (at most the parameter `k` of them).
 * - {@link FLOAT_PROCS_MORE}: `fpRound(neg, a, t + Z)` → f_p(±⌊a·2^t⌋) (Z = 2^(q+3) + 64),
 *   `fpOfInt(i)` → fl(i) for 0 ≤ i < 2^p, `fpOfRatio(a, b)` → fl(a/b) (calls `truncScaled` of
 *   `FLOAT_PROCS`), `fpExp(s, m, e)` → exp_p, and the tape sum. {@link ALL_FLOAT_PROCS} adds
 *   `FLOAT_PROCS`.
 * - {@link floatUnaryProgram}, {@link floatSumTapeProgram}: small programs for tests.
 *
 * ## Main results
 * Bit-exact with the kernel (checked in `test/uniform.floatProgramsMore.test.ts`: ⊕ on all
 * pairs of distinct floats at p = 4, 6, 8, all triples and quadruples at p = 4, seeded random
 * sums of up to 13 terms with cancellations at p = 6, 8, 16, 24; exp_p on every float at
 * p = 4 … 16 (and, outside the suite, every float at p = 18); fl(i) for every i < 2^p at
 * p = 4 … 16; fl(a/b) for all a, b < 2^p at p = 4, 6). Work space, as register widths (the
 * machine's meter), with q = p/2:
 * - ⊕ of at most K terms: 9q + 5⌈log₂(K + 1)⌉ + 11 bits of registers (the test checks
 *   = at K = 2, ≤ at K ≤ 13; e.g. 39 / 57 / 93 / 129 at p = 4 / 8 / 16 / 24 for K = 2), plus the arguments
 *   passed to the producer and the producer's own frame. Registers: the column j and the last 1
 *   bit jt, k (< J + 1, J = 2·I^max + q − 1 + ⌈log₂(K + 1)⌉ columns: q + 1 bits when
 *   K ≤ 2^q), the carry, the column sum and counts (O(log K) each), the received float, the
 *   window of q − 1 bits, the result. Time is traded for it: the producer runs 2J times.
 * - exp_p: fixed point with F = min(2q + 12, 26) fraction bits; every register is below
 *   2^(F + 2q + 2) (O(q) = O(p) bits) and there are 26 of them (the tripwire has 0 bits): at most 11F + 14q + 45 bits
 *   for the frame of `fpExp` (measured 242 / 314 / 438 / 494 at p = 4 / 8 / 16 / 24), plus
 *   `fpRound`'s frame (54 … 111). Decided (no tripwire) for every float at p ≤ 18; at p = 20,
 *   where F is capped at 26 by the machine's 2^53 word, 3 of the 1,046,529 floats
 *   (⟨219, −5⟩, ⟨438, −6⟩, ⟨511, −17⟩) stop the run on the tripwire; p > 24 overflows the word.
 * - fl(i), fl(a/b): `fpRound` / `truncScaled`, O(p) bits.
 *
 * ## Implementation notes
 * - ⊕ (why not a fold): the exact sum Σ g_p(φ_i) has up to 2·I^max + q + log₂ k bits, Θ(2^q) =
 *   poly(n) for p = Θ(log n), so no O(p)-bit accumulator can hold it, and folding with a
 *   truncation after each step is not ⊕ (P1 Def 15 truncates once). Instead the sum is computed
 *   bit by bit from the least significant end with a signed carry (|carry| ≤ K, kept as
 *   carry + K): column j adds the signed count of summands whose g_p has bit j set. Pass 1
 *   finds the sign of the sum (the carry out of the top column); pass 2 sums with every sign
 *   flipped by it (so the sum is |Σ| ≥ 0), keeping a window of the last q − 1 bits and the
 *   position of the last 1 bit: f_p needs only those (its mantissa is the top q − 1 bits).
 * - exp_p follows the kernel's method with fixed sizes: ln 2 enclosed by Σ 1/(k·2^k) at
 *   F + q + 2 fraction bits, K chosen so that t = x − K·ln 2 ∈ [0, ln 2 + ε) is enclosed,
 *   e^t by its Taylor series (rounded down / up, remainder ≤ 2^(−F)), then both ends of
 *   [lo, hi]·2^(K−F) rounded by f_p. When they round alike, that is exp_p(x) (rounding is
 *   monotone). When they do not, the program stops with the register `undecided` (bound 1)
 *   set to 1: a readable fault, never a wrong value. The kernel's `far` and `tiny` regimes are
 *   decided first, by the same bounds.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, App. A, Defs 13–15.
 * - The pinned semantics: `docs/semantics.md`, "Floats" and "Transformers" (exp_p).
 * - The carry method for iterated addition in log space: e.g. Vollmer, *Introduction to
 *   Circuit Complexity*, 1.1 (addition), and S. Arora, B. Barak, ch. 4 (time for space).
 *
 * @module
 */
import {
  add,
  and,
  brk,
  call,
  cond,
  div,
  emit,
  eq,
  ge,
  gt,
  le,
  len,
  log2ceil,
  loop,
  lt,
  max,
  min,
  mod,
  mul,
  ne,
  not,
  or,
  param,
  pipe,
  pow2,
  proc,
  program,
  r,
  read,
  set,
  sub,
  when,
  type E,
  type Expr,
  type Proc,
  type Program,
  type Stmt,
} from '../../core/logspace/index.js';
import { FLOAT_EXP_BOUND, FLOAT_IMAX, FLOAT_MAG_BOUND, FLOAT_P, FLOAT_PROCS, FLOAT_Q } from './floatPrograms.js';

// -------------------------------------------------------------------------------------------
// constants (formulas of the parameter p: no space)
// -------------------------------------------------------------------------------------------

const P = FLOAT_P;
const q = FLOAT_Q;
const IMAX = FLOAT_IMAX;
/** e + I^max < EB. */
const EB = FLOAT_EXP_BOUND;
/** |m| < MB. */
const MB = FLOAT_MAG_BOUND;
/** Offset of the signed shift of `fpRound`. */
const ZX = add(pow2(add(q, 3)), 64);
/** floatPrograms.ts's offset (for `truncScaled`). */
const ZT = mul(8, pow2(q));
const bl = (x: E): Expr => log2ceil(add(x, 1)); // bit length
const xor = (a: E, b: E): Expr => ne(a, b);
const ceilDiv = (a: E, b: E): Expr => div(sub(add(a, b), 1), b);

/** Fraction bits of exp_p's fixed point. */
const F = min(add(mul(2, q), 12), 26);
/** Fraction bits of ln 2 and of x. */
const F2 = add(add(F, q), 2);
/** Terms of the ln 2 series. */
const NL = add(F2, 2);
/** Offset of K = ⌊x / ln 2⌋ (|K| < 2^(q+1)). */
const KOFF = pow2(add(q, 1));
/** Mantissas `fpRound` accepts: a < 2^max(F + 3, p + 1). */
const AB = pow2(max(add(F, 3), add(P, 1)));

// -------------------------------------------------------------------------------------------
// f_p of a scaled integer
// -------------------------------------------------------------------------------------------

/** `fpRound(neg, a, tz)` → (s, m, eo): f_p(±⌊a·2^t⌋) with t = tz − Z, as the kernel's `truncateScaled` with b = 1. */
const fpRound: Proc = proc(
  'fpRound',
  { neg: 2, a: AB, tz: mul(2, ZX), s: 2, m: MB, eo: EB, Lz: mul(4, ZX), kk: mul(4, ZX) },
  ['neg', 'a', 'tz'],
  ['s', 'm', 'eo'],
  [
    set('s', 0),
    set('m', 0),
    set('eo', 0),
    when(ne(r('a'), 0), [
      // L = ⌊log₂(a·2^t)⌋ = bitlength(a) − 1 + t, kept as L + Z
      set('Lz', sub(add(bl(r('a')), r('tz')), 1)),
      when(ge(r('Lz'), ZX), [
        // k = max(0, L + 2 − q)
        set('kk', cond(ge(add(r('Lz'), 2), add(ZX, q)), sub(add(r('Lz'), 2), add(ZX, q)), 0)),
        when(
          gt(r('kk'), mul(2, IMAX)),
          [set('s', r('neg')), set('m', IMAX), set('eo', mul(2, IMAX))],
          [
            // m = ⌊a·2^(t − k)⌋
            set('m', cond(ge(r('tz'), add(ZX, r('kk'))), mul(r('a'), pow2(sub(r('tz'), add(ZX, r('kk'))))), div(r('a'), pow2(sub(add(ZX, r('kk')), r('tz')))))),
            set('s', and(r('neg'), gt(r('m'), 0))),
            set('eo', r('kk')),
          ],
        ),
      ]),
    ]),
  ],
);

/** `fpOfInt(i)` → fl(i) = f_p(⌊i·2^(I^max)⌋), 0 ≤ i < 2^p (the kernel's `floatOfRational(i/1)`). */
const fpOfInt: Proc = proc('fpOfInt', { i: pow2(P), s: 2, m: MB, eo: EB }, ['i'], ['s', 'm', 'eo'], [call('fpRound', [0, r('i'), add(IMAX, ZX)], ['s', 'm', 'eo'])]);

/** `fpOfRatio(a, b)` → fl(a/b), 0 ≤ a, 1 ≤ b < 2^p (the kernel's `floatOfRational(a/b)`; calls `truncScaled`). */
const fpOfRatio: Proc = proc('fpOfRatio', { a: pow2(P), b: pow2(P), s: 2, m: MB, eo: EB }, ['a', 'b'], ['s', 'm', 'eo'], [
  call('truncScaled', [0, r('a'), r('b'), add(IMAX, ZT)], ['s', 'm', 'eo']),
]);

// -------------------------------------------------------------------------------------------
// exp_p
// -------------------------------------------------------------------------------------------

const expRegs = {
  s: 2,
  m: MB,
  eo: EB,
  os: 2,
  om: MB,
  oe: EB,
  mb: add(add(EB, q), 1),
  l2lo: pow2(add(F2, 1)),
  l2hi: pow2(add(F2, 1)),
  kk: add(NL, 2),
  X: pow2(add(add(F, mul(2, q)), 2)),
  Ko: pow2(add(q, 2)),
  Tl: pow2(add(F2, 1)),
  Th: pow2(add(F2, 1)),
  tl: pow2(F),
  th: pow2(F),
  lo: pow2(add(F, 2)),
  hi: pow2(add(F, 2)),
  tL: pow2(add(F, 1)),
  tH: pow2(add(F, 1)),
  j: add(F, 9),
  done: 2,
  s2: 2,
  m2: MB,
  e2: EB,
  /** The tripwire: bound 1, so setting it to 1 stops the run with a readable fault. */
  undecided: 1,
} as const;

/** Returns from `fpExp`: the result is (os, om, oe). */
const expOut = (s: E, m: E, e: E): Stmt[] => [set('os', s), set('om', m), set('oe', e)];

/** e^x for x in the general regime (module notes); x = (s, m, eo). */
const expGeneral: Stmt[] = [
  // ln 2 ∈ [l2lo, l2hi]·2^(−F2): Σ_(k ≤ N) 1/(k·2^k) rounded down / up, plus the tail bound 1/((N+1)·2^N)
  set('l2lo', 0),
  set('l2hi', 0),
  loop('kk', 1, add(NL, 1), [
    set('l2lo', add(r('l2lo'), div(pow2(F2), mul(r('kk'), pow2(r('kk')))))),
    set('l2hi', add(r('l2hi'), ceilDiv(pow2(F2), mul(r('kk'), pow2(r('kk')))))),
  ]),
  set('l2hi', add(r('l2hi'), ceilDiv(pow2(F2), mul(add(NL, 1), pow2(NL))))),
  // |x|·2^F2, exact: e + F2 ≥ 0 outside the tiny regime
  set('X', mul(r('m'), pow2(sub(add(r('eo'), F2), IMAX)))),
  when(
    eq(r('s'), 0),
    [
      // K = ⌊X / l2hi⌋ ≥ 0, so K·ln 2 ≤ x; t = x − K·ln 2 ∈ [X − K·l2hi, X − K·l2lo]·2^(−F2)
      set('Ko', add(KOFF, div(r('X'), r('l2hi')))),
      set('Tl', sub(r('X'), mul(sub(r('Ko'), KOFF), r('l2hi')))),
      set('Th', sub(r('X'), mul(sub(r('Ko'), KOFF), r('l2lo')))),
    ],
    [
      // K = −⌈X / l2lo⌉ ≤ 0, so K·ln 2 ≤ x = −X·2^(−F2)
      set('Ko', sub(KOFF, ceilDiv(r('X'), r('l2lo')))),
      set('Tl', sub(mul(sub(KOFF, r('Ko')), r('l2lo')), r('X'))),
      set('Th', sub(mul(sub(KOFF, r('Ko')), r('l2hi')), r('X'))),
    ],
  ),
  // t ∈ [tl, th]·2^(−F) ⊂ [0, 1)
  set('tl', div(r('Tl'), pow2(add(q, 2)))),
  set('th', ceilDiv(r('Th'), pow2(add(q, 2)))),
  // e^t ∈ [lo, hi]·2^(−F): Taylor terms t^j/j! rounded down (tL) and up (tH)
  set('lo', pow2(F)),
  set('hi', pow2(F)),
  set('tL', pow2(F)),
  set('tH', pow2(F)),
  set('done', 0),
  loop('j', 1, add(F, 9), [
    set('tL', div(mul(r('tL'), r('tl')), mul(r('j'), pow2(F)))),
    set('tH', ceilDiv(mul(r('tH'), r('th')), mul(r('j'), pow2(F)))),
    set('lo', add(r('lo'), r('tL'))),
    set('hi', add(r('hi'), r('tH'))),
    // the rest Σ_(i>j) t^i/i! ≤ 2·t^(j+1)/(j+1)! ≤ tH·2^(−F) ≤ 2^(−F)
    when(le(r('tH'), 1), [set('done', 1), brk]),
  ]),
  when(not(r('done')), [set('undecided', 1)]),
  set('hi', add(r('hi'), 1)),
  // e^x·2^(I^max) ∈ [lo, hi]·2^(K − F + I^max): round both ends
  call('fpRound', [0, r('lo'), sub(add(add(r('Ko'), IMAX), ZX), add(KOFF, F))], ['os', 'om', 'oe']),
  call('fpRound', [0, r('hi'), sub(add(add(r('Ko'), IMAX), ZX), add(KOFF, F))], ['s2', 'm2', 'e2']),
  when(or(ne(r('os'), r('s2')), or(ne(r('om'), r('m2')), ne(r('oe'), r('e2')))), [set('undecided', 1)]),
];

/** `fpExp(s, m, eo)` → exp_p(x), bit-exact with the kernel's `floatExp`. */
const fpExp: Proc = proc('fpExp', expRegs, ['s', 'm', 'eo'], ['os', 'om', 'oe'], [
  when(
    eq(r('m'), 0),
    // e^0 = 1
    [call('fpRound', [0, 1, add(IMAX, ZX)], ['os', 'om', 'oe'])],
    [
      // magBits + I^max = bitlength(m) + e + I^max
      set('mb', add(bl(r('m')), r('eo'))),
      set('done', 0),
      // far: |x| ≥ 0.6932·(q + I^max), decided as the kernel's expRegime does
      when(gt(r('mb'), add(IMAX, 40)), [set('done', 1)], [
        when(gt(r('mb'), IMAX), [
          when(
            ge(r('eo'), IMAX),
            [when(ge(mul(r('m'), pow2(sub(r('eo'), IMAX))), ceilDiv(mul(add(q, IMAX), 6932), 10000)), [set('done', 1)])],
            [when(ge(mul(r('m'), 10000), mul(mul(add(q, IMAX), 6932), pow2(sub(IMAX, r('eo'))))), [set('done', 1)])],
          ),
        ]),
      ]),
      when(
        r('done'),
        [when(eq(r('s'), 0), expOut(0, IMAX, mul(2, IMAX)), expOut(0, 0, 0))],
        [
          when(
            // tiny: |x| < 2^(−q−8): e^x rounds like 1 (x > 0) or 1 − 2^(−q−8) (x < 0)
            le(add(add(r('mb'), q), 8), IMAX),
            [
              when(
                eq(r('s'), 0),
                [call('fpRound', [0, 1, add(IMAX, ZX)], ['os', 'om', 'oe'])],
                [call('fpRound', [0, sub(pow2(add(q, 8)), 1), sub(add(IMAX, ZX), add(q, 8))], ['os', 'om', 'oe'])],
              ),
            ],
            expGeneral,
          ),
        ],
      ),
    ],
  ),
]);

// -------------------------------------------------------------------------------------------
// ⊕
// -------------------------------------------------------------------------------------------

/** Options of {@link floatSumProc}. @category model */
export interface FloatSumOptions {
  /** A bound on the program's tag indices (the pipe's tag register; default 16). */
  readonly tagBound?: number;
}

/**
 * A proc `name(a_0 … a_{r−1})` → (s, m, eo): ⊕ of the floats `producer(a_0 … a_{r−1})` emits
 * (each record (s, |m|, e + I^max), its tag ignored; at most `maxTerms` records, a formula of n
 * and the parameters, else the run stops on a bound). `argBounds` are the bounds of the
 * producer's parameters. The producer runs 2J times (module notes), so it must emit the same
 * records every time (it is a function of its arguments and the read-only input).
 * @example
 * ```ts
 * // ⊕ of the floats lo … hi − 1 of a tape, at most param k of them
 * floatSumProc('fpSumTape', 'fpTapeTerms', [B, B], param('k'));
 * ```
 * @category constructors
 */
export const floatSumProc = (name: string, producer: string, argBounds: readonly E[], maxTerms: E, options: FloatSumOptions = {}): Proc => {
  const K = maxTerms;
  // J = 2·I^max + q − 1 + ⌈log₂(K + 1)⌉ columns: |Σ| < K·2^(q−1)·2^(2·I^max) ≤ 2^J
  const J = add(sub(add(mul(2, IMAX), q), 1), log2ceil(add(K, 1)));
  const args = argBounds.map((_, i) => `a${i}`);
  const regs: Record<string, E> = Object.fromEntries(argBounds.map((b, i) => [`a${i}`, b] as const));
  Object.assign(regs, {
    s: 2,
    m: MB,
    eo: EB,
    j: add(J, 1),
    cz: add(mul(2, K), 1),
    vz: add(mul(4, K), 1),
    pos: add(K, 1),
    neg: add(K, 1),
    cnt: add(K, 1),
    tg: options.tagBound ?? 16,
    ts: 2,
    tm: MB,
    te: EB,
    sg: 2,
    b: 2,
    win: pow2(sub(q, 1)),
    ms: pow2(sub(q, 1)),
    jt: add(J, 1),
    any: 2,
    kk: add(J, 1),
  });
  /** Column j of the sum with every sign flipped by `sg`: b = bit j, cz = next carry + K. */
  const column: Stmt[] = [
    set('pos', 0),
    set('neg', 0),
    set('cnt', 0),
    pipe(producer, args.map(r), { tag: 'tg', fields: ['ts', 'tm', 'te'] }, [
      set('cnt', add(r('cnt'), 1)),
      // bit j of |g_p(φ)| = bit j − (e + I^max) of |m|
      when(and(ge(r('j'), r('te')), lt(r('j'), add(r('te'), sub(q, 1)))), [
        when(mod(div(r('tm'), pow2(sub(r('j'), r('te')))), 2), [when(xor(r('ts'), r('sg')), [set('neg', add(r('neg'), 1))], [set('pos', add(r('pos'), 1))])]),
      ]),
    ]),
    set('vz', sub(add(add(r('cz'), K), r('pos')), r('neg'))),
    set('b', mod(r('vz'), 2)),
    set('cz', div(r('vz'), 2)),
  ];
  return proc(name, regs, args, ['s', 'm', 'eo'], [
    // pass 1: the sign of Σ is the carry out of the top column
    set('sg', 0),
    set('cz', K),
    loop('j', 0, J, column),
    set('sg', lt(r('cz'), K)),
    // pass 2: |Σ| bit by bit; keep the last q − 1 bits and where the last 1 bit is
    set('cz', K),
    set('win', 0),
    set('any', 0),
    loop('j', 0, J, [
      ...column,
      set('win', add(div(r('win'), 2), mul(r('b'), pow2(sub(q, 2))))),
      when(r('b'), [set('ms', r('win')), set('jt', r('j')), set('any', 1)]),
    ]),
    set('s', 0),
    set('m', 0),
    set('eo', 0),
    when(r('any'), [
      // f_p: k = max(0, bitlength − (q − 1)) low bits dropped; saturate when k > 2·I^max
      set('kk', cond(ge(add(r('jt'), 2), q), sub(add(r('jt'), 2), q), 0)),
      when(
        gt(r('kk'), mul(2, IMAX)),
        [set('s', r('sg')), set('m', IMAX), set('eo', mul(2, IMAX))],
        [set('s', r('sg')), set('m', cond(ge(add(r('jt'), 2), q), r('ms'), div(r('ms'), pow2(sub(sub(q, 2), r('jt')))))), set('eo', r('kk'))],
      ),
    ]),
  ]);
};

/** The bound of a tape index into `fpTerms` (floats, three cells each). */
const TB = add(div(len('fpTerms'), 3), 1);

/** `fpTapeTerms(lo, hi)`: emits floats lo … hi − 1 of the tape `fpTerms` (tag of the caller's choice: the first). */
const fpTapeTerms = (tag: string): Proc =>
  proc('fpTapeTerms', { lo: TB, hi: TB, i: TB }, ['lo', 'hi'], [], [
    loop('i', r('lo'), r('hi'), [emit(tag, read('fpTerms', mul(3, r('i'))), read('fpTerms', add(mul(3, r('i')), 1)), read('fpTerms', add(mul(3, r('i')), 2)))]),
  ]);

/**
 * `fpTapeTerms(lo, hi)` and `fpSumTape(lo, hi)` (⊕ of floats lo … hi − 1 of the tape `fpTerms`,
 * at most the parameter `k` of them); `fpTapeTerms` emits with the tag `tag` (one of the
 * program's tags; default `res`).
 * @category constructors
 */
export const fpSumTapeProcs = (tag = 'res'): readonly Proc[] => [fpTapeTerms(tag), floatSumProc('fpSumTape', 'fpTapeTerms', [TB, TB], param('k'))];

/** {@link fpSumTapeProcs} with the tag `res`. @category constructors */
export const FP_SUM_TAPE_PROCS: readonly Proc[] = fpSumTapeProcs();

/**
 * The subprograms `fpRound`, `fpOfInt`, `fpOfRatio`, `fpExp` (parameter `p`; `fpOfRatio` calls
 * `truncScaled` of `FLOAT_PROCS`). Sums are made per producer by {@link floatSumProc}.
 * @category constructors
 */
export const FLOAT_PROCS_MORE: readonly Proc[] = [fpRound, fpOfInt, fpOfRatio, fpExp];

/** `FLOAT_PROCS` and {@link FLOAT_PROCS_MORE}. @category constructors */
export const ALL_FLOAT_PROCS: readonly Proc[] = [...FLOAT_PROCS, ...FLOAT_PROCS_MORE];

// -------------------------------------------------------------------------------------------
// test programs
// -------------------------------------------------------------------------------------------

/**
 * A program applying `fpExp` to every float of the tape `a` (three cells each), or `fpOfInt` to
 * every cell of `a`, or `fpOfRatio` to every pair (a_i, b_j) of cells; emits `res` (s, m, e + I^max).
 * @category constructors
 */
export const floatUnaryProgram = (op: 'fpExp' | 'fpOfInt' | 'fpOfRatio'): Program => {
  const width = op === 'fpExp' ? 3 : 1;
  const A = add(div(len('a'), width), 1);
  const body: Stmt[] =
    op === 'fpExp'
      ? [loop('i', 0, div(len('a'), 3), [call('fpExp', [read('a', mul(3, r('i'))), read('a', add(mul(3, r('i')), 1)), read('a', add(mul(3, r('i')), 2))], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))])]
      : op === 'fpOfInt'
        ? [loop('i', 0, len('a'), [call('fpOfInt', [read('a', r('i'))], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))])]
        : [loop('i', 0, len('a'), [loop('j', 0, len('b'), [call('fpOfRatio', [read('a', r('i')), read('b', r('j'))], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))])])];
  return program({ main: 'main', tags: ['res'], params: ['p'], tapes: op === 'fpOfRatio' ? ['a', 'b'] : ['a'] }, [
    ...ALL_FLOAT_PROCS,
    proc('main', { i: A, j: add(len(op === 'fpOfRatio' ? 'b' : 'a'), 1), s: 2, m: MB, e: EB }, [], [], body),
  ]);
};

/**
 * A program emitting, for each group g, `res` (s, m, e + I^max) = ⊕ of floats G_g … G_(g+1) − 1
 * of the tape `fpTerms`, where G is the tape `fpGroups` (non-decreasing; groups of at most the
 * parameter `k` floats).
 * @category constructors
 */
export const floatSumTapeProgram = (): Program =>
  program({ main: 'main', tags: ['res'], params: ['p', 'k'], tapes: ['fpTerms', 'fpGroups'] }, [
    ...FP_SUM_TAPE_PROCS,
    proc('main', { g: len('fpGroups'), s: 2, m: MB, e: EB }, [], [], [
      loop('g', 0, sub(len('fpGroups'), 1), [call('fpSumTape', [read('fpGroups', r('g')), read('fpGroups', add(r('g'), 1))], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))]),
    ]),
  ]);
