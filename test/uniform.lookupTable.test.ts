import { describe, expect, it } from 'vitest';
import * as L from '../src/core/logspace/dsl.js';
import { lookupTableGenerator, tableBit } from '../src/reductions/uniform/lookupTable.js';
import { lookupTableUniformClaims, verifyLookupTableUniform } from '../src/proofs/uniform/lookupTableUniform.js';

const ctx = { seed: 3, full: false, progress: () => undefined };

describe('lookup-table-uniform', () => {
  it('holds: the printed stream is the circuit and the space is within the claims (n ≤ 2^10)', async () => {
    const r = await verifyLookupTableUniform(ctx, { maxN: 1024 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    const at1024 = r.measurements.filter((m) => m.params['n'] === 1024);
    // k = 10, m = 3: 2·10 + 2·2 + 4 + 6 for the library's circuit; 10 + 2 + 4 + 4 for the all-terms one
    expect(at1024.map((m) => [m.metric, m.measured])).toEqual([
      ['space', 34],
      ['space·registers', 34],
      ['space·all-terms', 20],
    ]);
  });

  it('rejects a generator that prints the literals of f = NOT table, at the smallest n, naming the record', async () => {
    const bad = lookupTableGenerator((x, j) => L.not(tableBit(x, j)));
    const r = await verifyLookupTableUniform(ctx, { generator: bad, maxN: 64 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { n: number; problem: string };
    expect(ce.n).toBe(2);
    expect(ce.problem).toMatch(/^record \d+: printed '.*', the circuit has '.*'$/);
  });

  it('rejects a generator whose counter exceeds its bound, with the register, value and bound', async () => {
    const good = lookupTableGenerator();
    const main = good.procs[0]!;
    // the rank counter declared with bound 2^k instead of 2^k + 1
    const bad = { ...good, procs: [{ ...main, regs: main.regs.map((d) => (d.name === 't' ? { name: 't', bound: L.pow2(L.param('k')) } : d)) }] };
    const r = await verifyLookupTableUniform(ctx, { generator: bad, maxN: 64 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { problem: string };
    expect(ce.problem).toMatch(/register 't' of 'main' would be set to (\d+), which is not below its bound \1/);
  });

  it('rejects an all-terms printer that drops the zero terms (then it prints the library circuit, not the variant)', async () => {
    const r = await verifyLookupTableUniform(ctx, { generatorAllTerms: lookupTableGenerator(), maxN: 64 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { variant: string; problem: string };
    expect(ce.variant).toBe('all terms');
  });

  it('fails when the claimed space is too small (a = c, as P1 states it, without the rank counter)', async () => {
    const paper = [{ ...lookupTableUniformClaims[0]!, at: (p: Readonly<Record<string, number>>) => (p['c'] ?? 0) * Math.log2(p['n'] ?? 0) + Math.log2(p['m'] ?? 0) + 8 }];
    const r = await verifyLookupTableUniform(ctx, { claims: paper, maxN: 1024 });
    expect(r.verdict).toBe('fails');
    expect(r.measurements.some((m) => !m.holds)).toBe(true);
  });
});
