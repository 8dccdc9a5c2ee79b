/**
 * # Evaluating a uniform circuit in logarithmic space (uniform TC0 ⊆ L)
 *
 * From a generator program (one that prints a circuit as the records of
 * `src/core/logspace/gateStream.ts`), build a program of the same machine that computes the
 * circuit's outputs on an input x (the read-only tape `x`) without ever holding the circuit:
 * to learn a gate's kind and arguments it re-runs the generator and listens to its records.
 *
 * ## Main definitions
 * - {@link uniformEvaluator}: the evaluator program for a generator, given bounds on the
 *   printed circuit (gate ids, fan-in, |parameter|, |weight|) as formulas of n and the parameters.
 * - {@link UNIFORM_VALUE_TAG}: the tag of the evaluator's output records (`value v`, one per
 *   output, in output order).
 *
 * ## Main results
 * The value of gate g is computed by the subprogram `gateValue(g)`: it pipes the generator and,
 * on the `gate` record of g, keeps its kind and parameter; on each `arg a s |w|` record of g, it
 * calls `gateValue(a)` (recursion: the generator's frame stays on the stack meanwhile) and
 * accumulates the count of ones and the positive and negative weighted sums. Recursion depth is
 * the circuit's depth, and each level holds one `gateValue` frame and one generator frame, so
 * work space = (depth + 1)·(evaluator frame + generator frame), both O(log n) when the bounds
 * are polynomial in n and the generator is log-space: O(depth·log n) bits, i.e. O(log n) for
 * a constant-depth family.
 *
 * ## Implementation notes
 * - Semantics are the kernel's (`src/core/evaluate.ts`): input gate p reads x_p, const p is p,
 *   NOT is 1 − its argument, AND/OR over any number of arguments, θ≥k / θ≤k on Σ w·x, with
 *   Σ w·x = pos − neg kept as two naturals (registers hold naturals).
 * - The generator runs to its end each time (no early exit): time is exponential in the depth,
 *   space is not.
 * - The evaluator's subprograms are named `uniformEval` and `gateValue`; the generator's
 *   subprograms must not use these names.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §2 (log-uniform TC0 ⊆ L).
 * - A. Borodin, "On relating time and space to size and depth", SIAM J. Comput. 6(4), 1977;
 *   H. Vollmer, *Introduction to Circuit Complexity*, 1999, §2.7 (uniform NC1 / TC0 ⊆ L by
 *   depth-first evaluation).
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import {
  GATE_STREAM_TAGS,
  add,
  and,
  call,
  cond,
  emit,
  eq,
  ge,
  gt,
  le,
  max,
  mul,
  pipe,
  proc,
  program,
  r,
  read,
  set,
  sub,
  when,
  type E,
  type Program,
} from '../../core/logspace/index.js';

/** The tag of the evaluator's output records. @category model */
export const UNIFORM_VALUE_TAG = 'value';

/** Bounds on the printed circuit, as formulas of n and the generator's parameters. @category model */
export interface UniformCircuitBounds {
  /** Every gate id is < gates. */
  readonly gates: E;
  /** Every gate has at most fanIn arguments. */
  readonly fanIn: E;
  /** Every |parameter| (input index, constant, threshold) is ≤ param. */
  readonly param: E;
  /** Every |weight| is ≤ weight. */
  readonly weight: E;
}

/**
 * The evaluator of the circuit `generator` prints: parameters and tapes of the generator, plus
 * the tape `x` (the circuit's input bits). Prints `value v` per output.
 * @category constructors
 */
export const uniformEvaluator = (generator: Program, bounds: UniformCircuitBounds): Program => {
  if (generator.tags.join(' ') !== GATE_STREAM_TAGS.join(' ')) {
    throw new RangeError(`uniformEvaluator: the generator's tags are '${generator.tags.join(' ')}', not the gate-stream tags '${GATE_STREAM_TAGS.join(' ')}'`);
  }
  if (generator.tapes.includes('x') || generator.procs.some((q) => q.name === 'gateValue' || q.name === 'uniformEval')) {
    throw new RangeError("uniformEvaluator: the generator uses the tape 'x' or a subprogram named 'gateValue' or 'uniformEval'");
  }
  const tagOf = (t: string): number => [...GATE_STREAM_TAGS, UNIFORM_VALUE_TAG].indexOf(t);
  const GATE = tagOf('gate');
  const ARG = tagOf('arg');
  const OUT = tagOf('out');
  const S = bounds.gates;
  const F = add(bounds.fanIn, 1);
  const P = add(bounds.param, 1);
  const W = add(bounds.weight, 1);
  const SUM = add(mul(bounds.fanIn, bounds.weight), 1);
  // the fields of the three records, position by position: gate id kind s |p| / arg a s |w| / out g
  const fieldRegs = { f0: S, f1: 7, f2: max(2, W), f3: P };
  const fields = ['f0', 'f1', 'f2', 'f3'];
  const [pos, neg, pa, ps, ones, cnt] = [r('pos'), r('neg'), r('pa'), r('ps'), r('ones'), r('cnt')];
  // Σ w·x ≥ k  ⇔  pos + (k < 0 ? |k| : 0) ≥ neg + (k ≥ 0 ? |k| : 0)
  const lhs = add(pos, cond(ps, pa, 0));
  const rhs = add(neg, cond(ps, 0, pa));
  const byKind: readonly [number, E][] = [
    [GateKind.Input, read('x', pa)],
    [GateKind.Const, pa],
    [GateKind.Not, sub(1, ones)],
    [GateKind.And, eq(ones, cnt)],
    [GateKind.Or, gt(ones, 0)],
    [GateKind.Ge, ge(lhs, rhs)],
    [GateKind.Le, le(lhs, rhs)],
  ];
  const gateValue = proc(
    'gateValue',
    { g: S, v: 2, tag: 4, ...fieldRegs, cur: 2, kind: 7, ps: 2, pa: P, av: 2, cnt: F, ones: F, pos: SUM, neg: SUM },
    ['g'],
    ['v'],
    [
      pipe(generator.main, [], { tag: 'tag', fields }, [
        when(eq(r('tag'), GATE), [
          set('cur', eq(r('f0'), r('g'))),
          when(r('cur'), [set('kind', r('f1')), set('ps', r('f2')), set('pa', r('f3'))]),
        ]),
        when(and(eq(r('tag'), ARG), r('cur')), [
          call('gateValue', [r('f0')], ['av']),
          set('cnt', add(cnt, 1)),
          set('ones', add(ones, r('av'))),
          when(r('f1'), [set('neg', add(neg, mul(r('f2'), r('av'))))], [set('pos', add(pos, mul(r('f2'), r('av'))))]),
        ]),
      ]),
      ...byKind.map(([k, e]) => when(eq(r('kind'), k), [set('v', e)])),
    ],
  );
  const main = proc('uniformEval', { tag: 4, ...fieldRegs, v: 2 }, [], [], [
    pipe(generator.main, [], { tag: 'tag', fields }, [when(eq(r('tag'), OUT), [call('gateValue', [r('f0')], ['v']), emit(UNIFORM_VALUE_TAG, r('v'))])]),
  ]);
  return program(
    {
      main: 'uniformEval',
      tags: [...GATE_STREAM_TAGS, UNIFORM_VALUE_TAG],
      params: generator.params,
      tapes: [...generator.tapes, 'x'],
    },
    [...generator.procs, gateValue, main],
  );
};
