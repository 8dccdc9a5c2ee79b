/**
 * # p-precision float operations as metered programs
 *
 * The scalar float operations of the kernel (`src/core/float.ts`: `floatMul`,
 * `floatDiv`, `floatCompare`) as subprograms of the space-metered machine, for
 * generators that must compute float values (tables of the model's functions, constants) in
 * O(p) = O(log n) bits of work space.
 *
 * ## Main definitions
 * - {@link FLOAT_PROCS}: the subprograms `floatMul`, `floatDiv` (arguments and results
 *   s, |m|, e + I^max per float: the sign of the mantissa, its magnitude, the exponent
 *   shifted to a natural), `floatCompare` (result 0, 1, 2 for <, =, >) and their helper
 *   `truncScaled`; they read the parameter `p`.
 * - {@link floatProgram}: a program that applies one of them to every pair of floats given
 *   on two tapes (for tests and measurement).
 *
 * ## Main results
 * Bit-exact with `float.ts` (checked exhaustively over all distinct pairs for small p in
 * `test/uniform.floatPrograms.test.ts`). Every register is below a bound of O(2^q) with
 * q = p/2, i.e. O(p) bits, and every intermediate value is < 2^(2q + 4) (no g_p integer of
 * 2·I^max + q bits is ever built), so the machine runs them for p ≤ 24.
 *
 * ## Implementation notes
 * `truncScaled(neg, a, b, t)` follows the kernel's `truncateScaled` (f_p(±⌊a·2^t / b⌋)): signed
 * quantities are kept with an offset Z = 8·2^q (t + Z, ⌊log₂(a/b)⌋ + Z, …). `floatCompare`
 * compares ⌊log₂ |x|⌋ first, then the mantissas shifted by at most q bits.
 *
 * ## References
 * - P1 App. A; the pinned float semantics in `docs/semantics.md`, "Floats".
 *
 * @module
 */
import {
  add,
  and,
  call,
  cond,
  div,
  emit,
  eq,
  ge,
  gt,
  log2ceil,
  loop,
  lt,
  mul,
  ne,
  len,
  param,
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
} from '../../core/logspace/index.js';

/** The precision p, a parameter of every program that uses these procs. @category constants */
export const FLOAT_P: Expr = param('p');
/** q = p/2, the width of the mantissa and of the exponent fields. @category constants */
export const FLOAT_Q: Expr = div(FLOAT_P, 2);
/** I^max = 2^(q − 1) − 1. @category constants */
export const FLOAT_IMAX: Expr = sub(pow2(sub(FLOAT_Q, 1)), 1);
/** Exponent offset bound: e + I^max ∈ [0, 2·I^max], below this. @category constants */
export const FLOAT_EXP_BOUND: Expr = add(mul(2, FLOAT_IMAX), 1);
/** |m| ≤ I^max, below this. @category constants */
export const FLOAT_MAG_BOUND: Expr = add(FLOAT_IMAX, 1);
const q = FLOAT_Q;
const iMax = FLOAT_IMAX;
const eB = FLOAT_EXP_BOUND;
const mB = FLOAT_MAG_BOUND;
const Z = mul(8, pow2(q));
const bigB = mul(Z, Z);
const bl = (x: E): Expr => log2ceil(add(x, 1)); // bit length
const xor = (a: E, b: E): Expr => ne(a, b);

const truncScaled: Proc = proc(
  'truncScaled',
  { neg: 2, a: bigB, b: bigB, tt: mul(4, Z), s: 2, m: mB, eo: eB, Lz: mul(4, Z), Tz: mul(4, Z), k: mul(4, Z), dz: mul(4, Z), mag: bigB },
  ['neg', 'a', 'b', 'tt'],
  ['s', 'm', 'eo'],
  [
    set('s', 0),
    set('m', 0),
    set('eo', 0),
    when(ne(r('a'), 0), [
      // L = ⌊log₂(a / b)⌋, kept as L + Z
      set('Lz', sub(add(bl(r('a')), Z), bl(r('b')))),
      when(
        ge(r('Lz'), Z),
        [when(lt(r('a'), mul(r('b'), pow2(sub(r('Lz'), Z)))), [set('Lz', sub(r('Lz'), 1))])],
        [when(lt(mul(r('a'), pow2(sub(Z, r('Lz')))), r('b')), [set('Lz', sub(r('Lz'), 1))])],
      ),
      // T = L + t, kept as T + Z (t is kept as t + Z)
      set('Tz', sub(add(r('Lz'), r('tt')), Z)),
      when(ge(r('Tz'), Z), [
        set('k', cond(ge(add(r('Tz'), 2), add(Z, q)), sub(add(r('Tz'), 2), add(Z, q)), 0)),
        when(
          gt(r('k'), mul(2, iMax)),
          [set('s', r('neg')), set('m', iMax), set('eo', mul(2, iMax))],
          [
            set('dz', sub(r('tt'), r('k'))),
            set('mag', cond(ge(r('dz'), Z), div(mul(r('a'), pow2(sub(r('dz'), Z))), r('b')), div(r('a'), mul(r('b'), pow2(sub(Z, r('dz'))))))),
            set('m', r('mag')),
            set('s', and(r('neg'), gt(r('mag'), 0))),
            set('eo', r('k')),
          ],
        ),
      ]),
    ]),
  ],
);

const floatMulProc: Proc = proc(
  'floatMul',
  { sa: 2, ma: mB, ea: eB, sb: 2, mb: mB, eb: eB, s: 2, m: mB, e: eB },
  ['sa', 'ma', 'ea', 'sb', 'mb', 'eb'],
  ['s', 'm', 'e'],
  // t = e_a + e_b − I^min = (ea − I^max) + (eb − I^max) + I^max
  [call('truncScaled', [xor(r('sa'), r('sb')), mul(r('ma'), r('mb')), 1, sub(add(add(r('ea'), r('eb')), Z), iMax)], ['s', 'm', 'e'])],
);

const floatDivProc: Proc = proc(
  'floatDiv',
  { sa: 2, ma: mB, ea: eB, sb: 2, mb: mB, eb: eB, s: 2, m: mB, e: eB },
  ['sa', 'ma', 'ea', 'sb', 'mb', 'eb'],
  ['s', 'm', 'e'],
  [
    when(
      eq(r('mb'), 0),
      [
        // x / 0: zero for 0 / 0, else saturation with the numerator's sign
        set('s', and(r('sa'), ne(r('ma'), 0))),
        set('m', cond(eq(r('ma'), 0), 0, iMax)),
        set('e', cond(eq(r('ma'), 0), 0, mul(2, iMax))),
      ],
      // t = e_a − e_b − I^min = (ea − I^max) − (eb − I^max) + I^max
      [call('truncScaled', [xor(r('sa'), r('sb')), r('ma'), r('mb'), sub(add(add(r('ea'), iMax), Z), r('eb'))], ['s', 'm', 'e'])],
    ),
  ],
);

const floatCompareProc: Proc = proc(
  'floatCompare',
  { sa: 2, ma: mB, ea: eB, sb: 2, mb: mB, eb: eB, c: 3, la: mul(4, Z), lb: mul(4, Z), x: bigB, y: bigB, flip: 2 },
  ['sa', 'ma', 'ea', 'sb', 'mb', 'eb'],
  ['c'],
  [
    // signs: −1, 0, +1 as 0, 1, 2
    set('x', cond(eq(r('ma'), 0), 1, cond(r('sa'), 0, 2))),
    set('y', cond(eq(r('mb'), 0), 1, cond(r('sb'), 0, 2))),
    when(
      ne(r('x'), r('y')),
      [set('c', cond(lt(r('x'), r('y')), 0, 2))],
      [
        set('c', 1),
        when(ne(r('x'), 1), [
          // same sign, both non-zero: compare |a| and |b| by ⌊log₂⌋, then aligned mantissas
          set('flip', eq(r('x'), 0)),
          set('la', add(bl(r('ma')), r('ea'))),
          set('lb', add(bl(r('mb')), r('eb'))),
          when(
            ne(r('la'), r('lb')),
            [set('c', cond(lt(r('la'), r('lb')), 0, 2))],
            [
              // equal ⌊log₂⌋: the exponents differ by less than q, shift the one with the larger
              set('x', cond(ge(r('ea'), r('eb')), mul(r('ma'), pow2(sub(r('ea'), r('eb')))), r('ma'))),
              set('y', cond(ge(r('eb'), r('ea')), mul(r('mb'), pow2(sub(r('eb'), r('ea')))), r('mb'))),
              set('c', cond(lt(r('x'), r('y')), 0, cond(eq(r('x'), r('y')), 1, 2))),
            ],
          ),
          when(r('flip'), [set('c', sub(2, r('c')))]),
        ]),
      ],
    ),
  ],
);

/** The float subprograms (parameter `p`). @category constructors */
export const FLOAT_PROCS: readonly Proc[] = [truncScaled, floatMulProc, floatDivProc, floatCompareProc];

/**
 * A program applying `op` to every pair (A_i, B_j) of the floats on the tapes `a` and `b`
 * (each float three cells: sign, |m|, e + I^max), emitting `res` records (s, |m|, e + I^max), or
 * (c) for `floatCompare`.
 * @category constructors
 */
export const floatProgram = (op: 'floatMul' | 'floatDiv' | 'floatCompare'): Program => {
  const fields = (t: string, i: Expr): Expr[] => [read(t, mul(i, 3)), read(t, add(mul(i, 3), 1)), read(t, add(mul(i, 3), 2))];
  const into = op === 'floatCompare' ? ['c'] : ['s', 'm', 'e'];
  return program({ main: 'main', tags: ['res'], params: ['p'], tapes: ['a', 'b'] }, [
    ...FLOAT_PROCS,
    proc('main', { i: add(div(len('a'), 3), 1), j: add(div(len('b'), 3), 1), s: 2, m: mB, e: eB, c: 3 }, [], [], [
      loop('i', 0, div(len('a'), 3), [
        loop('j', 0, div(len('b'), 3), [
          call(op, [...fields('a', r('i')), ...fields('b', r('j'))], into),
          op === 'floatCompare' ? emit('res', r('c')) : emit('res', r('s'), r('m'), r('e')),
        ]),
      ]),
    ]),
  ]);
};
