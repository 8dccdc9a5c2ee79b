import { describe, expect, it } from 'vitest';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import {
  lookup,
  lookupTableCircuit,
  randomTruthTable,
  tableInputs,
  type TruthTable,
} from '../src/reductions/lookupTable.js';
import { seededInts } from '../src/reductions/random.js';
import { lemma1Bounds, lookupTableClaims, lookupTableLemma, verifyLookupTable } from '../src/proofs/lookupTable.js';
import type { VerifyContext } from '../src/proofs/lemma.js';
import { toGateSpecs, makeCircuit } from '../src/core/circuit.js';
import { isRight } from 'fp-ts/lib/Either.js';

const ctx: VerifyContext = { seed: 7, full: false, progress: () => {} };

describe('lookupTableCircuit (P1 Lemma 1)', () => {
  it('computes XOR with 2 NOT, 2 AND, 1 OR at depth 3', () => {
    const xor: TruthTable = { k: 2, m: 1, bits: Uint8Array.from([0, 1, 1, 0]) };
    const c = lookupTableCircuit(xor);
    for (let x = 0; x < 4; x++) {
      const bits = [x & 1, (x >> 1) & 1];
      expect(Array.from(evaluate(c, bits))).toEqual([bits[0]! ^ bits[1]!]);
    }
    const m = metrics(c);
    expect(m.gates).toMatchObject({ not: 2, and: 2, or: 1 });
    expect(m.size).toBe(5);
    expect(m.depth).toBe(3);
  });

  it('builds an empty OR for an output that is 0 everywhere', () => {
    const f: TruthTable = { k: 3, m: 2, bits: new Uint8Array(16).map((_, i) => (i % 2 === 0 ? 1 : 0)) };
    const c = lookupTableCircuit(f);
    for (let x = 0; x < 8; x++) expect(Array.from(evaluate(c, [x & 1, (x >> 1) & 1, (x >> 2) & 1]))).toEqual([1, 0]);
  });

  it('meets the claimed size and depth for random f, k = 1..10', () => {
    const draw = seededInts(3);
    for (let k = 1; k <= 10; k++) {
      const f = randomTruthTable(k, 3, draw);
      const m = metrics(lookupTableCircuit(f));
      expect(m.size).toBeLessThanOrEqual(lemma1Bounds(k, 3).size);
      expect(m.depth).toBeLessThanOrEqual(3);
    }
  });

  it('computes k = ⌈c·log₂ n⌉ exactly', () => {
    expect(tableInputs(1024, 1)).toBe(10);
    expect(tableInputs(8, 2)).toBe(6);
    expect(tableInputs(100, 1)).toBe(7);
    expect(tableInputs(6, 1.5)).toBe(4);
  });
});

describe('lookup-table lemma', () => {
  it('holds, with exhaustive tier and bounds measured at every sweep point', async () => {
    const r = await verifyLookupTable(ctx);
    expect(r.verdict).toBe('holds');
    expect(r.tiers.map((t) => t.tier)).toEqual(['exhaustive']);
    expect(r.tiers[0]!.cases).toBeGreaterThan(2 * 4096);
    expect(r.measurements.filter((m) => m.metric === 'depth').every((m) => m.measured <= 3)).toBe(true);
    // every verified circuit is measured: 4 claims (depth and size, kernel and P1 basis) × 23 functions
    expect(r.measurements.length).toBe(4 * (2 * 10 + 3));
    expect(new Set(r.measurements.map((m) => m.metric))).toEqual(new Set(['size', 'depth', 'size·P1', 'depth·P1']));
  });

  it('is reproducible from its seed', async () => {
    const a = await verifyLookupTable(ctx);
    const b = await verifyLookupTable(ctx);
    expect(a.measurements).toEqual(b.measurements);
  });

  it('exports a circuit and refuses sizes that do not fit', () => {
    const ok = lookupTableLemma.exportCircuit!.build({ n: 16, c: 1, m: 2, seed: 1 });
    expect(isRight(ok) && ok.right.numInputs).toBe(4);
    const big = lookupTableLemma.exportCircuit!.build({ n: 2 ** 30, c: 1, m: 1, seed: 1 });
    expect(isRight(big)).toBe(false);
  });
});

// Honesty: the checker must reject broken constructions and understated bounds.
describe('lookup-table lemma rejects broken constructions', () => {
  /** Rebuild a circuit with one gate's kind changed or one wire moved. */
  const mutate = (c: Circuit, how: 'flip' | 'rewire'): Circuit => {
    const specs = toGateSpecs(c);
    const i = specs.findIndex((g) => g.type === 'and' && g.args.length > 1);
    if (i < 0) return c; // e.g. constant 0: nothing to break
    const g = specs[i]!;
    if (g.type !== 'and') throw new Error('unreachable');
    specs[i] = how === 'flip' ? { type: 'or', args: g.args } : { type: 'and', args: [g.args[0]!, g.args[0]!, ...g.args.slice(2)] };
    const r = makeCircuit(specs, Array.from(c.outputs));
    if (!isRight(r)) throw new Error('mutation made an invalid circuit');
    return r.right;
  };

  for (const how of ['flip', 'rewire'] as const) {
    it(`catches one gate ${how === 'flip' ? 'flipped AND→OR' : 'with a wire moved'}, with the least failing input`, async () => {
      const r = await verifyLookupTable(ctx, { construct: (f) => mutate(lookupTableCircuit(f), how) });
      expect(r.verdict).toBe('fails');
      const t = r.tiers[0]!;
      expect(t.holds).toBe(false);
      expect(t.failure!.message).toMatch(/n = 4, c = 1, m = 3 \(k = 2\), random f #0: checkCircuitExhaustive: circuit and spec differ on input [01]{2}/);
      const cex = t.failure!.counterexample as { input: string; expected: string; actual: string };
      expect(cex.input).toMatch(/^[01]{2}$/);
      expect(cex.expected).not.toBe(cex.actual);
    });
  }

  it('catches a construction of constants with no inputs (the audit: it used to hold)', async () => {
    const constants = (f: TruthTable): Circuit => {
      const b = createBuilder();
      return b.build(Array.from({ length: f.m }, () => b.constant(0)));
    };
    const r = await verifyLookupTable(ctx, { construct: constants });
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]!.failure!.message).toBe(
      'n = 4, c = 1, m = 3 (k = 2), random f #0: checkCircuitExhaustive: the statement has 2 inputs but the circuit has 0',
    );
  });

  it('catches an understated size bound', async () => {
    const understated = lookupTableClaims.map((b) => (b.metric === 'size' ? { ...b, at: () => 3 } : b));
    const r = await verifyLookupTable(ctx, { claims: understated });
    expect(r.verdict).toBe('fails');
    expect(r.measurements.some((m) => m.metric === 'size' && !m.holds)).toBe(true);
  });

  it('catches a construction of depth 4', async () => {
    // the Lemma 1 circuit with every input buffered through two NOT gates (depth 3 + 2)
    const deeper = (f: TruthTable): Circuit => {
      const b = createBuilder();
      const xs = b.inputs(f.k);
      const buffered = xs.map((x) => b.not(b.not(x)));
      const inner = lookupTableCircuit(f);
      const map: number[] = [];
      const specs = toGateSpecs(inner);
      specs.forEach((g, i) => {
        if (g.type === 'input') map[i] = buffered[i]!;
        else if (g.type === 'not') map[i] = b.not(map[g.args[0]!]!);
        else if (g.type === 'and') map[i] = b.and(g.args.map((a) => map[a]!));
        else if (g.type === 'or') map[i] = b.or(g.args.map((a) => map[a]!));
      });
      return b.build(Array.from(inner.outputs, (o) => map[o]!));
    };
    const r = await verifyLookupTable(ctx, { construct: deeper });
    expect(r.tiers[0]!.holds).toBe(true);
    expect(r.measurements.some((m) => m.metric === 'depth' && m.measured === 5 && !m.holds)).toBe(true);
    expect(r.verdict).toBe('fails');
  });

  it('lookup agrees with the table layout', () => {
    const f = randomTruthTable(3, 2, seededInts(1));
    expect(Array.from(lookup(f, [1, 0, 1]))).toEqual([f.bits[10], f.bits[11]]);
  });
});
