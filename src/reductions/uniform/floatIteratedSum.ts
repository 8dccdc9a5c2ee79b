/**
 * # A log-space printer of the iterated float sum ⊕ (P1 Lemma 5)
 *
 * A program of the space-metered machine (`src/core/logspace`) that prints, record for record,
 * the circuit `floatIteratedSum(n, p)` builds (`src/reductions/arithmetic/floatIteratedSum.ts`,
 * the default route): n summands of precision p (parameter `p`), keeping only counters, block
 * statistics and gate ids (O(log n) bits each, a constant number of them per frame, a constant
 * number of frames).
 *
 * ## Main definitions
 * - {@link floatIteratedSumGenerator}: the stand-alone program (parameter `p`; the machine's n
 *   is the number of summands).
 * - {@link floatIteratedSumPrinter}: the same procs for embedding (the `SumPrinter` shape of
 *   `transformerToTc0.ts`): {@link FIS_ENTRY} (`fisEntry`, no arguments: prints the records of
 *   the whole circuit, inputs included, ids from 0, then its `out` records), {@link FIS_SIZE}
 *   (`fisSize`, no arguments, result: the number of gates, inputs included) and
 *   {@link FIS_OUTPUT_ID} (`fisOutputId`, argument t, result: the id of output t). Every proc
 *   name starts with `fis`; the procs read the parameters n and p only (no tape).
 *
 * Input layout (as the construction's): bit b of summand j is input gate (and input index)
 * j·p + b, in the kernel float layout (mantissa magnitude bits b = 0 … q − 2 LSB first, its
 * sign b = q − 1, exponent magnitude b = q … p − 2, its sign b = p − 1; q = p/2). Output t < p
 * is bit t of the sum in the same layout.
 *
 * ## Main results
 * The printer follows the builder's order stage by stage (alignment, column sums, the two block
 * adders for z and −z, truncation, encoding). Gate ids of the alignment and the column sums are
 * formulas. The adders fold known-constant gates (`geForm`), so which gates exist is recomputed:
 * with U = 2^ℓ, block b's half weight H_b = Σ cnt(pos)·2^(pos − bℓ) (both piles have the same
 * shape, so the positive and the negative weights of every block form are equal — the fold
 * decisions are the same for z and −z), the offset digit d_b of κ (a borrow loop over the
 * blocks below), V-constant H_b + d_b, and the range of the layer-1 form; from these, in O(1),
 * whether T_b,m, E_b,t, a carry term, an A gate is a new gate, a constant or an alias of one of
 * its arguments; a gate's id is the start of its phase plus a count of the new gates before it,
 * recomputed by loops (nothing is memoized).
 *
 * ## Implementation notes
 * - Merged arguments: only the bit gates of a sum bit's form (R) can repeat (an alias of a carry
 *   or of an E gate may be another term); the printer merges them as `prepare` does (first
 *   occurrence, summed weights, zero dropped) by scanning the term list. The fold decision of a
 *   sum bit (never folded in the checked sweep) is taken on the unmerged bounds (a merge cannot
 *   widen them, so a decided fold is right; a fold only the merged bounds decide would show as a
 *   first difference in the lemma's stream comparison). The truncation and encoding are printed
 *   without folds (the construction folds none there for the checked sizes; same remark).
 * - `fisSize` and `fisOutputId` are cheap relative to printing (no record is produced: one pass
 *   of block statistics), so an embedding printer can offset ids without counting records.
 * - Time is traded for space throughout: polynomial but slow, the lemma keeps n·2^p small.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 2 and Def 5 (uniformity), Lemma 5 (⊕ in TC0);
 *   the construction's references are in `src/reductions/arithmetic/floatIteratedSum.ts`.
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import {
  GATE_STREAM_TAGS,
  add,
  and,
  bit,
  call,
  cond,
  div,
  emit,
  eq,
  ge,
  gt,
  le,
  log2ceil,
  loop,
  lt,
  min,
  mod,
  mul,
  n,
  ne,
  not,
  or,
  pow2,
  proc,
  program,
  r,
  set,
  sub,
  when,
  type E,
  type Expr,
  type Proc,
  type Program,
  type Stmt,
} from '../../core/logspace/index.js';
import { FLOAT_IMAX, FLOAT_P, FLOAT_Q } from './floatPrograms.js';

// ---------------------------------------------------------------------------------------------
// shape (formulas of n = k and p)
// ---------------------------------------------------------------------------------------------

const P = FLOAT_P;
const QQ = FLOAT_Q;
const M = FLOAT_IMAX;
const S = add(mul(2, M), 1);
const W = add(mul(2, M), sub(QQ, 1));
const BETA = log2ceil(add(n, 1));
const HH = mul(2, BETA);
const WP = add(add(mul(2, M), log2ceil(add(mul(n, M), 1))), 1);
const WM = sub(WP, 1);
const K2 = ge(n, 2);
const LMAX = min(add(log2ceil(HH), 10), 14);
const UMAX = pow2(LMAX);
const TLO = sub(QQ, 1);
const THI = sub(add(mul(2, M), QQ), 2);
const NSAT = cond(gt(WM, add(THI, 1)), sub(WM, add(THI, 1)), 0);
/** Gates of one truncation branch: 2M·(q − 1) leading/mantissa terms, q − 1 small, the saturation. */
const BG = add(add(mul(mul(2, M), sub(QQ, 1)), sub(QQ, 1)), NSAT);

// gate ids of the first two stages
const AF = add(mul(S, sub(QQ, 1)), mul(2, W));
const ALB = mul(n, P);
const aBase = (i: E): Expr => add(ALB, mul(i, AF));
const selId = (i: E, s: E, j: E): Expr => add(aBase(i), add(mul(s, sub(QQ, 1)), j));
const pileId = (i: E, c: E, pi: E): Expr => add(add(aBase(i), mul(S, sub(QQ, 1))), add(mul(2, c), pi));
const CS = add(ALB, mul(n, AF));
const GC = cond(K2, sub(add(div(n, 2), BETA), 1), 0);
const colBase = (pi: E, c: E): Expr => add(CS, mul(add(mul(pi, W), c), GC));
const geId = (pi: E, c: E, t: E): Expr => sub(add(colBase(pi, c), div(t, 2)), 1);
const cbitId = (pi: E, c: E, rr: E): Expr =>
  cond(K2, cond(eq(rr, sub(BETA, 1)), geId(pi, c, pow2(sub(BETA, 1))), add(add(colBase(pi, c), div(n, 2)), rr)), pileId(0, c, pi));
const FA0 = add(CS, mul(mul(2, W), GC));

/** Number of (c, r), 0 ≤ c < W, 0 ≤ r < β, with c + r = pos. */
const cntAt = (pos: E): Expr => {
  const top = min(pos, sub(BETA, 1));
  const bot = cond(ge(add(pos, 1), W), sub(add(pos, 1), W), 0);
  return cond(ge(top, bot), add(sub(top, bot), 1), 0);
};

// register bounds
const NBB = add(WP, 2);
const POSB = add(add(WP, W), add(HH, 4));
const TB = add(mul(2, UMAX), add(mul(4, HH), 8));
const ADB = add(add(mul(NBB, add(mul(2, HH), UMAX)), mul(15, mul(NBB, NBB))), WP);
const IDB = add(add(FA0, mul(2, ADB)), add(mul(4, add(mul(add(mul(2, M), 2), QQ), WP)), 16));
/** Counts of T gates per block: tc ≤ 2β + 1 (H ≤ β(2^ℓ − 1)). */
const CB = add(HH, 4);
/** Block sums: H ≤ β·2^ℓ, and the constants and weight sums of the D and sum-bit forms. */
const SB = mul(UMAX, add(add(mul(4, HH), mul(2, NBB)), 16));
/** The layer-1 form's weight sum: ≤ 2k·2^ℓ per column, ≤ ℓ + β columns. */
const FHB = mul(mul(2, add(n, 1)), mul(UMAX, add(16, BETA)));
const LB = 16;
const KB = add(n, 1);
const BIG = pow2(52);

const U = pow2(r('l'));
const NB = div(add(WP, sub(r('l'), 1)), r('l'));

const gate = (id: E, kind: number, neg: E, abs: E): Stmt => emit('gate', id, kind, neg, abs);
/** A threshold gate with signed threshold pp − nn. */
const gateS = (id: E, pp: E, nn: E): Stmt => emit('gate', id, GateKind.Ge, lt(pp, nn), cond(ge(pp, nn), sub(pp, nn), sub(nn, pp)));
const arg = (a: E, neg: E = 0, abs: E = 1): Stmt => emit('arg', a, neg, abs);
const inc = (reg: string, by: E = 1): Stmt => set(reg, add(r(reg), by));
const R = (name: string): Expr => r(name);

/** The entry point: prints the whole circuit (no arguments). @category model */
export const FIS_ENTRY = 'fisEntry';
/** Result: the number of gates of the circuit, inputs included (no arguments). @category model */
export const FIS_SIZE = 'fisSize';
/** Argument t < p; result: the id of output t. @category model */
export const FIS_OUTPUT_ID = 'fisOutputId';

// ---------------------------------------------------------------------------------------------
// block width ℓ (the construction's choice: least wire bound)
// ---------------------------------------------------------------------------------------------

const costProc = proc(
  'fisCost',
  { l: LB, w: BIG, nb: NBB, hc: TB, dm: TB, bb: BIG, l1: BIG, b: NBB, lo: NBB, j: LB, pq: TB },
  ['l'],
  ['w'],
  [
    set('w', 0),
    set('nb', NB),
    set('hc', min(HH, sub(U, 1))),
    set('dm', add(sub(U, 1), R('hc'))),
    set('bb', mul(HH, R('l'))),
    set('l1', add(mul(mul(2, n), R('l')), mul(6, n))),
    loop('b', 0, R('nb'), [
      set('lo', cond(gt(R('b'), 0), sub(R('b'), 1), 0)),
      inc('w', add(add(mul(R('hc'), R('l1')), mul(R('dm'), add(R('bb'), mul(2, R('hc'))))), mul(R('lo'), R('lo')))),
      loop('j', 0, R('l'), [
        set('pq', div(add(R('dm'), 1), pow2(add(R('j'), 1)))),
        inc('w', add(add(mul(R('lo'), R('lo')), mul(mul(R('lo'), 2), R('pq'))), add(add(R('bb'), mul(2, R('hc'))), add(mul(2, R('lo')), R('pq'))))),
      ]),
    ]),
  ],
);

const ellProc = proc('fisEll', { l: LB, lm: LB, x: LB, best: BIG, c: BIG }, [], ['l'], [
  set('lm', log2ceil(HH)),
  set('l', R('lm')),
  call('fisCost', [R('lm')], ['best']),
  loop('x', add(R('lm'), 1), add(min(add(R('lm'), 10), 14), 1), [
    call('fisCost', [R('x')], ['c']),
    when(lt(R('c'), R('best')), [set('l', R('x')), set('best', R('c'))]),
  ]),
]);

// ---------------------------------------------------------------------------------------------
// block statistics
// ---------------------------------------------------------------------------------------------

/** fisH(b, l) → h: half weight of block b, Σ cnt(pos)·2^(pos − bℓ). */
const hProc = proc('fisH', { b: NBB, l: LB, h: SB, ps: POSB }, ['b', 'l'], ['h'], [
  set('h', 0),
  loop('ps', mul(R('b'), R('l')), min(mul(add(R('b'), 1), R('l')), WP), [inc('h', mul(cntAt(R('ps')), pow2(sub(R('ps'), mul(R('b'), R('l'))))))]),
]);

/** fisBS(b, l) → H, dg, vc, tc, m1, m2: half weight, κ digit, V constant, T count, live T range [m1, m2). */
const bsProc = proc(
  'fisBS',
  { b: NBB, l: LB, H: SB, dg: TB, vc: SB, tc: CB, m1: CB, m2: CB, x: SB, bo: SB, b2: NBB, fh: FHB, c: POSB, lo: POSB, hi: POSB, r0: POSB, r1: POSB, a: TB, n0: KB, n1: KB },
  ['b', 'l'],
  ['H', 'dg', 'vc', 'tc', 'm1', 'm2'],
  [
    call('fisH', [R('b'), R('l')], ['H']),
    set('bo', 0),
    loop('b2', 0, add(R('b'), 1), [
      call('fisH', [R('b2'), R('l')], ['x']),
      set('x', add(R('x'), R('bo'))),
      set('dg', mod(sub(U, mod(R('x'), U)), U)),
      set('bo', div(add(R('x'), sub(U, 1)), U)),
    ]),
    set('dg', mod(R('dg'), pow2(min(R('l'), sub(WP, mul(R('b'), R('l'))))))),
    set('vc', add(R('H'), R('dg'))),
    set('tc', div(add(mul(2, R('H')), R('dg')), U)),
    // the layer-1 form's positive (= negative) weight sum
    set('fh', 0),
    set('lo', mul(R('b'), R('l'))),
    set('hi', min(WP, add(R('lo'), R('l')))),
    loop('c', cond(gt(add(R('lo'), 1), BETA), sub(add(R('lo'), 1), BETA), 0), min(R('hi'), W), [
      set('r0', cond(gt(R('lo'), R('c')), sub(R('lo'), R('c')), 0)),
      set('r1', cond(gt(R('hi'), R('c')), min(BETA, sub(R('hi'), R('c'))), 0)),
      when(lt(R('r0'), R('r1')), [
        set('a', pow2(sub(add(R('c'), R('r0')), R('lo')))),
        when(
          not(K2),
          [inc('fh', R('a'))],
          [
            when(
              eq(R('r0'), 0),
              [inc('fh', add(mul(n, R('a')), cond(lt(R('r1'), BETA), mul(mul(div(n, pow2(R('r1'))), R('a')), pow2(R('r1'))), 0)))],
              [
                set('n0', div(n, pow2(R('r0')))),
                set('n1', cond(lt(R('r1'), BETA), div(n, pow2(R('r1'))), 0)),
                inc('fh', add(mul(sub(R('n0'), R('n1')), R('a')), mul(mul(R('n1'), R('a')), sub(pow2(sub(R('r1'), R('r0'))), 1)))),
              ],
            ),
          ],
        ),
      ]),
    ]),
    set('m1', cond(ge(R('vc'), R('fh')), min(R('tc'), div(sub(R('vc'), R('fh')), U)), 0)),
    set('m2', min(R('tc'), div(add(R('fh'), R('vc')), U))),
  ],
);

const esRegs = ['dM', 'H', 'vc', 'tc', 'm1', 'lv', 'tcp', 'm1p', 'lvp'] as const;
const esDecl = { dM: TB, H: SB, vc: SB, tc: CB, m1: CB, lv: CB, tcp: CB, m1p: CB, lvp: CB } as const;
/** fisES(b, l) → the statistics of block b's D form (and of block b − 1's T gates). */
const esProc = proc('fisES', { b: NBB, l: LB, ...esDecl, dg: TB, m2: CB, x: SB, y: TB, z: SB, m2p: CB }, ['b', 'l'], [...esRegs], [
  call('fisBS', [R('b'), R('l')], ['H', 'dg', 'vc', 'tc', 'm1', 'm2']),
  set('lv', sub(R('m2'), R('m1'))),
  set('tcp', 0),
  set('m1p', 0),
  set('lvp', 0),
  when(gt(R('b'), 0), [
    call('fisBS', [sub(R('b'), 1), R('l')], ['x', 'y', 'z', 'tcp', 'm1p', 'm2p']),
    set('lvp', sub(R('m2p'), R('m1p'))),
  ]),
  set('dM', add(sub(U, 1), R('tcp'))),
]);

/** The kind of E(b, t) from the registers of fisES: 0 false, 1 true, 2 a new gate, 3 an alias of the one live T of block b − 1. */
const eKind = (t: E): Expr =>
  cond(
    le(t, 0),
    1,
    cond(
      gt(t, R('dM')),
      0,
      cond(
        ge(add(R('m1p'), R('vc')), add(add(t, mul(U, R('m1'))), add(R('H'), mul(U, R('lv'))))),
        1,
        cond(
          lt(add(add(R('m1p'), R('H')), add(R('lvp'), R('vc'))), add(t, mul(U, R('m1')))),
          0,
          cond(and(eq(R('H'), 0), and(eq(R('lv'), 0), eq(R('lvp'), 1))), 3, 2),
        ),
      ),
    ),
  );

/** fisGPK(b, l) → kG, kP: the kinds of G_b = E(b, U) and P_b = E(b, U − 1). */
const gpkProc = proc('fisGPK', { b: NBB, l: LB, kG: 4, kP: 4, ...esDecl }, ['b', 'l'], ['kG', 'kP'], [
  call('fisES', [R('b'), R('l')], [...esRegs]),
  set('kG', eKind(U)),
  set('kP', eKind(sub(U, 1))),
]);

const eProc = proc('fisE', { b: NBB, t: TB, l: LB, kd: 4, ...esDecl }, ['b', 't', 'l'], ['kd'], [
  call('fisES', [R('b'), R('l')], [...esRegs]),
  set('kd', eKind(R('t'))),
]);

/** fisTS(b, l) → ts: live T gates of the blocks before b. */
const tsProc = proc('fisTS', { b: NBB, l: LB, ts: IDB, x: NBB, H: SB, dg: TB, vc: SB, tc: CB, m1: CB, m2: CB }, ['b', 'l'], ['ts'], [
  set('ts', 0),
  loop('x', 0, R('b'), [call('fisBS', [R('x'), R('l')], ['H', 'dg', 'vc', 'tc', 'm1', 'm2']), inc('ts', sub(R('m2'), R('m1')))]),
]);

/** fisGP(b, w, l) → o: offset in the G/P phase of E(b, U − w) (w = 0: G, 1: P). */
const gpProc = proc('fisGP', { b: NBB, w: 2, l: LB, o: IDB, x: NBB, kd: 4 }, ['b', 'w', 'l'], ['o'], [
  set('o', 0),
  when(R('w'), [loop('x', 0, NB, [call('fisE', [R('x'), U, R('l')], ['kd']), when(eq(R('kd'), 2), [inc('o')])])]),
  loop('x', 0, R('b'), [call('fisE', [R('x'), sub(U, R('w')), R('l')], ['kd']), when(eq(R('kd'), 2), [inc('o')])]),
]);

/**
 * fisLE(b, t, l, fa, cb, nc) → kd, id: E(b, t) as a literal (0 false, 1 true, 2 the gate id),
 * fa the first id of the adder, cb the first id of block b's section, nc its live carries.
 */
const leProc = proc('fisLE', { b: NBB, t: TB, l: LB, fa: IDB, cb: IDB, nc: NBB, kd: 4, id: IDB, ...esDecl, x: TB, y: TB, o: IDB }, ['b', 't', 'l', 'fa', 'cb', 'nc'], ['kd', 'id'], [
  call('fisES', [R('b'), R('l')], [...esRegs]),
  set('x', eKind(R('t'))),
  set('id', 0),
  set('kd', cond(eq(R('x'), 3), 2, R('x'))),
  when(eq(R('x'), 3), [call('fisTS', [sub(R('b'), 1), R('l')], ['o']), set('id', add(R('fa'), R('o')))]),
  when(eq(R('x'), 2), [
    when(
      or(eq(R('t'), U), eq(R('t'), sub(U, 1))),
      [call('fisTS', [NB, R('l')], ['o']), set('id', add(R('fa'), R('o'))), call('fisGP', [R('b'), eq(R('t'), sub(U, 1)), R('l')], ['o']), inc('id', R('o'))],
      [
        set('id', add(R('cb'), R('nc'))),
        loop('y', 1, R('t'), [when(and(and(ne(R('y'), U), ne(R('y'), sub(U, 1))), eq(eKind(R('y')), 2)), [inc('id')])]),
      ],
    ),
  ]),
]);

// ---------------------------------------------------------------------------------------------
// carry terms and A gates
// ---------------------------------------------------------------------------------------------

const chainRegs = ['cP', 'cN', 'ps', 'ng', 'eb', 'et'] as const;
const chainDecl = { cP: NBB, cN: NBB, ps: NBB, ng: NBB, eb: NBB, et: TB } as const;
/**
 * fisChain(fr, bk, l) → cP, cN (true constants, + and −), ps, ng (live arguments, + and −),
 * eb, et: the last positive live argument, E(eb, et).
 */
const chainProc = proc('fisChain', { fr: NBB, bk: NBB, l: LB, ...chainDecl, m: NBB, kd: 4, kP: 4 }, ['fr', 'bk', 'l'], [...chainRegs], [
  set('cP', 0),
  set('cN', 0),
  set('ps', 0),
  set('ng', 0),
  set('eb', 0),
  set('et', 0),
  call('fisE', [R('fr'), U, R('l')], ['kd']),
  when(eq(R('kd'), 1), [inc('cP')]),
  when(ge(R('kd'), 2), [inc('ps'), set('eb', R('fr')), set('et', U)]),
  loop('m', add(R('fr'), 1), R('bk'), [
    call('fisGPK', [R('m'), R('l')], ['kd', 'kP']),
    when(eq(R('kP'), 1), [inc('cP')]),
    when(ge(R('kP'), 2), [inc('ps'), set('eb', R('m')), set('et', sub(U, 1))]),
    when(eq(R('kd'), 1), [inc('cN')]),
    when(ge(R('kd'), 2), [inc('ng')]),
  ]),
]);

/** The kind of [form ≥ t] from cP, cN, ps, ng (constants and live arguments): 0, 1, 2 gate, 3 alias. */
const formKind = (t: E, cP: E, cN: E, ps: E, ng: E): Expr =>
  cond(ge(cP, add(add(t, cN), ng)), 1, cond(lt(add(cP, ps), add(t, cN)), 0, cond(and(eq(ps, 1), eq(ng, 0)), 3, 2)));

/** fisCarry(fr, bk, l) → kd, eb, et: the carry term from block fr into bk (0 also when G_fr is false). */
const carryProc = proc('fisCarry', { fr: NBB, bk: NBB, l: LB, kd: 4, ...chainDecl }, ['fr', 'bk', 'l'], ['kd', 'eb', 'et'], [
  call('fisE', [R('fr'), U, R('l')], ['kd']),
  when(ne(R('kd'), 0), [
    call('fisChain', [R('fr'), R('bk'), R('l')], [...chainRegs]),
    set('kd', formKind(sub(R('bk'), R('fr')), R('cP'), R('cN'), R('ps'), R('ng'))),
  ]),
]);

const onesRegs = ['oP', 'oN', 'ops', 'ong', 'oet'] as const;
const onesDecl = { oP: TB, oN: TB, ops: TB, ong: TB, oet: TB } as const;
/** fisOnes(bk, j, l) → oP, oN, ops, ong, oet: [D ≡ −1 mod 2^(j+1)] as terms E(bk, mQ − 1) − E(bk, mQ). */
const onesProc = proc('fisOnes', { bk: NBB, j: LB, l: LB, ...onesDecl, ...esDecl, m: TB, x: 4 }, ['bk', 'j', 'l'], [...onesRegs], [
  set('oP', 0),
  set('oN', 0),
  set('ops', 0),
  set('ong', 0),
  set('oet', 0),
  call('fisES', [R('bk'), R('l')], [...esRegs]),
  loop('m', 1, add(div(add(R('dM'), 1), pow2(add(R('j'), 1))), 1), [
    set('x', eKind(sub(mul(R('m'), pow2(add(R('j'), 1))), 1))),
    when(eq(R('x'), 1), [inc('oP')]),
    when(ge(R('x'), 2), [inc('ops'), set('oet', sub(mul(R('m'), pow2(add(R('j'), 1))), 1))]),
    set('x', eKind(mul(R('m'), pow2(add(R('j'), 1))))),
    when(eq(R('x'), 1), [inc('oN')]),
    when(ge(R('x'), 2), [inc('ong')]),
  ]),
]);

/** fisA(j, fr, bk, l) → kd, eb, et: the gate A_(fr, bk, j) (alias target E(eb, et)). */
const aProc = proc('fisA', { j: LB, fr: NBB, bk: NBB, l: LB, kd: 4, ...chainDecl, ...onesDecl }, ['j', 'fr', 'bk', 'l'], ['kd', 'eb', 'et'], [
  call('fisE', [R('fr'), U, R('l')], ['kd']),
  when(ne(R('kd'), 0), [
    call('fisChain', [R('fr'), R('bk'), R('l')], [...chainRegs]),
    call('fisOnes', [R('bk'), R('j'), R('l')], [...onesRegs]),
    set('kd', formKind(add(sub(R('bk'), R('fr')), 1), add(R('cP'), R('oP')), add(R('cN'), R('oN')), add(R('ps'), R('ops')), add(R('ng'), R('ong')))),
    when(eq(R('ps'), 0), [set('eb', R('bk')), set('et', R('oet'))]),
  ]),
]);

// ---------------------------------------------------------------------------------------------
// sections: gates made per block after the G/P phase
// ---------------------------------------------------------------------------------------------

/** fisCS(bk, l) → ct, cl, cg: block bk's carry terms that are true, live (a gate or an alias), new gates. */
const csProc = proc('fisCS', { bk: NBB, l: LB, ct: NBB, cl: NBB, cg: NBB, fr: NBB, x: 4, eb: NBB, et: TB }, ['bk', 'l'], ['ct', 'cl', 'cg'], [
  set('ct', 0),
  set('cl', 0),
  set('cg', 0),
  loop('fr', 0, R('bk'), [
    call('fisCarry', [R('fr'), R('bk'), R('l')], ['x', 'eb', 'et']),
    when(eq(R('x'), 1), [inc('ct')]),
    when(ge(R('x'), 2), [inc('cl')]),
    when(eq(R('x'), 2), [inc('cg')]),
  ]),
]);

/**
 * fisRJ(bk, j, l, ct, cl) → na, kd: the new A gates of bit j of block bk, and the kind of its
 * sum bit (fold decided on the unmerged bounds), given the block's carry counts.
 */
const rjProc = proc(
  'fisRJ',
  { bk: NBB, j: LB, l: LB, ct: NBB, cl: NBB, na: NBB, kd: 4, ...esDecl, cP: SB, cN: SB, ps: SB, ng: SB, fr: NBB, x: 4, eb: NBB, et: TB, m: TB },
  ['bk', 'j', 'l', 'ct', 'cl'],
  ['na', 'kd'],
  [
    call('fisES', [R('bk'), R('l')], [...esRegs]),
    set('na', 0),
    set('cP', add(R('m1p'), R('ct'))),
    set('cN', mul(U, R('m1'))),
    set('ps', add(add(R('H'), R('lvp')), R('cl'))),
    set('ng', add(R('H'), mul(U, R('lv')))),
    loop('fr', 0, R('bk'), [
      call('fisA', [R('j'), R('fr'), R('bk'), R('l')], ['x', 'eb', 'et']),
      when(eq(R('x'), 1), [inc('cN', pow2(add(R('j'), 1)))]),
      when(ge(R('x'), 2), [inc('ng', pow2(add(R('j'), 1)))]),
      when(eq(R('x'), 2), [inc('na')]),
    ]),
    loop('m', 1, add(div(add(R('dM'), 1), pow2(add(R('j'), 1))), 1), [
      set('x', eKind(mul(R('m'), pow2(add(R('j'), 1))))),
      when(eq(R('x'), 1), [inc('cN', pow2(add(R('j'), 1)))]),
      when(ge(R('x'), 2), [inc('ng', pow2(add(R('j'), 1)))]),
    ]),
    set('kd', cond(ge(add(R('cP'), R('vc')), add(add(pow2(R('j')), R('cN')), R('ng'))), 1, cond(lt(add(add(R('cP'), R('ps')), R('vc')), add(pow2(R('j')), R('cN'))), 0, 2))),
  ],
);

/** Sum bits of block bk: min(ℓ, W′ − bk·ℓ). */
const bitsHere = (bk: E): Expr => min(R('l'), sub(WP, mul(bk, R('l'))));

/** fisSecJ(bk, jj, l) → nc, ne, off: live carries, new E gates, and the gates of the section before the A gates of bit jj. */
const secjProc = proc('fisSecJ', { bk: NBB, jj: LB, l: LB, nc: NBB, ne: TB, off: IDB, ct: NBB, cl: NBB, j: LB, na: NBB, x: 4, t: TB, ...esDecl }, ['bk', 'jj', 'l'], ['nc', 'ne', 'off'], [
  set('ne', 0),
  call('fisCS', [R('bk'), R('l')], ['ct', 'cl', 'nc']),
  call('fisES', [R('bk'), R('l')], [...esRegs]),
  loop('t', 1, add(R('dM'), 1), [when(and(and(ne(R('t'), U), ne(R('t'), sub(U, 1))), eq(eKind(R('t')), 2)), [inc('ne')])]),
  set('off', add(R('nc'), R('ne'))),
  loop('j', 0, R('jj'), [call('fisRJ', [R('bk'), R('j'), R('l'), R('ct'), R('cl')], ['na', 'x']), inc('off', add(R('na'), eq(R('x'), 2)))]),
]);

/** fisSS(bk, l, fa) → cb: the first id of block bk's section (bk = nB: the end of the adder). */
const ssProc = proc('fisSS', { bk: NBB, l: LB, fa: IDB, cb: IDB, o: IDB, b: NBB, nc: NBB, ne: TB, off: IDB }, ['bk', 'l', 'fa'], ['cb'], [
  call('fisTS', [NB, R('l')], ['o']),
  set('cb', add(R('fa'), R('o'))),
  call('fisGP', [NB, 1, R('l')], ['o']),
  inc('cb', R('o')),
  loop('b', 0, R('bk'), [call('fisSecJ', [R('b'), bitsHere(R('b')), R('l')], ['nc', 'ne', 'off']), inc('cb', R('off'))]),
]);

// literals of carries, A gates and sum bits

const lcProc = proc(
  'fisLC',
  { fr: NBB, bk: NBB, l: LB, fa: IDB, cb: IDB, nc: NBB, kd: 4, id: IDB, eb: NBB, et: TB, x: 4, y: NBB, e2: NBB, t2: TB },
  ['fr', 'bk', 'l', 'fa', 'cb', 'nc'],
  ['kd', 'id'],
  [
    call('fisCarry', [R('fr'), R('bk'), R('l')], ['x', 'eb', 'et']),
    set('kd', cond(eq(R('x'), 3), 2, R('x'))),
    set('id', 0),
    when(eq(R('x'), 3), [call('fisLE', [R('eb'), R('et'), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id'])]),
    when(eq(R('x'), 2), [
      set('id', R('cb')),
      loop('y', 0, R('fr'), [call('fisCarry', [R('y'), R('bk'), R('l')], ['x', 'e2', 't2']), when(eq(R('x'), 2), [inc('id')])]),
    ]),
  ],
);

const laProc = proc(
  'fisLA',
  { j: LB, fr: NBB, bk: NBB, l: LB, fa: IDB, cb: IDB, nc: NBB, kd: 4, id: IDB, eb: NBB, et: TB, x: 4, y: NBB, e2: NBB, t2: TB, n1: NBB, n2: TB, off: IDB },
  ['j', 'fr', 'bk', 'l', 'fa', 'cb', 'nc'],
  ['kd', 'id'],
  [
    call('fisA', [R('j'), R('fr'), R('bk'), R('l')], ['x', 'eb', 'et']),
    set('kd', cond(eq(R('x'), 3), 2, R('x'))),
    set('id', 0),
    when(eq(R('x'), 3), [call('fisLE', [R('eb'), R('et'), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id'])]),
    when(eq(R('x'), 2), [
      call('fisSecJ', [R('bk'), R('j'), R('l')], ['n1', 'n2', 'off']),
      set('id', add(R('cb'), R('off'))),
      loop('y', 0, R('fr'), [call('fisA', [R('j'), R('y'), R('bk'), R('l')], ['x', 'e2', 't2']), when(eq(R('x'), 2), [inc('id')])]),
    ]),
  ],
);

/** fisLR(u, l, fa) → kd, id: sum bit u of the adder starting at fa (z for the first, −z for the second). */
const lrProc = proc(
  'fisLR',
  { u: POSB, l: LB, fa: IDB, kd: 4, id: IDB, bk: NBB, j: LB, n1: NBB, n2: TB, off: IDB, ct: NBB, cl: NBB, na: NBB },
  ['u', 'l', 'fa'],
  ['kd', 'id'],
  [
    set('bk', div(R('u'), R('l'))),
    set('j', mod(R('u'), R('l'))),
    call('fisSS', [R('bk'), R('l'), R('fa')], ['id']),
    call('fisSecJ', [R('bk'), R('j'), R('l')], ['n1', 'n2', 'off']),
    inc('id', R('off')),
    call('fisCS', [R('bk'), R('l')], ['ct', 'cl', 'n1']),
    call('fisRJ', [R('bk'), R('j'), R('l'), R('ct'), R('cl')], ['na', 'kd']),
    inc('id', R('na')),
  ],
);

// ---------------------------------------------------------------------------------------------
// printing the adder
// ---------------------------------------------------------------------------------------------

/** fisPrF(sg, b, l): the arguments of a T gate of block b (layer-1 form; sg = 1: the −z adder). */
const prfProc = proc(
  'fisPrF',
  { sg: 2, b: NBB, l: LB, pi: 2, c: POSB, lo: POSB, hi: POSB, r0: POSB, r1: POSB, a: TB, i: KB, m: KB, ng: 2, ms: 2 },
  ['sg', 'b', 'l'],
  [],
  [
    set('lo', mul(R('b'), R('l'))),
    set('hi', min(WP, add(R('lo'), R('l')))),
    loop('pi', 0, 2, [
      set('ng', ne(R('pi'), R('sg'))),
      loop('c', cond(gt(add(R('lo'), 1), BETA), sub(add(R('lo'), 1), BETA), 0), min(R('hi'), W), [
        set('r0', cond(gt(R('lo'), R('c')), sub(R('lo'), R('c')), 0)),
        set('r1', cond(gt(R('hi'), R('c')), min(BETA, sub(R('hi'), R('c'))), 0)),
        when(lt(R('r0'), R('r1')), [
          set('a', pow2(sub(add(R('c'), R('r0')), R('lo')))),
          when(
            not(K2),
            [arg(pileId(0, R('c'), R('pi')), R('ng'), R('a'))],
            [
              when(
                eq(R('r0'), 0),
                [
                  loop('i', 0, n, [arg(pileId(R('i'), R('c'), R('pi')), R('ng'), R('a'))]),
                  when(lt(R('r1'), BETA), [
                    loop('m', 1, add(div(n, pow2(R('r1'))), 1), [arg(geId(R('pi'), R('c'), mul(R('m'), pow2(R('r1')))), not(R('ng')), mul(R('a'), pow2(R('r1'))))]),
                  ]),
                ],
                [
                  loop('m', 1, add(div(n, pow2(R('r0'))), 1), [
                    set('ms', and(lt(R('r1'), BETA), eq(mod(R('m'), pow2(sub(R('r1'), R('r0')))), 0))),
                    arg(
                      geId(R('pi'), R('c'), mul(R('m'), pow2(R('r0')))),
                      cond(R('ms'), not(R('ng')), R('ng')),
                      cond(R('ms'), mul(R('a'), sub(pow2(sub(R('r1'), R('r0'))), 1)), R('a')),
                    ),
                  ]),
                ],
              ),
            ],
          ),
        ]),
      ]),
    ]),
  ],
);

/** fisPrBits(sg, b, l): the sum's bits in block b with their weights ±2^(pos − bℓ). */
const prbitsProc = proc('fisPrBits', { sg: 2, b: NBB, l: LB, pi: 2, c: POSB, rr: POSB, lo: POSB, hi: POSB }, ['sg', 'b', 'l'], [], [
  set('lo', mul(R('b'), R('l'))),
  set('hi', min(WP, add(R('lo'), R('l')))),
  loop('pi', 0, 2, [
    loop('c', cond(gt(add(R('lo'), 1), BETA), sub(add(R('lo'), 1), BETA), 0), min(R('hi'), W), [
      loop('rr', 0, BETA, [
        when(and(ge(add(R('c'), R('rr')), R('lo')), lt(add(R('c'), R('rr')), R('hi'))), [
          arg(cbitId(R('pi'), R('c'), R('rr')), ne(R('pi'), R('sg')), pow2(sub(add(R('c'), R('rr')), R('lo')))),
        ]),
      ]),
    ]),
  ]),
]);

/** fisPrT(sg, fa, l, g) → g: all T gates of an adder. */
const prtProc = proc('fisPrT', { sg: 2, fa: IDB, l: LB, g: IDB, b: NBB, m: CB, H: SB, dg: TB, vc: SB, tc: CB, m1: CB, m2: CB }, ['sg', 'fa', 'l', 'g'], ['g'], [
  loop('b', 0, NB, [
    call('fisBS', [R('b'), R('l')], ['H', 'dg', 'vc', 'tc', 'm1', 'm2']),
    loop('m', R('m1'), R('m2'), [gateS(R('g'), mul(add(R('m'), 1), U), R('vc')), call('fisPrF', [R('sg'), R('b'), R('l')]), inc('g')]),
  ]),
]);

/** fisPrE(sg, b, t, l, fa, g): the gate E(b, t) with id g. */
const preProc = proc('fisPrE', { sg: 2, b: NBB, t: TB, l: LB, fa: IDB, g: IDB, ...esDecl, o: IDB, m: CB }, ['sg', 'b', 't', 'l', 'fa', 'g'], [], [
  call('fisES', [R('b'), R('l')], [...esRegs]),
  gateS(R('g'), add(R('t'), mul(U, R('m1'))), add(R('vc'), R('m1p'))),
  call('fisPrBits', [R('sg'), R('b'), R('l')]),
  call('fisTS', [R('b'), R('l')], ['o']),
  loop('m', 0, R('lv'), [arg(add(add(R('fa'), R('o')), R('m')), 1, U)]),
  when(gt(R('b'), 0), [call('fisTS', [sub(R('b'), 1), R('l')], ['o']), loop('m', 0, R('lvp'), [arg(add(add(R('fa'), R('o')), R('m')), 0, 1)])]),
]);

/** fisPrChain(fr, bk, l, fa): the arguments of the chain G_fr, P_m − G_m (fr < m < bk). */
const prchainProc = proc('fisPrChain', { fr: NBB, bk: NBB, l: LB, fa: IDB, m: NBB, kd: 4, id: IDB }, ['fr', 'bk', 'l', 'fa'], [], [
  call('fisLE', [R('fr'), U, R('l'), R('fa'), 0, 0], ['kd', 'id']),
  when(eq(R('kd'), 2), [arg(R('id'))]),
  loop('m', add(R('fr'), 1), R('bk'), [
    call('fisLE', [R('m'), sub(U, 1), R('l'), R('fa'), 0, 0], ['kd', 'id']),
    when(eq(R('kd'), 2), [arg(R('id'))]),
    call('fisLE', [R('m'), U, R('l'), R('fa'), 0, 0], ['kd', 'id']),
    when(eq(R('kd'), 2), [arg(R('id'), 1, 1)]),
  ]),
]);

const rtRegs = ['kd', 'id', 'wn', 'wa'] as const;
/** fisRT(bk, j, x, l, fa, cb, nc) → kd, id, wn, wa: term x of sum bit j's form (T_b, T_(b−1), carries, A gates, E(bk, mQ)). */
const rtProc = proc(
  'fisRT',
  { bk: NBB, j: LB, x: SB, l: LB, fa: IDB, cb: IDB, nc: NBB, kd: 4, id: IDB, wn: 2, wa: TB, ...esDecl, o: IDB, y: SB },
  ['bk', 'j', 'x', 'l', 'fa', 'cb', 'nc'],
  [...rtRegs],
  [
    call('fisES', [R('bk'), R('l')], [...esRegs]),
    set('kd', 0),
    set('id', 0),
    set('y', R('x')),
    set('wn', 1),
    set('wa', U),
    when(
      lt(R('y'), R('tc')),
      [set('kd', cond(lt(R('y'), R('m1')), 1, cond(lt(R('y'), add(R('m1'), R('lv'))), 2, 0))), call('fisTS', [R('bk'), R('l')], ['o']), set('id', add(add(R('fa'), R('o')), sub(R('y'), R('m1'))))],
      [
        set('y', sub(R('y'), R('tc'))),
        set('wn', 0),
        set('wa', 1),
        when(
          lt(R('y'), R('tcp')),
          [
            set('kd', cond(lt(R('y'), R('m1p')), 1, cond(lt(R('y'), add(R('m1p'), R('lvp'))), 2, 0))),
            call('fisTS', [sub(R('bk'), 1), R('l')], ['o']),
            set('id', add(add(R('fa'), R('o')), sub(R('y'), R('m1p')))),
          ],
          [
            set('y', sub(R('y'), R('tcp'))),
            when(
              lt(R('y'), R('bk')),
              [call('fisLC', [R('y'), R('bk'), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id'])],
              [
                set('y', sub(R('y'), R('bk'))),
                set('wn', 1),
                set('wa', pow2(add(R('j'), 1))),
                when(
                  lt(R('y'), R('bk')),
                  [call('fisLA', [R('j'), R('y'), R('bk'), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id'])],
                  [set('y', sub(R('y'), R('bk'))), call('fisLE', [R('bk'), mul(add(R('y'), 1), pow2(add(R('j'), 1))), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id'])],
                ),
              ],
            ),
          ],
        ),
      ],
    ),
  ],
);

/** fisPrR(bk, j, l, fa, cb, nc): the merged non-bit arguments of sum bit j of block bk. */
const prrProc = proc(
  'fisPrR',
  { bk: NBB, j: LB, l: LB, fa: IDB, cb: IDB, nc: NBB, ln: SB, x: SB, y: SB, ...esDecl, kd: 4, id: IDB, wn: 2, wa: TB, k2: 4, i2: IDB, wn2: 2, wa2: TB, dup: 2, sp: SB, sn: SB },
  ['bk', 'j', 'l', 'fa', 'cb', 'nc'],
  [],
  [
    call('fisES', [R('bk'), R('l')], [...esRegs]),
    set('ln', add(add(add(R('tc'), R('tcp')), mul(2, R('bk'))), div(add(R('dM'), 1), pow2(add(R('j'), 1))))),
    loop('x', 0, R('ln'), [
      call('fisRT', [R('bk'), R('j'), R('x'), R('l'), R('fa'), R('cb'), R('nc')], ['kd', 'id', 'wn', 'wa']),
      when(eq(R('kd'), 2), [
        set('dup', 0),
        loop('y', 0, R('x'), [
          call('fisRT', [R('bk'), R('j'), R('y'), R('l'), R('fa'), R('cb'), R('nc')], ['k2', 'i2', 'wn2', 'wa2']),
          when(and(eq(R('k2'), 2), eq(R('i2'), R('id'))), [set('dup', 1)]),
        ]),
        when(not(R('dup')), [
          set('sp', cond(R('wn'), 0, R('wa'))),
          set('sn', cond(R('wn'), R('wa'), 0)),
          loop('y', add(R('x'), 1), R('ln'), [
            call('fisRT', [R('bk'), R('j'), R('y'), R('l'), R('fa'), R('cb'), R('nc')], ['k2', 'i2', 'wn2', 'wa2']),
            when(and(eq(R('k2'), 2), eq(R('i2'), R('id'))), [when(R('wn2'), [inc('sn', R('wa2'))], [inc('sp', R('wa2'))])]),
          ]),
          when(ne(R('sp'), R('sn')), [arg(R('id'), lt(R('sp'), R('sn')), cond(ge(R('sp'), R('sn')), sub(R('sp'), R('sn')), sub(R('sn'), R('sp'))))]),
        ]),
      ]),
    ]),
  ],
);

/** fisPrSec(sg, bk, l, fa, g) → g: block bk's section: carries, the other E gates, then per bit the A gates and the sum bit. */
const prsecProc = proc(
  'fisPrSec',
  {
    sg: 2, bk: NBB, l: LB, fa: IDB, g: IDB, cb: IDB, nc: NBB, fr: NBB, kd: 4, t: TB, j: LB, m: TB, id: IDB,
    ...chainDecl, ...onesDecl, ...esDecl, x: 4, cp2: SB, cn2: SB, ct: NBB, cl: NBB, na: NBB,
  },
  ['sg', 'bk', 'l', 'fa', 'g'],
  ['g'],
  [
    set('cb', R('g')),
    set('nc', 0),
    loop('fr', 0, R('bk'), [
      call('fisCarry', [R('fr'), R('bk'), R('l')], ['kd', 'eb', 'et']),
      when(eq(R('kd'), 2), [
        call('fisChain', [R('fr'), R('bk'), R('l')], [...chainRegs]),
        gateS(R('g'), add(sub(R('bk'), R('fr')), R('cN')), R('cP')),
        call('fisPrChain', [R('fr'), R('bk'), R('l'), R('fa')]),
        inc('g'),
        inc('nc'),
      ]),
    ]),
    call('fisCS', [R('bk'), R('l')], ['ct', 'cl', 'na']),
    call('fisES', [R('bk'), R('l')], [...esRegs]),
    loop('t', 1, add(R('dM'), 1), [
      when(and(and(ne(R('t'), U), ne(R('t'), sub(U, 1))), eq(eKind(R('t')), 2)), [call('fisPrE', [R('sg'), R('bk'), R('t'), R('l'), R('fa'), R('g')]), inc('g')]),
    ]),
    loop('j', 0, bitsHere(R('bk')), [
      set('cp2', R('m1p')),
      set('cn2', mul(U, R('m1'))),
      loop('fr', 0, R('bk'), [
        call('fisA', [R('j'), R('fr'), R('bk'), R('l')], ['kd', 'eb', 'et']),
        when(eq(R('kd'), 1), [inc('cn2', pow2(add(R('j'), 1)))]),
        when(eq(R('kd'), 2), [
          call('fisChain', [R('fr'), R('bk'), R('l')], [...chainRegs]),
          call('fisOnes', [R('bk'), R('j'), R('l')], [...onesRegs]),
          gateS(R('g'), add(add(sub(R('bk'), R('fr')), 1), add(R('cN'), R('oN'))), add(R('cP'), R('oP'))),
          call('fisPrChain', [R('fr'), R('bk'), R('l'), R('fa')]),
          loop('m', 1, add(div(add(R('dM'), 1), pow2(add(R('j'), 1))), 1), [
            call('fisLE', [R('bk'), sub(mul(R('m'), pow2(add(R('j'), 1))), 1), R('l'), R('fa'), R('cb'), R('nc')], ['x', 'id']),
            when(eq(R('x'), 2), [arg(R('id'))]),
            call('fisLE', [R('bk'), mul(R('m'), pow2(add(R('j'), 1))), R('l'), R('fa'), R('cb'), R('nc')], ['x', 'id']),
            when(eq(R('x'), 2), [arg(R('id'), 1, 1)]),
          ]),
          inc('g'),
        ]),
        call('fisCarry', [R('fr'), R('bk'), R('l')], ['kd', 'eb', 'et']),
        when(eq(R('kd'), 1), [inc('cp2')]),
      ]),
      loop('m', 1, add(div(add(R('dM'), 1), pow2(add(R('j'), 1))), 1), [when(eq(eKind(mul(R('m'), pow2(add(R('j'), 1)))), 1), [inc('cn2', pow2(add(R('j'), 1)))])]),
      call('fisRJ', [R('bk'), R('j'), R('l'), R('ct'), R('cl')], ['na', 'kd']),
      when(eq(R('kd'), 2), [
        gateS(R('g'), add(pow2(R('j')), R('cn2')), add(R('vc'), R('cp2'))),
        call('fisPrBits', [R('sg'), R('bk'), R('l')]),
        call('fisPrR', [R('bk'), R('j'), R('l'), R('fa'), R('cb'), R('nc')]),
        inc('g'),
      ]),
    ]),
  ],
);

/** fisPrAdder(sg, l, g) → g: the whole block adder (z for sg = 0, −z for sg = 1), starting at id g. */
const pradderProc = proc('fisPrAdder', { sg: 2, l: LB, g: IDB, fa: IDB, b: NBB, kd: 4 }, ['sg', 'l', 'g'], ['g'], [
  set('fa', R('g')),
  call('fisPrT', [R('sg'), R('fa'), R('l'), R('g')], ['g']),
  loop('b', 0, NB, [call('fisE', [R('b'), U, R('l')], ['kd']), when(eq(R('kd'), 2), [call('fisPrE', [R('sg'), R('b'), U, R('l'), R('fa'), R('g')]), inc('g')])]),
  loop('b', 0, NB, [call('fisE', [R('b'), sub(U, 1), R('l')], ['kd']), when(eq(R('kd'), 2), [call('fisPrE', [R('sg'), R('b'), sub(U, 1), R('l'), R('fa'), R('g')]), inc('g')])]),
  loop('b', 0, NB, [call('fisPrSec', [R('sg'), R('b'), R('l'), R('fa'), R('g')], ['g'])]),
]);

// ---------------------------------------------------------------------------------------------
// the first stages, the truncation and the encoding
// ---------------------------------------------------------------------------------------------

/** fisPrAlign(): inputs, alignment selectors and piles, column counts (ids 0 … FA0 − 1). */
const pralignProc = proc(
  'fisPrAlign',
  { g: IDB, i: KB, s: add(S, 1), va: add(M, 2), vn: 2, on: POSB, j: POSB, rr: POSB, c: POSB, pi: 2, x: KB, t: KB },
  [],
  [],
  [
    loop('g', 0, mul(n, P), [gate(R('g'), GateKind.Input, 0, R('g'))]),
    set('g', mul(n, P)),
    loop('i', 0, n, [
      loop('s', 0, S, [
        set('vn', lt(R('s'), M)),
        set('va', cond(R('vn'), sub(M, R('s')), sub(R('s'), M))),
        set('on', R('vn')),
        loop('rr', 0, sub(QQ, 1), [inc('on', bit(R('va'), R('rr')))]),
        loop('j', 0, sub(QQ, 1), [
          gate(R('g'), GateKind.Ge, 0, add(R('on'), 1)),
          loop('rr', 0, sub(QQ, 1), [arg(add(add(mul(R('i'), P), QQ), R('rr')), not(bit(R('va'), R('rr'))), 1)]),
          when(ne(R('va'), 0), [arg(add(mul(R('i'), P), sub(P, 1)), not(R('vn')), 1)]),
          arg(add(mul(R('i'), P), R('j'))),
          inc('g'),
        ]),
      ]),
      loop('c', 0, W, [
        loop('pi', 0, 2, [
          gate(R('g'), GateKind.Ge, 0, add(R('pi'), 1)),
          loop('j', cond(gt(R('c'), mul(2, M)), sub(R('c'), mul(2, M)), 0), add(min(sub(QQ, 2), R('c')), 1), [arg(selId(R('i'), sub(R('c'), R('j')), R('j')))]),
          arg(add(mul(R('i'), P), sub(QQ, 1)), not(R('pi')), 1),
          inc('g'),
        ]),
      ]),
    ]),
    when(K2, [
      loop('pi', 0, 2, [
        loop('c', 0, W, [
          loop('x', 1, add(div(n, 2), 1), [gate(R('g'), GateKind.Ge, 0, mul(2, R('x'))), loop('i', 0, n, [arg(pileId(R('i'), R('c'), R('pi')))]), inc('g')]),
          loop('j', 0, sub(BETA, 1), [
            gate(R('g'), GateKind.Ge, 0, pow2(R('j'))),
            loop('i', 0, n, [arg(pileId(R('i'), R('c'), R('pi')))]),
            loop('t', 1, add(div(n, pow2(add(R('j'), 1))), 1), [arg(geId(R('pi'), R('c'), mul(R('t'), pow2(add(R('j'), 1)))), 1, pow2(add(R('j'), 1)))]),
            inc('g'),
          ]),
        ]),
      ]),
    ]),
  ],
);

/**
 * fisPrMags(u0, u1, l, fa, ng): the arguments sum bit u of the adder at fa, u0 ≤ u < u1, weight
 * −1 if ng else 1 (one section count, then block by block: ids advance with the running offset).
 */
const prmagsProc = proc(
  'fisPrMags',
  { u0: POSB, u1: POSB, l: LB, fa: IDB, ng: 2, cb: IDB, bk: NBB, j: LB, nc: NBB, ne: TB, off: IDB, na: NBB, x: 4, ct: NBB, cl: NBB },
  ['u0', 'u1', 'l', 'fa', 'ng'],
  [],
  [
    when(lt(R('u0'), R('u1')), [
      call('fisSS', [div(R('u0'), R('l')), R('l'), R('fa')], ['cb']),
      loop('bk', div(R('u0'), R('l')), add(div(sub(R('u1'), 1), R('l')), 1), [
        call('fisSecJ', [R('bk'), 0, R('l')], ['nc', 'ne', 'off']),
        call('fisCS', [R('bk'), R('l')], ['ct', 'cl', 'nc']),
        loop('j', 0, bitsHere(R('bk')), [
          call('fisRJ', [R('bk'), R('j'), R('l'), R('ct'), R('cl')], ['na', 'x']),
          when(and(ge(add(mul(R('bk'), R('l')), R('j')), R('u0')), lt(add(mul(R('bk'), R('l')), R('j')), R('u1'))), [arg(add(add(R('cb'), R('off')), R('na')), R('ng'), 1)]),
          inc('off', add(R('na'), eq(R('x'), 2))),
        ]),
        inc('cb', R('off')),
      ]),
    ]),
  ],
);

/** fisPrTrunc(l, fa0, fa1, sid, g) → g: truncation and encoding (the two branches, the mantissa ORs, the exponent). */
const prtruncProc = proc(
  'fisPrTrunc',
  { l: LB, fa0: IDB, fa1: IDB, fa: IDB, sid: IDB, g: IDB, sg: 2, t: POSB, j: POSB, u: POSB, bb: IDB, rr: POSB, i: POSB, en: IDB },
  ['l', 'fa0', 'fa1', 'sid', 'g'],
  ['g'],
  [
    loop('sg', 0, 2, [
      set('fa', cond(R('sg'), R('fa1'), R('fa0'))),
      loop('t', TLO, add(THI, 1), [
        gate(R('g'), GateKind.Ge, 0, add(1, R('sg'))),
        call('fisPrMags', [R('t'), add(R('t'), 1), R('l'), R('fa'), 0]),
        call('fisPrMags', [add(R('t'), 1), WM, R('l'), R('fa'), 1]),
        arg(R('sid'), not(R('sg')), 1),
        inc('g'),
        loop('j', 0, sub(QQ, 2), [
          gate(R('g'), GateKind.Ge, 0, add(2, R('sg'))),
          call('fisPrMags', [R('t'), add(R('t'), 1), R('l'), R('fa'), 0]),
          call('fisPrMags', [add(sub(R('t'), sub(QQ, 2)), R('j')), add(add(sub(R('t'), sub(QQ, 2)), R('j')), 1), R('l'), R('fa'), 0]),
          call('fisPrMags', [add(R('t'), 1), WM, R('l'), R('fa'), 1]),
          arg(R('sid'), not(R('sg')), 1),
          inc('g'),
        ]),
      ]),
      loop('j', 0, sub(QQ, 1), [
        gate(R('g'), GateKind.Ge, 0, add(1, R('sg'))),
        call('fisPrMags', [R('j'), add(R('j'), 1), R('l'), R('fa'), 0]),
        call('fisPrMags', [sub(QQ, 1), WM, R('l'), R('fa'), 1]),
        arg(R('sid'), not(R('sg')), 1),
        inc('g'),
      ]),
      loop('u', add(THI, 1), WM, [
        gate(R('g'), GateKind.Ge, 0, add(1, R('sg'))),
        call('fisPrMags', [R('u'), add(R('u'), 1), R('l'), R('fa'), 0]),
        arg(R('sid'), not(R('sg')), 1),
        inc('g'),
      ]),
    ]),
    // mantissa ORs: branch gates are at bb = g₀ + sg·BG: leading/mantissa terms (q − 1 per t), small (q − 1), saturation
    set('bb', sub(R('g'), mul(2, BG))),
    loop('j', 0, sub(QQ, 1), [
      gate(R('g'), GateKind.Or, 0, 0),
      loop('sg', 0, 2, [
        arg(add(add(R('bb'), mul(R('sg'), BG)), add(mul(mul(2, M), sub(QQ, 1)), R('j')))),
        loop('i', 0, mul(2, M), [arg(add(add(R('bb'), mul(R('sg'), BG)), add(mul(R('i'), sub(QQ, 1)), cond(eq(R('j'), sub(QQ, 2)), 0, add(R('j'), 1)))))]),
        loop('u', 0, NSAT, [arg(add(add(R('bb'), mul(R('sg'), BG)), add(add(mul(mul(2, M), sub(QQ, 1)), sub(QQ, 1)), R('u'))))]),
      ]),
      inc('g'),
    ]),
    // encoding: |z| small (per branch), exponent negative (per branch), exponent magnitude ORs, its sign OR
    set('en', R('g')),
    loop('sg', 0, 2, [
      set('fa', cond(R('sg'), R('fa1'), R('fa0'))),
      gate(R('g'), GateKind.Ge, 0, R('sg')),
      call('fisPrMags', [sub(QQ, 1), WM, R('l'), R('fa'), 1]),
      arg(R('sid'), not(R('sg')), 1),
      inc('g'),
    ]),
    loop('sg', 0, 2, [
      set('fa', cond(R('sg'), R('fa1'), R('fa0'))),
      gate(R('g'), GateKind.Ge, 0, R('sg')),
      call('fisPrMags', [sub(add(M, QQ), 2), WM, R('l'), R('fa'), 1]),
      arg(R('sid'), not(R('sg')), 1),
      inc('g'),
    ]),
    loop('rr', 0, sub(QQ, 1), [
      gate(R('g'), GateKind.Or, 0, 0),
      arg(R('en')),
      arg(add(R('en'), 1)),
      loop('sg', 0, 2, [
        loop('i', 0, mul(2, M), [
          when(bit(cond(ge(add(R('i'), 1), M), sub(add(R('i'), 1), M), sub(M, add(R('i'), 1))), R('rr')), [arg(add(add(R('bb'), mul(R('sg'), BG)), mul(R('i'), sub(QQ, 1))))]),
        ]),
        loop('u', 0, NSAT, [arg(add(add(R('bb'), mul(R('sg'), BG)), add(add(mul(mul(2, M), sub(QQ, 1)), sub(QQ, 1)), R('u'))))]),
      ]),
      inc('g'),
    ]),
    gate(R('g'), GateKind.Or, 0, 0),
    arg(add(R('en'), 2)),
    arg(add(R('en'), 3)),
    inc('g'),
  ],
);

/**
 * fisLayoutCore() → l, fa0, fa1, tr: block width, the two adders' first ids, the truncation's
 * first id (the adders have the same gates: their fold decisions do not depend on the sign).
 */
const layoutCoreProc = proc('fisLayoutCore', { l: LB, fa0: IDB, fa1: IDB, tr: IDB }, [], ['l', 'fa0', 'fa1', 'tr'], [
  call('fisEll', [], ['l']),
  set('fa0', FA0),
  call('fisSS', [NB, R('l'), R('fa0')], ['fa1']),
  set('tr', sub(mul(2, R('fa1')), R('fa0'))),
]);

/** fisLayout() → l, fa0, fa1, tr, sid: {@link FIS_LAYOUT}, the core layout and the sign bit's id. */
const layoutProc = proc('fisLayout', { l: LB, fa0: IDB, fa1: IDB, tr: IDB, sid: IDB, kd: 4 }, [], ['l', 'fa0', 'fa1', 'tr', 'sid'], [
  call('fisLayoutCore', [], ['l', 'fa0', 'fa1', 'tr']),
  call('fisLR', [sub(WP, 1), R('l'), R('fa0')], ['kd', 'sid']),
]);

/** The id of output t given the layout registers. */
const outputIdOf = (t: E): Expr => {
  const en = add(R('tr'), add(mul(2, BG), sub(QQ, 1)));
  return cond(
    lt(t, sub(QQ, 1)),
    add(add(R('tr'), mul(2, BG)), t),
    cond(eq(t, sub(QQ, 1)), R('sid'), cond(lt(t, sub(mul(2, QQ), 1)), add(add(en, 4), sub(t, QQ)), add(add(en, 4), sub(QQ, 1)))),
  );
};

const entryProc = proc(FIS_ENTRY, { l: LB, fa0: IDB, fa1: IDB, tr: IDB, sid: IDB, g: IDB, t: add(P, 1) }, [], [], [
  call('fisPrAlign', []),
  call('fisLayout', [], ['l', 'fa0', 'fa1', 'tr', 'sid']),
  call('fisPrAdder', [0, R('l'), R('fa0')], ['g']),
  call('fisPrAdder', [1, R('l'), R('g')], ['g']),
  call('fisPrTrunc', [R('l'), R('fa0'), R('fa1'), R('sid'), R('g')], ['g']),
  loop('t', 0, P, [emit('out', outputIdOf(R('t')))]),
]);

const sizeProc = proc(FIS_SIZE, { l: LB, fa0: IDB, fa1: IDB, tr: IDB, s: IDB }, [], ['s'], [
  call('fisLayoutCore', [], ['l', 'fa0', 'fa1', 'tr']),
  set('s', add(add(R('tr'), add(mul(2, BG), sub(QQ, 1))), add(4, QQ))),
]);

const outputProc = proc(FIS_OUTPUT_ID, { t: add(P, 1), g: IDB, l: LB, fa0: IDB, fa1: IDB, tr: IDB, sid: IDB, kd: 4 }, ['t'], ['g'], [
  call('fisLayoutCore', [], ['l', 'fa0', 'fa1', 'tr']),
  set('sid', 0),
  when(eq(R('t'), sub(QQ, 1)), [call('fisLR', [sub(WP, 1), R('l'), R('fa0')], ['kd', 'sid'])]),
  set('g', outputIdOf(R('t'))),
]);

/**
 * The procs of the printer (every name starts with `fis`): {@link FIS_ENTRY}, {@link FIS_SIZE},
 * {@link FIS_OUTPUT_ID} and their helpers. They read the parameters n (summands) and p only.
 * @category constructors
 */
export const floatIteratedSumProcs = (): readonly Proc[] => [
  costProc,
  ellProc,
  hProc,
  bsProc,
  esProc,
  gpkProc,
  eProc,
  tsProc,
  gpProc,
  leProc,
  chainProc,
  carryProc,
  onesProc,
  aProc,
  csProc,
  rjProc,
  secjProc,
  ssProc,
  lcProc,
  laProc,
  lrProc,
  prfProc,
  prbitsProc,
  prtProc,
  preProc,
  prchainProc,
  rtProc,
  prrProc,
  prsecProc,
  pradderProc,
  pralignProc,
  prmagsProc,
  prtruncProc,
  layoutCoreProc,
  layoutProc,
  entryProc,
  sizeProc,
  outputProc,
];

/**
 * The printer for embedding, in the `SumPrinter` shape of `transformerToTc0.ts`: `entry`
 * prints the records of `floatIteratedSum(n, p).circuit` (inputs included, ids from 0, then
 * the `out` records), `size` returns its gate count, `outputId` (t) the id of output t.
 * @category constructors
 */
export const floatIteratedSumPrinter = (): {
  readonly procs: readonly Proc[];
  readonly entry: string;
  readonly size: string;
  readonly outputId: string;
  readonly tapes: readonly string[];
} => ({ procs: floatIteratedSumProcs(), entry: FIS_ENTRY, size: FIS_SIZE, outputId: FIS_OUTPUT_ID, tapes: [] });

/**
 * The printer of `floatIteratedSum(n, p)`: n summands of precision p (parameter `p`, even,
 * 4 ≤ p ≤ 32), as a stand-alone program (entry {@link FIS_ENTRY}).
 * @category constructors
 */
export const floatIteratedSumGenerator = (): Program => program({ main: FIS_ENTRY, tags: GATE_STREAM_TAGS, params: ['p'] }, floatIteratedSumProcs());

/**
 * For printers that embed many copies of ⊕ (`transformerToTc0.ts`): the proc computing the
 * layout once ({@link FIS_LAYOUT}: no arguments, results l, fa0, fa1, tr, sid) and the id of
 * output t as an expression of the registers named `tr` and `sid` holding the last two of
 * them ({@link fisOutputIdOf}) — what {@link FIS_OUTPUT_ID} computes, without re-running the
 * layout for every output.
 * @category constructors
 */
export const FIS_LAYOUT = 'fisLayout';

/** The id of output t from the registers `tr` and `sid` ({@link FIS_LAYOUT}'s 4th and 5th results). @category constructors */
export const fisOutputIdOf = (t: E): Expr => outputIdOf(t);
