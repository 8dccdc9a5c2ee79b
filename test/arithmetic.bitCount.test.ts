import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GateKind } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { bitCountBounds } from '../src/proofs/arithmetic/bitCount.js';
import { bitCount } from '../src/reductions/arithmetic/bitCount.js';
import { bitLength } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import { allAssignments, checkClaim, findCounterexample, fromBits, kernelAccepts, moveWire, pick, toBits } from './arithmetic.helpers.js';

const spec = (n: number) => (input: readonly number[]) => toBits(BigInt(input.reduce((a, b) => a + b, 0)), bitLength(n));

describe('bitCount', () => {
  it('is exact on all inputs for n ≤ 14', () => {
    for (let n = 1; n <= 14; n++) expect(findCounterexample(bitCount(n).circuit, spec(n), allAssignments(n))).toBeUndefined();
  });

  it('counts correctly for n ≤ 300 (property, biased densities)', () => {
    const cache = new Map<number, ReturnType<typeof bitCount>>();
    const arb = fc
      .tuple(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .chain(([n, p]) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: 0, max: 1, noNaN: true }).map((u): number => (u < p ? 1 : 0)), { minLength: n, maxLength: n })));
    fc.assert(
      fc.property(arb, ([n, bits]) => {
        const ac = cache.get(n) ?? bitCount(n);
        cache.set(n, ac);
        return fromBits(pick(evaluate(ac.circuit, bits), ac.layout.count)) === BigInt(bits.reduce((a, b) => a + b, 0));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('is depth 2 with exactly n + ⌈log₂(n+1)⌉ gates for n ∈ {4, 16, 64, 256}, depth 2 in P1\'s basis too (duals, no NOT layer)', () => {
    for (const n of [1, 4, 16, 64, 256]) {
      const ac = bitCount(n);
      const m = checkClaim(ac.circuit, bitCountBounds(n), true);
      expect(m.depth).toBe(2);
      expect(m.depthP1).toBe(2);
      expect(m.gates.ge).toBe(m.size);
      expect(m.maxWeight).toBe(Math.max(1, 2 ** (bitLength(n) - 1) - 1));
    }
    expect(kernelAccepts(bitCount(9).circuit)).toBe(true);
  });

  it('a broken construction is caught (move one wire, or turn θ≥ into θ≤)', () => {
    const { circuit } = bitCount(6);
    // bit 0 reads θ≥1 where it should read θ≥2 (its second wire): wrong on e.g. a count of 2
    const bit0 = circuit.outputs[0]!;
    const cex = findCounterexample(moveWire(circuit, bit0, 1, 6), spec(6), allAssignments(6));
    expect(cex).toBeDefined();
    expect(cex!.input.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const kind = Uint8Array.from(circuit.kind);
    kind[bit0] = GateKind.Le;
    expect(findCounterexample({ ...circuit, kind }, spec(6), allAssignments(6))).toBeDefined();
  });

  it('rejects bad sizes', () => {
    expect(() => bitCount(0)).toThrow(/^bitCount: n/);
  });
});
