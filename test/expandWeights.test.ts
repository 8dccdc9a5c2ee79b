import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, GateKind, createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import { parseSerial, printSerial, withOutputsLast } from '../src/core/serialize.js';
import { DUALS, expandWeights, expandWeightsWith } from '../src/reductions/expandWeights.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { renderCircuit } from '../src/cli/circuitOutput.js';
import { findLemma } from '../src/proofs/registry.js';
import { allAssignments, sameFunction } from './serialize.fixtures.js';

/** The first assignment on which two circuits differ (exhaustive, ≤ 10 inputs), or null. */
const firstDifference = (c1: Circuit, c2: Circuit): { input: number[]; want: number[]; got: number[] } | null => {
  for (const x of allAssignments(c1.numInputs)) {
    const want = Array.from(evaluate(c1, x));
    const got = Array.from(evaluate(c2, x));
    if (want.some((v, j) => v !== got[j]) || want.length !== got.length) return { input: x, want, got };
  }
  return null;
};

const weighted = arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 30 });

/**
 * Layered weighted circuits whose thresholds weigh gates (not only inputs) negatively, so that
 * duals of every kind are made: 2–5 inputs, then gates over any earlier gates.
 */
const negatedGates: fc.Arbitrary<Circuit> = fc
  .record({
    inputs: fc.integer({ min: 2, max: 5 }),
    gates: fc.array(
      fc.record({
        kind: fc.constantFrom('ge', 'le', 'ge', 'le', 'and', 'or', 'not', 'const'),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        weights: fc.array(fc.constantFrom(-1, -1, -2, 1, 1, 2, 0), { minLength: 4, maxLength: 4 }),
        k: fc.integer({ min: -1, max: 3 }),
      }),
      { minLength: 2, maxLength: 14 },
    ),
    outputs: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  })
  .map(({ inputs, gates, outputs }) => {
    const b = createBuilder();
    const ids = b.inputs(inputs);
    for (const g of gates) {
      // prefer the latest gates, so that negated arguments are gates more often than inputs
      const args = g.picks.map((p) => ids[ids.length - 1 - (p % Math.min(ids.length, 4))]!);
      const ws = g.weights.slice(0, args.length);
      const total = ws.reduce<number>((t, w) => t + Math.abs(w), 0) + 1;
      const k = Math.max(-total, Math.min(total, g.k)); // the builder's range
      if (g.kind === 'ge') ids.push(b.ge(args, k, ws));
      else if (g.kind === 'le') ids.push(b.le(args, k, ws));
      else if (g.kind === 'and') ids.push(b.and(args));
      else if (g.kind === 'or') ids.push(b.or(args));
      else if (g.kind === 'not') ids.push(b.not(ids[ids.length - 1 - ((g.picks[0] ?? 0) % ids.length)]!));
      else ids.push(b.constant(g.k > 1 ? 1 : 0));
    }
    return b.build(outputs.map((o) => ids[ids.length - 1 - (o % Math.min(ids.length, 3))]!));
  });

describe('expandWeights', () => {
  it('computes the same function and is printable in the P1 §3 format, for random circuits', () => {
    fc.assert(
      fc.property(weighted, (c) => {
        const r = expandWeights(c);
        if (!isRight(r)) return false;
        const m = metrics(r.right);
        return sameFunction(c, r.right) && m.gates.const === 0 && isRight(printSerial(withOutputsLast(r.right)));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('is exhaustively the same function, at most one level deeper, with the figures metrics reports (random weighted circuits)', () => {
    let deeper = 0;
    let duals = 0;
    fc.assert(
      fc.property(fc.oneof(weighted, negatedGates), (c) => {
        const r = expandWeights(c);
        if (!isRight(r)) return false;
        expect(firstDifference(c, r.right)).toBeNull();
        const before = metrics(c);
        const after = metrics(r.right);
        expect(after.depth).toBeLessThanOrEqual(before.depth + 1);
        expect(after.size).toBeLessThanOrEqual(2 * before.size + before.inputs);
        expect([after.depth, after.size, after.wires]).toEqual([before.depthP1, before.sizeP1, before.wiresP1]);
        if (after.depth > before.depth) deeper += 1;
        if (after.size - before.size > after.gates.not - before.gates.not) duals += 1;
        return true;
      }),
      { seed: 7, numRuns: 1000 },
    );
    // the sample exercises both: duals made, and the +1 of a negated input
    expect([deeper > 50, duals > 200]).toEqual([true, true]);
  });

  it('with outputsLast: the outputs are the trailing gates, same function, same depth (unless an output is an input)', () => {
    fc.assert(
      fc.property(fc.oneof(weighted, negatedGates), (c) => {
        const r = expandWeights(c, { outputsLast: true });
        if (!isRight(r)) return false;
        expect(firstDifference(c, r.right)).toBeNull();
        const k = r.right.outputs.length;
        expect(Array.from(r.right.outputs)).toEqual(Array.from({ length: k }, (_, j) => r.right.numGates - k + j));
        const inputOutput = Array.from(c.outputs).some((o) => c.kind[o] === GateKind.Input);
        const d = metrics(r.right).depth;
        if (inputOutput) expect(d).toBeLessThanOrEqual(Math.max(1, metrics(c).depthP1));
        else expect(d).toBe(metrics(c).depthP1);
        return true;
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('rewrites a negative weight on an input as a NOT with k raised', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 1, [2, -1])]);
    const r = expandWeights(c);
    expect(isRight(r) && printSerial(r.right)).toEqual({ _tag: 'Right', right: 'X X NOT &1 >= 110 & & &11' });
  });

  it('complements a negated gate by its dual on the same arguments: no NOT level', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const g = b.ge([x!, y!, z!], 2); // majority
    const a = b.and([x!, y!]);
    const o = b.or([y!, z!]);
    // 3·g − a − o ≥ 1, all three negated arguments are gates of depth 1
    const c = b.build([b.ge([g, a, o, x!], 1, [1, -1, -1, 1])]);
    const r = expandWeights(c);
    if (!isRight(r)) throw new Error(r.left);
    const specs = Array.from({ length: r.right.numGates }, (_, i) => [r.right.kind[i], r.right.param[i]]);
    // θ≥2(x,y,z), AND(x,y), ¬AND = θ≤1(x,y), OR(y,z), ¬OR = θ≤0(y,z), then the output θ≥3
    expect(specs.slice(3)).toEqual([
      [GateKind.Ge, 2],
      [GateKind.And, 0],
      [GateKind.Le, 1],
      [GateKind.Or, 0],
      [GateKind.Le, 0],
      [GateKind.Ge, 3],
    ]);
    expect([metrics(c).depth, metrics(r.right).depth, metrics(c).depthP1]).toEqual([2, 2, 2]);
    expect(firstDifference(c, r.right)).toBeNull();
  });

  it('a negated threshold chain stays at the weighted depth (d layers of −1 weights: d, not 2d)', () => {
    const b = createBuilder();
    const xs = b.inputs(4);
    let layer = [b.ge(xs, 2), b.le(xs, 1)];
    for (let d = 0; d < 6; d++) layer = [b.ge([layer[0]!, layer[1]!], 0, [1, -1]), b.le([layer[0]!, layer[1]!], 0, [-1, 1])];
    const c = b.build(layer);
    expect([metrics(c).depth, metrics(c).depthP1]).toEqual([7, 7]);
    const r = expandWeights(c);
    expect(isRight(r) && metrics(r.right).depth).toBe(7);
    expect(isRight(r) && firstDifference(c, r.right)).toBeNull();
  });

  it('the dual of a threshold whose k is out of range after expansion is the other constant', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const always = b.ge([x!, y!], 0); // θ≥0 = 1
    const never = b.le([x!, y!], -1); // θ≤−1 = 0
    const c = b.build([b.ge([always, never, x!], 0, [-1, -1, 1]), b.le([always, never, y!], 1, [-1, -1, 1])]);
    const r = expandWeights(c);
    if (!isRight(r)) throw new Error(r.left);
    expect(firstDifference(c, r.right)).toBeNull();
    expect(metrics(r.right).gates.const).toBe(0);
  });

  it('a broken dual (¬θ≥k = θ≤k) is caught, with a shrunk counterexample', () => {
    const broken = expandWeightsWith({ ge: (k) => k, le: DUALS.le });
    const run = (): void =>
      fc.assert(
        fc.property(negatedGates, (c) => {
          const r = broken(c);
          return isRight(r) && firstDifference(c, r.right) === null;
        }),
        { seed: 42, numRuns: 400 },
      );
    expect(run).toThrow(/Counterexample/);
    // the other half of the pair, too
    const broken2 = expandWeightsWith({ ge: DUALS.ge, le: (k) => k });
    expect(() =>
      fc.assert(
        fc.property(negatedGates, (c) => {
          const r = broken2(c);
          return isRight(r) && firstDifference(c, r.right) === null;
        }),
        { seed: 42, numRuns: 400 },
      ),
    ).toThrow(/Shrunk \d+ time/);
  });

  it('is caught by the same check when it is wrong (dropping the k adjustment)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 1, [2, -1])]);
    const wrong = createBuilder();
    const [u, v] = wrong.inputs(2);
    const bad = wrong.build([wrong.ge([u!, u!, wrong.not(v!)], 1)]);
    expect(sameFunction(c, bad)).toBe(false);
  });

  it('refuses, with the figure and the limit, a circuit whose expansion exceeds CIRCUIT_LIMITS', () => {
    const b = createBuilder();
    const xs = b.inputs(2);
    const big = Math.floor(CIRCUIT_LIMITS.maxWires / 2) + 1;
    const c = b.build([b.ge(xs, 1, [big, big])]);
    const r = expandWeights(c);
    expect(isLeft(r) && r.left).toMatch(/would have \d+ wires, more than the limit of 400000000/);
  });
});

describe('tradeoff export --format serial: the parsed text has the depth the check reports (depth·P1)', () => {
  const cases: readonly [string, Record<string, number>][] = [
    ['comparison', { w: 6 }],
    ['integer-addition', { w: 6 }],
    ['bit-count', { n: 12 }],
    ['iterated-addition', { n: 5, w: 4 }],
    ['multiplication', { w: 5 }],
    ['float-iterated-sum', { n: 3, p: 6 }],
    ['float-mul', { p: 8, k: 0 }],
    ['float-div', { p: 8, k: 0 }],
    ['float-compare', { p: 8, k: 0 }],
    ['lookup-table', { n: 16, c: 1, m: 2, seed: 0 }],
  ];
  for (const [id, opts] of cases) {
    it(`${id} ${JSON.stringify(opts)}`, () => {
      const built = findLemma(id)!.exportCircuit!.build(opts);
      if (!isRight(built)) throw new Error(built.left);
      const c = built.right;
      const text = renderCircuit(c, 'serial');
      if (!isRight(text)) throw new Error(text.left);
      const parsed = parseSerial(text.right, { numOutputs: c.outputs.length });
      if (!isRight(parsed)) throw new Error(parsed.left.message);
      const m = metrics(c);
      const p = metrics(parsed.right);
      expect(p.depth).toBe(m.depthP1);
      expect(p.depth).toBeLessThanOrEqual(m.depth + 1);
      // the output copies of outputsLast are the only gates beyond sizeP1
      expect(p.size).toBeGreaterThanOrEqual(m.sizeP1);
      expect(p.size).toBeLessThanOrEqual(m.sizeP1 + c.outputs.length);
    });
  }
});

describe('expandWeights: invalid input', () => {
  it('refuses an invalid circuit with the kernel’s reason instead of throwing', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const c = b.build([b.not(x!)]);
    const bad: Circuit = { ...c, outputs: Uint32Array.of(7) };
    const r = expandWeights(bad);
    expect(isLeft(r) && r.left).toMatch(/^expandWeights: metrics: /);
  });
});
