import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { createBuilder, toGateSpecs, type Circuit, type GateSpec } from '../src/core/circuit.js';
import { gateDepths, metrics } from '../src/core/metrics.js';
import { expandWeights } from '../src/reductions/expandWeights.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';

// ---------------------------------------------------------------------------------------------
// An independent reference: the object-per-gate form (toGateSpecs), depth by memoized DFS from
// the outputs, everything else by counting.
// ---------------------------------------------------------------------------------------------

interface Ref {
  readonly inputs: number;
  readonly outputs: number;
  readonly size: number;
  readonly depth: number;
  readonly wires: number;
  readonly maxFanIn: number;
  readonly maxWeight: number;
  readonly maxThreshold: number;
  readonly gates: Record<string, number>;
}

const argsOfSpec = (g: GateSpec): readonly number[] => ('args' in g ? g.args : []);

const reference = (c: Circuit): Ref => {
  const gates = toGateSpecs(c);
  const memo = new Map<number, number>();
  const depthOf = (i: number): number => {
    const have = memo.get(i);
    if (have !== undefined) return have;
    const g = gates[i]!;
    const d = g.type === 'input' || g.type === 'const' ? 0 : 1 + Math.max(0, ...argsOfSpec(g).map(depthOf));
    memo.set(i, d);
    return d;
  };
  const counts: Record<string, number> = { input: 0, const: 0, not: 0, and: 0, or: 0, ge: 0, le: 0 };
  for (const g of gates) counts[g.type]! += 1;
  const allWeights = gates.flatMap((g) =>
    g.type === 'ge' || g.type === 'le' ? (g.weights ?? g.args.map(() => 1)) : argsOfSpec(g).map(() => 1),
  );
  return {
    inputs: gates.filter((g) => g.type === 'input').length,
    outputs: c.outputs.length,
    size: gates.filter((g) => g.type !== 'input').length,
    depth: Math.max(0, ...Array.from(c.outputs, depthOf)),
    wires: allWeights.length,
    maxFanIn: Math.max(0, ...gates.map((g) => argsOfSpec(g).length)),
    maxWeight: Math.max(0, ...allWeights.map(Math.abs)),
    maxThreshold: Math.max(0, ...gates.map((g) => (g.type === 'ge' || g.type === 'le' ? Math.abs(g.k) : 0))),
    gates: counts,
  };
};

const kernelFigures = (c: Circuit): Ref => {
  const m = metrics(c);
  return {
    inputs: m.inputs,
    outputs: m.outputs,
    size: m.size,
    depth: m.depth,
    wires: m.wires,
    maxFanIn: m.maxFanIn,
    maxWeight: m.maxWeight,
    maxThreshold: m.maxThreshold,
    gates: { ...m.gates },
  };
};

/** The figures of the expanded circuit (expandWeights), the definition of the P1 figures. */
const expanded = (c: Circuit): { depthP1: number; sizeP1: number; wiresP1: number } => {
  const e = expandWeights(c);
  if (isLeft(e)) throw new Error(e.left);
  const m = metrics(e.right);
  return { depthP1: m.depth, sizeP1: m.size, wiresP1: m.wires };
};
const p1 = (c: Circuit): { depthP1: number; sizeP1: number; wiresP1: number } => {
  const m = metrics(c);
  return { depthP1: m.depthP1, sizeP1: m.sizeP1, wiresP1: m.wiresP1 };
};

// ---------------------------------------------------------------------------------------------
// Hand-built circuits with their figures
// ---------------------------------------------------------------------------------------------

describe('metrics: depth', () => {
  it('counts NOT gates on the path: x → ¬ → ¬ → ¬ has depth 3', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const c = b.build([b.not(b.not(b.not(x!)))]);
    expect(metrics(c).depth).toBe(3);
    expect(Array.from(gateDepths(c))).toEqual([0, 1, 2, 3]);
  });

  it('follows the last argument when it is the deepest', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const deep = b.and([b.or([x!, y!])]); // depth 2
    const c = b.build([b.and([x!, y!, deep])]);
    expect(metrics(c).depth).toBe(3);
    // and the first argument
    const b2 = createBuilder();
    const [u, v] = b2.inputs(2);
    const deep2 = b2.and([b2.or([u!, v!])]);
    expect(metrics(b2.build([b2.or([deep2, u!, v!])])).depth).toBe(3);
  });

  it('follows the last argument of a threshold gate and of the last gate', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const n = b.not(b.not(y!)); // depth 2
    const c = b.build([b.ge([x!, y!, n], 2, [1, -1, 3])]);
    expect(metrics(c).depth).toBe(3);
  });

  it('ends at the last output when it is the deepest, and at the first', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const shallow = b.and([x!, y!]);
    const deep = b.not(b.not(b.not(shallow)));
    expect(metrics(b.build([x!, shallow, deep])).depth).toBe(4);
    expect(metrics(b.build([deep, shallow, x!])).depth).toBe(4);
    expect(metrics(b.build([shallow, x!])).depth).toBe(1);
    expect(metrics(b.build([y!])).depth).toBe(0);
  });

  it('is measured at the outputs only: a deep gate that is not an output does not count', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const out = b.not(x!);
    b.not(b.not(b.not(out)));
    expect(metrics(b.build([out])).depth).toBe(1);
  });

  it('const gates have depth 0, gates over them 1, and gates without arguments 1', () => {
    const b = createBuilder();
    const one = b.constant(1);
    const zero = b.constant(0);
    const a = b.and([one, zero]);
    const e = b.or([]);
    const t = b.ge([], 0);
    expect(metrics(b.build([one])).depth).toBe(0);
    expect(metrics(b.build([zero, one])).depth).toBe(0);
    expect(metrics(b.build([a])).depth).toBe(1);
    expect(metrics(b.build([b.not(a)])).depth).toBe(2);
    expect(metrics(b.build([e, t])).depth).toBe(1);
    expect(Array.from(gateDepths(b.build([a])))).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it('input gates placed after other gates still have depth 0', () => {
    const b = createBuilder();
    const one = b.constant(1);
    const n = b.not(one);
    const x = b.input();
    const c = b.build([b.and([x, n]), x]);
    expect(metrics(c).depth).toBe(2);
    expect(Array.from(gateDepths(c))).toEqual([0, 1, 0, 2]);
  });
});

describe('metrics: size, wires and gate counts', () => {
  it('size counts NOT and const gates, not inputs', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const k = b.constant(0);
    const n = b.not(x!);
    const c = b.build([b.or([n, k, y!])]);
    const m = metrics(c);
    expect(m.size).toBe(3);
    expect(m.inputs).toBe(2);
    expect(m.outputs).toBe(1);
    expect(m.wires).toBe(4);
    expect(m.gates).toEqual({ input: 2, const: 1, not: 1, and: 0, or: 1, ge: 0, le: 0 });
  });

  it('size of a circuit that is only NOT gates and constants', () => {
    const b = createBuilder();
    const x = b.input();
    const c = b.build([b.not(x), b.constant(1), b.constant(0), b.not(b.constant(1))]);
    expect(metrics(c).size).toBe(5);
    expect(metrics(c).gates).toEqual({ input: 1, const: 3, not: 2, and: 0, or: 0, ge: 0, le: 0 });
  });

  it('counts every kind, repeated outputs, and the last gate', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const g = b.ge([x!, y!, z!], 2);
    const l = b.le([x!, g], 1);
    const a = b.and([l, g]);
    const o = b.or([a, x!]);
    const c = b.build([o, o, l]);
    const m = metrics(c);
    expect(m.gates).toEqual({ input: 3, const: 0, not: 0, and: 1, or: 1, ge: 1, le: 1 });
    expect(m.outputs).toBe(3);
    expect(m.size).toBe(4);
    expect(m.wires).toBe(9);
  });
});

describe('metrics: maxFanIn, maxThreshold, maxWeight', () => {
  it('maxFanIn on the last gate, and on the first non-input gate', () => {
    const b = createBuilder();
    const xs = b.inputs(5);
    const g1 = b.and([xs[0]!, xs[1]!]);
    const g2 = b.or([xs[2]!, xs[3]!, xs[4]!]);
    expect(metrics(b.build([b.and([g1, g2, xs[0]!, xs[1]!, xs[2]!])])).maxFanIn).toBe(5);
    const b2 = createBuilder();
    const ys = b2.inputs(4);
    const first = b2.or([ys[0]!, ys[1]!, ys[2]!, ys[3]!]);
    expect(metrics(b2.build([b2.not(first)])).maxFanIn).toBe(4);
    // a circuit of inputs only
    expect(metrics(b2.build([ys[0]!])).maxFanIn).toBe(4);
    const b3 = createBuilder();
    expect(metrics(b3.build([b3.input()])).maxFanIn).toBe(0);
  });

  it('maxThreshold: the largest |k|, negative k included, on the last gate', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const g = b.ge([x!, y!, z!], 2);
    const c = b.build([b.le([g, x!, y!], -4, [1, 1, 1])]);
    expect(metrics(c).maxThreshold).toBe(4);
    const b2 = createBuilder();
    const [u, v] = b2.inputs(2);
    const l = b2.le([u!, v!], 3);
    expect(metrics(b2.build([b2.ge([l, u!], -2)])).maxThreshold).toBe(3);
    expect(metrics(b2.build([b2.ge([l, u!], 1), b2.ge([u!], 2)])).maxThreshold).toBe(3);
    // not a threshold: AND/OR/NOT params are not thresholds, and no threshold gives 0
    const b3 = createBuilder();
    const [p] = b3.inputs(1);
    expect(metrics(b3.build([b3.not(p!)])).maxThreshold).toBe(0);
    expect(metrics(b3.build([b3.constant(1)])).maxThreshold).toBe(0);
  });

  it('maxThreshold of the last gate when it is a θ≥k', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const l = b.le([x!, y!], 1);
    expect(metrics(b.build([b.ge([l, y!, z!], 3)])).maxThreshold).toBe(3);
    expect(metrics(b.build([b.ge([l, y!, z!], -3)])).maxThreshold).toBe(3);
  });

  it('maxWeight: the largest |w|, on the last wire, negative', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const g = b.ge([x!, y!], 1, [2, 3]);
    const c = b.build([b.ge([g, z!, x!], 0, [1, 2, -7])]);
    expect(metrics(c).maxWeight).toBe(7);
    expect(metrics(c).maxThreshold).toBe(1);
  });

  it('maxWeight: on the first wire', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const g = b.le([x!, y!], 0, [-6, 1]);
    expect(metrics(b.build([b.and([g, x!])])).maxWeight).toBe(6);
  });

  it('maxWeight is 1 for an unweighted circuit with wires, 0 without wires', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(metrics(b.build([b.and([x!, y!])])).maxWeight).toBe(1);
    const b2 = createBuilder();
    expect(metrics(b2.build([b2.input()])).maxWeight).toBe(0);
    expect(metrics(b2.build([b2.and([])])).maxWeight).toBe(0);
  });

  it('maxWeight of a weighted circuit whose weights are all 0', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(metrics(b.build([b.ge([x!, y!], 0, [0, 0])])).maxWeight).toBe(0);
  });
});

describe('metrics: refuses invalid circuits', () => {
  it('throws a RangeError naming the rule and path', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const c = b.build([b.not(x!)]);
    expect(() => metrics({ ...c, outputs: Uint32Array.of(2) })).toThrow(RangeError);
    expect(() => metrics({ ...c, outputs: Uint32Array.of(2) })).toThrow(
      'metrics: validateCircuit: at outputs[0]: 2 is not a gate id < 2',
    );
    expect(() => metrics({ ...c, kind: Uint8Array.of(0, 9) })).toThrow(/^metrics: validateCircuit: at kind\[1\]/);
    expect(() => metrics(b.build([]))).toThrow(/at least one output/);
  });
});

// ---------------------------------------------------------------------------------------------
// P1's basis
// ---------------------------------------------------------------------------------------------

describe('metrics: the figures in P1’s basis, by hand', () => {
  it('equal the kernel figures for an unweighted circuit without constants, k in range', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const g = b.ge([x!, y!, z!], 2);
    const c = b.build([b.or([b.not(g), b.le([x!, g], 1)])]);
    const m = metrics(c);
    expect([m.depth, m.size, m.wires]).toEqual([3, 4, 8]);
    expect(p1(c)).toEqual({ depthP1: 3, sizeP1: 4, wiresP1: 8 });
  });

  it('a negative weight: one NOT on the path, k raised, |w| wires (2x − y ≥ 1 → θ≥2(x, x, ¬y))', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 1, [2, -1])]);
    expect(metrics(c)).toMatchObject({ depth: 1, size: 1, wires: 2 });
    expect(p1(c)).toEqual({ depthP1: 2, sizeP1: 2, wiresP1: 4 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('a negative weight on the deepest argument, as the last wire (−3·¬¬y): its complement ¬y is already there', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const n = b.not(b.not(y!)); // depth 2
    const c = b.build([b.le([x!, n], 0, [1, -3])]); // x + 3·¬n ≤ 3: in range, m = 4; ¬n is the gate ¬y
    expect(p1(c)).toEqual({ depthP1: 2, sizeP1: 3, wiresP1: 1 + 1 + 4 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('one NOT per negated gate, shared by every threshold that negates it', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const g1 = b.ge([x!, y!], 0, [-1, 1]); // k = 1, m = 2
    const g2 = b.le([x!, y!], 0, [-2, 1]); // k = 2, m = 3
    const c = b.build([g1, g2]);
    // size 2 + 1 NOT; wires 2 + 3 + 1 (the NOT's)
    expect(p1(c)).toEqual({ depthP1: 2, sizeP1: 3, wiresP1: 6 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('a NOT of the circuit and a negated weight on the same gate are two gates', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const n = b.not(x!);
    const c = b.build([b.ge([n, x!, y!], 1, [1, -1, 1])]); // k = 2, m = 3
    expect(p1(c)).toEqual({ depthP1: 2, sizeP1: 3, wiresP1: 1 + 3 + 1 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('a weight 0 drops its argument (and its depth)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const deep = b.not(b.not(x!));
    const c = b.build([b.ge([y!, deep], 1, [1, 0])]);
    expect(metrics(c).depth).toBe(3);
    expect(p1(c)).toEqual({ depthP1: 1, sizeP1: 3, wiresP1: 2 + 1 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('weights > 1 repeat the argument', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.le([x!, y!], 3, [3, 2])]); // m = 5
    expect(p1(c)).toEqual({ depthP1: 1, sizeP1: 1, wiresP1: 5 });
  });

  it('const gates become AND() / OR(): depth 1 in P1’s basis, 0 in the kernel', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const one = b.constant(1);
    const c = b.build([one]);
    expect(metrics(c).depth).toBe(0);
    expect(p1(c)).toEqual({ depthP1: 1, sizeP1: 1, wiresP1: 0 });
    expect(p1(c)).toEqual(expanded(c));
    const c2 = b.build([b.and([x!, one]), b.constant(0)]);
    expect(metrics(c2).depth).toBe(1);
    expect(p1(c2)).toEqual({ depthP1: 2, sizeP1: 3, wiresP1: 2 });
    expect(p1(c2)).toEqual(expanded(c2));
  });

  it('θ≥k with k ≤ 0 or k > m, θ≤k with k < 0 or k ≥ m: constant, depth 1, no wires', () => {
    const cases: readonly [string, number, number, readonly number[] | undefined][] = [
      ['ge', 0, 0, undefined], // k ≤ 0
      ['ge', -1, 0, undefined],
      ['ge', 3, 0, undefined], // k > m = 2
      ['le', 2, 0, undefined], // k ≥ m = 2
      ['le', 3, 0, undefined],
      ['le', -1, 0, undefined], // k < 0
      ['ge', 2, 0, [1, -1]], // k = 3 > m = 2; the complement of ¬¬y is ¬y, no new gate
      ['le', -2, 1, [-1, 1]], // k = −1 < 0, a NOT of x still made
      ['ge', -1, 1, [-1, 1]], // k = 0 ≤ 0
      ['le', 1, 1, [-1, 1]], // k = 2 ≥ m = 2
    ];
    for (const [kind, k, nots, ws] of cases) {
      const b = createBuilder();
      const [x, y] = b.inputs(2);
      const deep = b.not(b.not(y!));
      const args = [x!, deep];
      const c = b.build([kind === 'ge' ? b.ge(args, k, ws) : b.le(args, k, ws)]);
      expect([kind, k, p1(c)]).toEqual([kind, k, { depthP1: 1, sizeP1: 3 + nots, wiresP1: 2 + nots }]);
      expect(p1(c)).toEqual(expanded(c));
    }
  });

  it('the range boundaries that stay thresholds: θ≥1, θ≥m, θ≤0, θ≤m−1', () => {
    for (const [kind, k] of [['ge', 1], ['ge', 2], ['le', 0], ['le', 1]] as const) {
      const b = createBuilder();
      const [x, y] = b.inputs(2);
      const deep = b.not(b.not(y!));
      const c = b.build([kind === 'ge' ? b.ge([x!, deep], k) : b.le([x!, deep], k)]);
      expect(p1(c)).toEqual({ depthP1: 3, sizeP1: 3, wiresP1: 4 });
      expect(p1(c)).toEqual(expanded(c));
    }
  });

  it('a constant threshold on the path cuts the depth below it', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const deep = b.not(b.not(b.not(x!)));
    const t = b.ge([deep], 0); // constant 1 in P1's basis
    const c = b.build([b.and([t, x!])]);
    expect(metrics(c).depth).toBe(5);
    expect(p1(c)).toEqual({ depthP1: 2, sizeP1: 5, wiresP1: 3 + 2 });
    expect(p1(c)).toEqual(expanded(c));
  });

  it('depthP1 is measured at the outputs, the last one included', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const g = b.ge([x!, y!], 1, [1, -1]); // P1 depth 2
    expect(p1(b.build([x!, g])).depthP1).toBe(2);
    expect(p1(b.build([g, x!])).depthP1).toBe(2);
    expect(p1(b.build([x!])).depthP1).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** Random weighted circuits with constants, negative and zero weights, out-of-range thresholds. */
const wildCircuit: fc.Arbitrary<Circuit> = fc
  .tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.array(
      fc.record({
        kind: fc.constantFrom('input', 'const', 'not', 'and', 'or', 'ge', 'le', 'ge', 'le'),
        picks: fc.array(fc.nat(), { maxLength: 6 }),
        weights: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 6, maxLength: 6 }),
        weighted: fc.boolean(),
        k: fc.integer({ min: -40, max: 40 }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  )
  .map(([numInputs, ops, outs]) => {
    const b = createBuilder();
    b.inputs(numInputs);
    for (const op of ops) {
      const n = b.size();
      const args = n === 0 ? [] : op.picks.map((p) => p % n);
      if (op.kind === 'input' || (n === 0 && op.kind === 'not')) b.input();
      else if (op.kind === 'const') b.constant(op.k & 1 ? 1 : 0);
      else if (op.kind === 'not') b.not(args[0] ?? n - 1);
      else if (op.kind === 'and') b.and(args);
      else if (op.kind === 'or') b.or(args);
      else {
        const ws = op.weighted ? op.weights.slice(0, args.length) : undefined;
        const bound = (ws === undefined ? args.length : ws.reduce((a, w) => a + Math.abs(w), 0)) + 1;
        const k = Math.max(-bound, Math.min(bound, op.k));
        if (op.kind === 'ge') b.ge(args, k, ws);
        else b.le(args, k, ws);
      }
    }
    const n = b.size();
    return b.build(outs.map((o) => o % n));
  });

describe('metrics: properties', () => {
  it('equals the recursive reference on random circuits', () => {
    const arb = fc.oneof(
      arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 40 }),
      arbitraryCircuit({ prefix: true, printable: true, maxInputs: 6, maxGates: 40 }),
      wildCircuit,
    );
    fc.assert(
      fc.property(arb, (c) => {
        expect(kernelFigures(c)).toEqual(reference(c));
      }),
      { seed: 42, numRuns: 600 },
    );
  });

  it('depthP1, sizeP1, wiresP1 equal depth, size, wires of expandWeights(c), on random weighted circuits', () => {
    const arb = fc.oneof(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 40 }), wildCircuit);
    let negated = 0;
    let outOfRange = 0;
    let consts = 0;
    let zeros = 0;
    for (const c of fc.sample(arb, { seed: 7, numRuns: 1500 })) {
      expect(p1(c)).toEqual(expanded(c));
      const m = metrics(c);
      expect(m.depthP1).toBeLessThanOrEqual(m.depth + 1);
      expect(m.sizeP1).toBeGreaterThanOrEqual(m.size);
      if (m.sizeP1 > m.size) negated += 1;
      if (m.gates.const > 0) consts += 1;
      if (c.weight !== null && c.weight.some((w) => w === 0)) zeros += 1;
      const specs = toGateSpecs(c);
      if (specs.some((g) => (g.type === 'ge' && g.k <= 0) || (g.type === 'le' && g.k < 0))) outOfRange += 1;
    }
    // the sample exercises every corner case many times over
    expect(Math.min(negated, outOfRange, consts, zeros)).toBeGreaterThan(100);
  });

  it('P1-basis circuits: the P1 figures are the kernel figures unless a θ≥0 or θ≤m is emptied', () => {
    let trivial = 0;
    fc.assert(
      fc.property(arbitraryCircuit({ prefix: true, printable: true, maxInputs: 6, maxGates: 40 }), (c) => {
        const m = metrics(c);
        // expandWeights turns the (always true) θ≥0 and θ≤m into AND(), also when already in P1's basis
        const hasTrivial = toGateSpecs(c).some((g) => (g.type === 'ge' && g.k === 0) || (g.type === 'le' && g.k === g.args.length));
        if (hasTrivial) {
          trivial += 1;
          expect(m.sizeP1).toBe(m.size);
          expect(m.depthP1).toBeLessThanOrEqual(m.depth);
          expect(m.wiresP1).toBeLessThan(m.wires);
        } else expect([m.depthP1, m.sizeP1, m.wiresP1]).toEqual([m.depth, m.size, m.wires]);
        expect(p1(c)).toEqual(expanded(c));
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(trivial).toBeGreaterThan(50);
  });
});
