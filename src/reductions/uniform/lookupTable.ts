/**
 * # A log-space printer of the lookup-table circuit (P1 Lemma 2)
 *
 * A program of the space-metered machine (`src/core/logspace`) that prints, record by record,
 * exactly the circuit `lookupTableCircuit` builds for f: {0,1}^k → {0,1}^m (P1 Lemma 1),
 * keeping only a few counters.
 *
 * ## Main definitions
 * - {@link lookupTableGenerator}: the program, for f given as an expression `bit(x, j)` (bit j of
 *   f(x)); by default {@link tableBit} reads f's table from the read-only tape `f`.
 * - {@link lookupTableGeneratorInput}: the run input (n, k, m and the table) for a {@link TruthTable}.
 * - {@link lookupTableCircuitAllTerms}, {@link lookupTableGeneratorAllTerms}: the variant of
 *   Lemma 1 that keeps one AND per x ∈ {0,1}^k (the circuit P1's size count 2^k + k + m
 *   describes: the term of x is gate 2k + x), and its printer, which needs no rank counter:
 *   x, j, i and 4 control bits, k + ⌈log₂ m⌉ + ⌈log₂ k⌉ + 4 bits — P1 Lemma 2's
 *   c·log₂ n + log₂ m + O(1).
 *
 * ## Main results
 * Registers (widths at k = ⌈c·log₂ n⌉ table inputs, m outputs): x < 2^k (k bits), the rank
 * counter t ≤ 2^k (k + 1 bits), j, j′ < m (⌈log₂ m⌉ bits each), i < k (⌈log₂ k⌉ bits), the flag
 * nz (1 bit); one frame, control bits ⌈log₂(8 + 1)⌉ = 4. Work bits:
 * 2k + 2⌈log₂ m⌉ + ⌈log₂ k⌉ + 6 ≤ 2c·log₂ n + 2⌈log₂ m⌉ + ⌈log₂ k⌉ + 8.
 *
 * ## Implementation notes
 * - The printer walks the gates in the builder's order: k inputs, k NOTs, one AND per x with
 *   f(x) ≠ 0^m (x ascending) over the literals x_i or ¬x_i, one OR per output bit j over the
 *   terms whose bit j is 1, then the outputs.
 * - Lemma 1's circuit drops the terms with f(x) = 0^m, so the id of x's term is 2k + the rank
 *   of x among the nonzero rows: a second counter t of k + 1 bits, beside x. P1 Lemma 2 states
 *   c·log₂ n + log₂ m + O(1) bits: that count holds for the variant that keeps all 2^k terms (the
 *   term of x is gate 2k + x, no rank needed); for the library's circuit, the leading
 *   coefficient is 2c. The literal index i costs ⌈log₂ k⌉ bits, which a Turing machine gets
 *   for free as a head position on its work tape (≤ 5 bits since k ≤ 20).
 * - Nothing is stored between rows: whether f(x) ≠ 0^m is recomputed whenever needed
 *   (time, not space).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemmas 1 and 2, Def 5.
 *
 * @module
 */
import { GateKind, createBuilder, type Circuit } from '../../core/circuit.js';
import {
  add,
  brk,
  cond,
  emit,
  loop,
  mul,
  param,
  pow2,
  proc,
  program,
  r,
  read,
  set,
  when,
  bit as bitOf,
  max,
  type E,
  type Expr,
  type Program,
  type RunInput,
  GATE_STREAM_TAGS,
} from '../../core/logspace/index.js';
import type { TruthTable } from '../lookupTable.js';

/** Bit j of f(x), as an expression over the program's registers, parameters and tapes. @category model */
export type FBit = (x: Expr, j: Expr) => Expr;

/** f read from its table on the tape `f`: bit j of f(x) is cell x·m + j. @category constructors */
export const tableBit: FBit = (x, j) => read('f', add(mul(x, param('m')), j));

/**
 * The printer of P1 Lemma 1's circuit for f (parameters k and m; tape `f` when `bit` is the
 * default {@link tableBit}). Prints the records of `src/core/logspace/gateStream.ts`.
 * @category constructors
 */
export const lookupTableGenerator = (bit: FBit = tableBit, tapes: readonly string[] = ['f']): Program => {
  const k = param('k');
  const m = param('m');
  const x = r('x');
  const t = r('t');
  const j = r('j');
  const i = r('i');
  const gate = (id: E, kind: number): ReturnType<typeof emit> => emit('gate', id, kind, 0, 0);
  // nz := [f(x) ≠ 0^m]
  const nonzero = [set('nz', 0), loop('j2', 0, m, [when(bit(x, r('j2')), [set('nz', 1), brk])])];
  const terms = (body: Parameters<typeof when>[1]) => [set('t', 0), loop('x', 0, pow2(k), [...nonzero, when(r('nz'), [...body, set('t', add(t, 1))])])];
  const twoK = mul(2, k);
  return program({ main: 'main', tags: GATE_STREAM_TAGS, params: ['k', 'm'], tapes }, [
    proc('main', { x: pow2(k), t: add(pow2(k), 1), j: max(m, 1), j2: max(m, 1), i: max(k, 1), nz: 2 }, [], [], [
      loop('i', 0, k, [emit('gate', i, GateKind.Input, 0, i)]),
      loop('i', 0, k, [gate(add(k, i), GateKind.Not), emit('arg', i, 0, 1)]),
      ...terms([gate(add(twoK, t), GateKind.And), loop('i', 0, k, [emit('arg', cond(bitOf(x, i), i, add(k, i)), 0, 1)])]),
      loop('j', 0, m, [
        ...terms([]),
        gate(add(add(twoK, t), j), GateKind.Or),
        ...terms([when(bit(x, j), [emit('arg', add(twoK, t), 0, 1)])]),
      ]),
      ...terms([]),
      loop('j', 0, m, [emit('out', add(add(twoK, t), j))]),
    ]),
  ]);
};

/** The run input of {@link lookupTableGenerator} for a table f at input length n. @category constructors */
export const lookupTableGeneratorInput = (n: number, f: TruthTable): RunInput => ({ n, params: { k: f.k, m: f.m }, tapes: { f: f.bits } });

/**
 * P1 Lemma 1's circuit with every term kept: k NOTs, one AND per x ∈ {0,1}^k (x ascending), one
 * OR per output bit j over the terms of the x with bit j of f(x) = 1. Size exactly 2^k + k + m.
 * @category constructors
 */
export const lookupTableCircuitAllTerms = (f: TruthTable): Circuit => {
  const b = createBuilder();
  const xs = b.inputs(f.k);
  const nots = xs.map((x) => b.not(x));
  const terms = Array.from({ length: 2 ** f.k }, (_, x) => b.and(xs.map((xi, i) => (Math.floor(x / 2 ** i) % 2 === 1 ? xi : nots[i]!))));
  const outs = Array.from({ length: f.m }, (_, j) => b.or(terms.filter((_, x) => f.bits[x * f.m + j] === 1)));
  return b.build(outs);
};

/**
 * The printer of {@link lookupTableCircuitAllTerms}: registers x < 2^k, j < m, i < k.
 * @category constructors
 */
export const lookupTableGeneratorAllTerms = (bit: FBit = tableBit, tapes: readonly string[] = ['f']): Program => {
  const k = param('k');
  const m = param('m');
  const [x, j, i] = [r('x'), r('j'), r('i')];
  const twoK = mul(2, k);
  return program({ main: 'main', tags: GATE_STREAM_TAGS, params: ['k', 'm'], tapes }, [
    proc('main', { x: pow2(k), j: max(m, 1), i: max(k, 1) }, [], [], [
      loop('i', 0, k, [emit('gate', i, GateKind.Input, 0, i)]),
      loop('i', 0, k, [emit('gate', add(k, i), GateKind.Not, 0, 0), emit('arg', i, 0, 1)]),
      loop('x', 0, pow2(k), [emit('gate', add(twoK, x), GateKind.And, 0, 0), loop('i', 0, k, [emit('arg', cond(bitOf(x, i), i, add(k, i)), 0, 1)])]),
      loop('j', 0, m, [
        emit('gate', add(add(twoK, pow2(k)), j), GateKind.Or, 0, 0),
        loop('x', 0, pow2(k), [when(bit(x, j), [emit('arg', add(twoK, x), 0, 1)])]),
      ]),
      loop('j', 0, m, [emit('out', add(add(twoK, pow2(k)), j))]),
    ]),
  ]);
};
