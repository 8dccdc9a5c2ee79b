import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import {
  addGadget,
  columnSumGadget,
  compareGadget,
  iteratedAddGadget,
  leadingOneGadget,
  multiplyGadget,
  shiftLeftGadget,
  shiftRightGadget,
  weightedCountGadget,
} from '../src/reductions/arithmetic/gadgets.js';
import { fromBits, kernelAccepts, toBits } from './arithmetic.helpers.js';

const mask = (w: number): bigint => (1n << BigInt(w)) - 1n;
const bitsArb = (w: number) => fc.bigInt({ min: 0n, max: mask(w) });

describe('arithmetic gadgets', () => {
  it('addGadget: operands of different lengths, any output width (sum mod 2^width), depth ≤ 4', () => {
    const arb = fc
      .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 30 }))
      .chain(([m, n, width]) => fc.tuple(fc.constant(m), fc.constant(n), fc.constant(width), bitsArb(m), bitsArb(n)));
    fc.assert(
      fc.property(arb, ([m, n, width, x, y]) => {
        const b = createBuilder();
        const xs = b.inputs(m);
        const ys = b.inputs(n);
        const c = b.build(addGadget(b, xs, ys, width));
        const out = evaluate(c, [...toBits(x, m), ...toBits(y, n)]);
        return out.length === width && fromBits(out) === ((x + y) & mask(width)) && metrics(c).depth <= 4;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('columnSumGadget: Σ 2^p·(ones in column p), exact by default and mod 2^width when asked, depth ≤ 8', () => {
    // columns draw (with repetition) from a pool of input bits
    const arb = fc.record({
      pool: fc.integer({ min: 1, max: 24 }),
      heights: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }),
      seedBits: fc.bigInt({ min: 0n, max: mask(24) }),
      picks: fc.array(fc.nat(), { minLength: 480, maxLength: 480 }),
      width: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, ({ pool, heights, seedBits, picks, width }) => {
        const b = createBuilder();
        const inputs = b.inputs(pool);
        const assignment = toBits(seedBits, pool);
        let k = 0;
        const columns = heights.map((h) => Array.from({ length: h }, () => inputs[picks[k++]! % pool]!));
        let total = 0n;
        let max = 0n;
        columns.forEach((col, p) => col.forEach((g) => {
          total += BigInt(assignment[g]!) << BigInt(p);
          max += 1n << BigInt(p);
        }));
        const out = columnSumGadget(b, columns, width);
        const c = b.build(out);
        const value = fromBits(evaluate(c, assignment));
        const expectedWidth = width ?? (max === 0n ? 0 : max.toString(2).length);
        return out.length === expectedWidth && value === (total & mask(expectedWidth)) && metrics(c).depth <= 8;
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('weightedCountGadget: Σ a_i x_i in binary, depth 2', () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(arb, (items) => {
        const b = createBuilder();
        const xs = b.inputs(items.length);
        const out = weightedCountGadget(b, xs, items.map(([a]) => a));
        const c = b.build(out);
        const s = items.reduce((acc, [a, on]) => acc + (on ? a : 0), 0);
        return fromBits(evaluate(c, items.map(([, on]) => (on ? 1 : 0)))) === BigInt(s) && metrics(c).depth <= 2;
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(() => weightedCountGadget(createBuilder(), [0], [2 ** 30])).toThrow(/weightedCountGadget/);
  });

  it('shift gadgets with an output width different from the input width', () => {
    const arb = fc
      .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }))
      .chain(([w, s, width]) => fc.tuple(fc.constant(w), fc.constant(s), fc.constant(width), bitsArb(w), bitsArb(s)));
    fc.assert(
      fc.property(arb, ([w, s, width, x, a]) => {
        const b = createBuilder();
        const xs = b.inputs(w);
        const amount = b.inputs(s);
        const left = shiftLeftGadget(b, xs, amount, width);
        const right = shiftRightGadget(b, xs, amount, width);
        const c = b.build([...left, ...right]);
        const out = evaluate(c, [...toBits(x, w), ...toBits(a, s)]);
        return (
          fromBits(out.slice(0, width)) === ((x << a) & mask(width)) && fromBits(out.slice(width)) === ((x >> a) & mask(width)) && metrics(c).depth <= 2
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('gadgets compose in one builder, depths adding up: [x + y < z], ⌊x·y / 2^a⌋, leading one of Σ', () => {
    const w = 6;
    const b = createBuilder();
    const x = b.inputs(w);
    const y = b.inputs(w);
    const z = b.inputs(w + 1);
    const a = b.inputs(3);
    const sum = addGadget(b, x, y); // depth 4
    const { lt } = compareGadget(b, sum, z); // depth 4 + 3
    const prod = multiplyGadget(b, x, y); // depth 9
    const shifted = shiftRightGadget(b, prod, a); // depth 9 + 2
    const total = iteratedAddGadget(b, [x, y, z]); // depth 8
    const lead = leadingOneGadget(b, total); // depth 8 + 2
    const c = b.build([lt, ...shifted, ...lead.binary, lead.isZero]);
    expect(metrics(c).depth).toBeLessThanOrEqual(11);
    expect(kernelAccepts(c)).toBe(true);
    fc.assert(
      fc.property(bitsArb(w), bitsArb(w), bitsArb(w + 1), bitsArb(3), (xv, yv, zv, av) => {
        const out = evaluate(c, [...toBits(xv, w), ...toBits(yv, w), ...toBits(zv, w + 1), ...toBits(av, 3)]);
        const t = xv + yv + zv;
        const lb = lead.binary.length;
        return (
          out[0] === (xv + yv < zv ? 1 : 0) &&
          fromBits(out.slice(1, 1 + 2 * w)) === (xv * yv) >> av &&
          fromBits(out.slice(1 + 2 * w, 1 + 2 * w + lb)) === (t === 0n ? 0n : BigInt(t.toString(2).length - 1)) &&
          out[1 + 2 * w + lb] === (t === 0n ? 1 : 0)
        );
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('compareGadget refuses operands of different widths', () => {
    const b = createBuilder();
    expect(() => compareGadget(b, b.inputs(2), b.inputs(3))).toThrow(/compareGadget/);
  });
});
