/**
 * # A log-space printer of the iterated-addition circuit
 *
 * A program of the space-metered machine (`src/core/logspace`) that prints, record by record,
 * the circuit `iteratedAddition`(n, w) builds (`src/reductions/arithmetic/iteratedAddition.ts`,
 * via `columnSumGadget` of `gadgets.ts`), keeping only counters and gate ids (O(log n) bits each,
 * a constant number of them).
 *
 * ## Main definitions
 * - {@link iteratedAdditionGenerator}: the program (parameter `w`; n is the number of summands).
 *
 * ## Main results
 * The printer follows the builder's order stage by stage; every gate id it needs is a formula
 * of n, w and its counters, or a sum computed by a loop:
 * 1. *Inputs*: number i, bit p is gate i·w + p.
 * 2. *Column counts* (n ≥ 3): column q < w is counted by ⌊n/2⌋ gates θ≥k (k even, id
 *    c_A(q) + k/2 − 1) then L − 1 bit gates (id c_A(q) + ⌊n/2⌋ + j), with L = ⌊log₂ n⌋ + 1,
 *    c_A(q) = n·w + q·(⌊n/2⌋ + L − 1); the top bit is θ≥2^(L−1). Column p then holds bit p − q
 *    of the counts of columns q ∈ [p − L + 1, p] ∩ [0, w − 1]: height h_A(p), at most h = min(L, w).
 * 3. *Block sums* (h ≥ 3): blocks of ℓ = ⌈log₂ h⌉ columns; block q_b's weighted count
 *    S = Σ h_A(p)·2^(p − q_b) is recomputed by a loop whenever needed, and a block's first gate
 *    id by summing the gate counts ⌊S/2⌋ + keep − [keep = bitlength(S)] of the blocks before it.
 * 4. *Carry-lookahead* on the two remaining rows (`sparseAdd` with `fits`): in round i the
 *    AND terms j = i − 1, i − 2, … (stopping below a dead position), the propagate OR of
 *    position i − 1 made just before the first term j < i − 1 (the first use of that
 *    propagate), then the carry OR. The id of a propagate is the first id of its round + 1,
 *    a round's first id a sum over the rounds before it; then one sum gate per position with a
 *    carry out, an OR at the top, and a shared `const 0` for bits that are identically 0.
 *
 * ## Implementation notes
 * Time is traded for space throughout: a gate id is recomputed by loops every time it is
 * printed (nothing is memoized), which is polynomial but slow; the lemma's sweep keeps n·w small.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 2 and Def 5; the construction's references are in
 *   `src/reductions/arithmetic/iteratedAddition.ts`.
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import {
  GATE_STREAM_TAGS,
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
  log2ceil,
  loop,
  lt,
  max,
  min,
  mul,
  n,
  ne,
  not,
  or,
  param,
  pow2,
  proc,
  program,
  r,
  set,
  sub,
  when,
  type E,
  type Expr,
  type Program,
  type Stmt,
} from '../../core/logspace/index.js';

const w = param('w');
const W = add(w, log2ceil(n));
const Lb = log2ceil(add(n, 1)); // bit length of n
const half = div(n, 2);
const GA = sub(add(half, Lb), 1);
const stageA = ge(n, 3);
const hp = cond(stageA, min(Lb, w), n);
const stageB = ge(hp, 3);
const ell = max(log2ceil(hp), 1);
const EA = add(mul(n, w), cond(stageA, mul(w, GA), 0));
const cA = (q: E): Expr => add(mul(n, w), mul(q, GA));
const lo = (p: E): Expr => cond(ge(add(p, 1), Lb), sub(add(p, 1), Lb), 0);
const hi = (p: E): Expr => min(p, sub(w, 1));
/** Height of column p after the column counts. */
const hA = (p: E): Expr => cond(ge(p, W), 0, cond(stageA, cond(le(lo(p), hi(p)), add(sub(hi(p), lo(p)), 1), 0), cond(lt(p, w), n, 0)));
/** Bit j of the count of column q. */
const aBit = (q: E, j: E): Expr => cond(eq(j, sub(Lb, 1)), sub(add(cA(q), pow2(sub(Lb, 2))), 1), add(add(cA(q), half), j));
/** Entry e of column p after the column counts. */
const colA = (p: E, e: E): Expr => cond(stageA, aBit(add(lo(p), e), sub(p, add(lo(p), e))), add(mul(e, w), p));
const bitLen = (s: E): Expr => log2ceil(add(s, 1));
const keepOf = (s: E, qb: E): Expr => min(bitLen(s), sub(W, qb));
/** Gates of a non-binary block of weighted count S at q_b. */
const blockGates = (s: E, qb: E): Expr => sub(add(div(s, 2), keepOf(s, qb)), eq(keepOf(s, qb), bitLen(s)));
/** Bit j of a block's count whose first gate is c. */
const bBit = (c: E, s: E, j: E): Expr => cond(eq(j, sub(bitLen(s), 1)), sub(add(c, pow2(sub(bitLen(s), 2))), 1), add(add(c, div(s, 2)), j));

const gate = (id: E, kind: number, threshold: E = 0): Stmt => emit('gate', id, kind, 0, threshold);
const arg = (a: E, neg: E = 0, abs: E = 1): Stmt => emit('arg', a, neg, abs);
const inc = (reg: string): Stmt => set(reg, add(r(reg), 1));

/**
 * Bounds on the printed circuit for {@link "reductions/uniform/evaluate"!uniformEvaluator | uniformEvaluator}:
 * gate ids < (W + 1)(3n + W² + 4W + 8) + n·w + 1, fan-in ≤ 2n + 2W² + 4, |threshold| ≤ n + 4W² + 4,
 * |weight| ≤ 2n + 4W² + 4, W = w + ⌈log₂ n⌉ (gate count as in the construction's header; block
 * sums S < h·2^ℓ ≤ 2h² ≤ 2W²). The machine refuses any value that exceeds them.
 * @category model
 */
export const iteratedAdditionCircuitBounds = {
  gates: add(add(mul(add(W, 1), add(mul(3, n), add(mul(W, W), add(mul(4, W), 8)))), mul(n, w)), 1),
  fanIn: add(mul(2, n), add(mul(2, mul(W, W)), 4)),
  param: add(n, add(mul(4, mul(W, W)), 4)),
  weight: add(mul(2, n), add(mul(4, mul(W, W)), 4)),
} as const;

/**
 * The printer of `iteratedAddition`(n, w): n summands of w bits (parameter `w`).
 * @category constructors
 */
export const iteratedAdditionGenerator = (): Program => {
  const posB = add(add(W, mul(2, ell)), 2);
  const idB = iteratedAdditionCircuitBounds.gates;
  const sB = add(mul(2, mul(W, W)), add(n, 4));
  const [p, e, qb, t, i, j, l, s, c] = ['p', 'e', 'qb', 't', 'i', 'j', 'l', 's', 'c'].map(r) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr];
  // blk(qb) → S, bin: the block's weighted count and whether it is binary (every column ≤ 1 bit)
  const blk = proc('blk', { qb: posB, S: sB, bin: 2, p: posB }, ['qb'], ['S', 'bin'], [
    set('S', 0),
    set('bin', 1),
    loop('p', qb, min(add(qb, ell), W), [set('S', add(r('S'), mul(hA(p), pow2(sub(p, qb))))), when(gt(hA(p), 1), [set('bin', 0)])]),
  ]);
  // blkBase(qb) → c: the first gate id of block qb
  const blkBase = proc('blkBase', { qb: posB, c: idB, t: posB, S: sB, bin: 2 }, ['qb'], ['c'], [
    set('c', EA),
    loop('t', 0, div(qb, ell), [call('blk', [mul(t, ell)], ['S', 'bin']), when(not(r('bin')), [set('c', add(c, blockGates(r('S'), mul(t, ell))))])]),
  ]);
  // entry(p, e) → pr, id: entry e (0: row A, 1: row B) of column p before the adder
  const entry = proc(
    'entry',
    { p: posB, e: 2, pr: 2, id: idB, q: posB, S1: sB, b1: 2, c1: idB, S2: sB, b2: 2, c2: idB, ph: 2, oh: 2 },
    ['p', 'e'],
    ['pr', 'id'],
    [
      set('pr', 0),
      set('id', 0),
      when(
        not(stageB),
        [when(lt(e, hA(p)), [set('pr', 1), set('id', colA(p, e))])],
        [
          when(lt(p, W), [
            set('q', mul(div(p, ell), ell)),
            set('ph', 0),
            when(ge(r('q'), ell), [
              call('blk', [sub(r('q'), ell)], ['S1', 'b1']),
              when(and(not(r('b1')), lt(sub(p, sub(r('q'), ell)), keepOf(r('S1'), sub(r('q'), ell)))), [
                set('ph', 1),
                call('blkBase', [sub(r('q'), ell)], ['c1']),
              ]),
            ]),
            call('blk', [r('q')], ['S2', 'b2']),
            set('oh', cond(r('b2'), hA(p), lt(sub(p, r('q')), keepOf(r('S2'), r('q'))))),
            when(and(r('oh'), not(r('b2'))), [call('blkBase', [r('q')], ['c2'])]),
            // the entries are [prev block's bit if ph] ++ [own bit if oh]
            when(eq(e, 0), [
              when(r('ph'), [set('pr', 1), set('id', bBit(r('c1'), r('S1'), sub(p, sub(r('q'), ell))))], [
                when(r('oh'), [set('pr', 1), set('id', cond(r('b2'), colA(p, 0), bBit(r('c2'), r('S2'), sub(p, r('q')))))]),
              ]),
            ]),
            when(and(eq(e, 1), and(r('ph'), r('oh'))), [set('pr', 1), set('id', cond(r('b2'), colA(p, 0), bBit(r('c2'), r('S2'), sub(p, r('q')))))]),
          ]),
        ],
      ),
    ],
  );
  const pres = proc('pres', { p: posB, e: 2, pr: 2, id: idB }, ['p', 'e'], ['pr'], [call('entry', [p, e], ['pr', 'id'])]);
  // iter(i) → nv, pn: the number of AND terms of round i, and whether round i makes the propagate of i − 1
  const iter = proc('iter', { i: posB, t: posB, nv: posB, pn: 2, lv: 2, bo: 2, bi: 2 }, ['i'], ['nv', 'pn'], [
    set('nv', 0),
    set('pn', 0),
    call('pres', [sub(i, 1), 1], ['bi']),
    loop('t', 0, i, [
      when(gt(t, 0), [call('pres', [sub(i, t), 0], ['lv']), when(not(r('lv')), [brk])]),
      call('pres', [sub(sub(i, 1), t), 1], ['bo']),
      when(r('bo'), [inc('nv'), when(gt(t, 0), [set('pn', r('bi'))])]),
    ]),
  ]);
  const adderBase = proc('adderBase', { c: idB }, [], ['c'], [set('c', EA), when(stageB, [call('blkBase', [mul(div(add(W, sub(ell, 1)), ell), ell)], ['c'])])]);
  // start(i) → s: the first gate id of round i of the adder
  const start = proc('start', { i: posB, s: idB, i2: posB, nv: posB, pn: 2 }, ['i'], ['s'], [
    call('adderBase', [], ['s']),
    loop('i2', 1, i, [call('iter', [r('i2')], ['nv', 'pn']), set('s', add(s, add(add(r('nv'), r('pn')), ge(r('nv'), 2))))]),
  ]);
  // propId(l) → id: the propagate of position l (an OR made in round l + 1, or the single bit)
  const propId = proc('propId', { l: posB, id: idB, bo: 2, pr: 2 }, ['l'], ['id'], [
    call('pres', [l, 1], ['bo']),
    when(r('bo'), [call('start', [add(l, 1)], ['id']), set('id', add(r('id'), 1))], [call('entry', [l, 0], ['pr', 'id'])]),
  ]);
  // carry(i) → pr, id: the carry into position i
  const carry = proc('carry', { i: posB, pr: 2, id: idB, nv: posB, pn: 2 }, ['i'], ['pr', 'id'], [
    set('pr', 0),
    set('id', 0),
    when(and(gt(i, 0), lt(i, W)), [
      call('iter', [i], ['nv', 'pn']),
      when(gt(r('nv'), 0), [
        set('pr', 1),
        call('start', [i], ['id']),
        set('id', add(r('id'), cond(eq(r('nv'), 1), r('pn'), add(r('nv'), r('pn'))))),
      ]),
    ]),
  ]);
  // sumBit(i) → kind (0: a new gate, 1: an existing gate `id`, 2: the const 0), id, and the args
  const sumInfo = proc(
    'sumInfo',
    { i: posB, pa: 2, ia: idB, pb: 2, ib: idB, pc: 2, ic: idB, pd: 2, id: idB, cnt: 4, k: 3, one: idB },
    ['i'],
    ['k', 'one', 'pa', 'ia', 'pb', 'ib', 'pc', 'ic', 'pd', 'id', 'cnt'],
    [
      call('entry', [i, 0], ['pa', 'ia']),
      call('entry', [i, 1], ['pb', 'ib']),
      call('carry', [i], ['pc', 'ic']),
      call('carry', [add(i, 1)], ['pd', 'id']),
      set('cnt', add(add(r('pa'), r('pb')), r('pc'))),
      set('k', cond(or(r('pd'), ge(r('cnt'), 2)), 0, cond(eq(r('cnt'), 1), 1, 2))),
      set('one', cond(r('pa'), r('ia'), cond(r('pb'), r('ib'), r('ic')))),
    ],
  );

  const sumRegs = ['k', 'one', 'pa', 'ia', 'pb', 'ib', 'pc', 'ic', 'pd', 'id', 'cnt'];
  const main = proc(
    'main',
    {
      g: idB, i: idB, j: posB, q: posB, k2: sB, m: sB, p: posB, e: posB, t: posB, l: posB, cB: idB, S: sB, bin: 2,
      st: idB, nv: posB, pn: 2, first: 2, bo: 2, lv: 2, bi: 2, x: idB, y: idB, pr: 2, id2: idB, pid: idB,
      k: 3, one: idB, pa: 2, ia: idB, pb: 2, ib: idB, pc: 2, ic: idB, pd: 2, id: idB, cnt: 4, nul: 2, cz: idB, sg: idB,
    },
    [],
    [],
    [
      // 1. inputs
      loop('i', 0, mul(n, w), [emit('gate', i, GateKind.Input, 0, i)]),
      set('g', mul(n, w)),
      // 2. column counts
      when(stageA, [
        loop('q', 0, w, [
          loop('k2', 1, add(half, 1), [gate(r('g'), GateKind.Ge, mul(2, r('k2'))), loop('i', 0, n, [arg(add(mul(i, w), r('q')))]), inc('g')]),
          loop('j', 0, sub(Lb, 1), [
            gate(r('g'), GateKind.Ge, pow2(j)),
            loop('i', 0, n, [arg(add(mul(i, w), r('q')))]),
            loop('m', 1, add(div(n, pow2(add(j, 1))), 1), [arg(sub(add(cA(r('q')), mul(r('m'), pow2(j))), 1), 1, pow2(add(j, 1)))]),
            inc('g'),
          ]),
        ]),
      ]),
      // 3. block sums
      when(stageB, [
        loop('t', 0, div(add(W, sub(ell, 1)), ell), [
          call('blk', [mul(t, ell)], ['S', 'bin']),
          when(not(r('bin')), [
            set('cB', r('g')),
            loop('k2', 1, add(div(r('S'), 2), 1), [
              gate(r('g'), GateKind.Ge, mul(2, r('k2'))),
              loop('p', mul(t, ell), min(add(mul(t, ell), ell), W), [loop('e', 0, hA(p), [arg(colA(p, e), 0, pow2(sub(p, mul(t, ell))))])]),
              inc('g'),
            ]),
            loop('j', 0, keepOf(r('S'), mul(t, ell)), [
              when(ne(j, sub(bitLen(r('S')), 1)), [
                gate(r('g'), GateKind.Ge, pow2(j)),
                loop('p', mul(t, ell), min(add(mul(t, ell), ell), W), [loop('e', 0, hA(p), [arg(colA(p, e), 0, pow2(sub(p, mul(t, ell))))])]),
                loop('m', 1, add(div(r('S'), pow2(add(j, 1))), 1), [arg(sub(add(r('cB'), mul(r('m'), pow2(j))), 1), 1, pow2(add(j, 1)))]),
                inc('g'),
              ]),
            ]),
          ]),
        ]),
      ]),
      // 4. carry-lookahead rounds i = 1 … W − 1
      loop('i', 1, W, [
        set('st', r('g')),
        set('nv', 0),
        set('pn', 0),
        set('first', 1),
        call('pres', [sub(i, 1), 1], ['bi']),
        loop('t', 0, i, [
          when(gt(t, 0), [call('pres', [sub(i, t), 0], ['lv']), when(not(r('lv')), [brk])]),
          set('j', sub(sub(i, 1), t)),
          call('pres', [j, 1], ['bo']),
          when(r('bo'), [
            when(and(and(gt(t, 0), r('first')), r('bi')), [
              call('entry', [sub(i, 1), 0], ['pr', 'x']),
              call('entry', [sub(i, 1), 1], ['pr', 'y']),
              gate(r('g'), GateKind.Or),
              arg(r('x')),
              arg(r('y')),
              set('pn', 1),
              inc('g'),
            ]),
            when(gt(t, 0), [set('first', 0)]),
            call('entry', [j, 0], ['pr', 'x']),
            call('entry', [j, 1], ['pr', 'y']),
            gate(r('g'), GateKind.And),
            arg(r('x')),
            arg(r('y')),
            loop('l', add(j, 1), i, [call('propId', [l], ['pid']), arg(r('pid'))]),
            inc('g'),
            inc('nv'),
          ]),
        ]),
        when(ge(r('nv'), 2), [
          gate(r('g'), GateKind.Or),
          loop('id2', r('st'), r('g'), [when(not(and(r('pn'), eq(r('id2'), add(r('st'), 1)))), [arg(r('id2'))])]),
          inc('g'),
        ]),
      ]),
      // sum bits, then the shared const 0
      set('sg', r('g')),
      set('nul', 0),
      loop('i', 0, W, [
        call('sumInfo', [i], sumRegs),
        when(eq(r('k'), 0), [
          when(r('pd'), [gate(r('g'), GateKind.Ge, 1)], [gate(r('g'), GateKind.Or)]),
          when(r('pa'), [arg(r('ia'))]),
          when(r('pb'), [arg(r('ib'))]),
          when(r('pc'), [arg(r('ic'))]),
          when(r('pd'), [arg(r('id'), 1, 2)]),
          inc('g'),
        ]),
        when(eq(r('k'), 2), [set('nul', 1)]),
      ]),
      set('cz', r('g')),
      when(r('nul'), [gate(r('g'), GateKind.Const, 0), inc('g')]),
      // outputs
      loop('i', 0, W, [
        call('sumInfo', [i], sumRegs),
        when(eq(r('k'), 0), [emit('out', r('sg')), inc('sg')]),
        when(eq(r('k'), 1), [emit('out', r('one'))]),
        when(eq(r('k'), 2), [emit('out', r('cz'))]),
      ]),
    ],
  );
  return program({ main: 'main', tags: GATE_STREAM_TAGS, params: ['w'] }, [blk, blkBase, entry, pres, iter, adderBase, start, propId, carry, sumInfo, main]);
};
