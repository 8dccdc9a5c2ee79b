import { describe, expect, it } from 'vitest';
import type { Program } from '../src/core/logspace/program.js';
import { call, r } from '../src/core/logspace/dsl.js';
import { paperRoutePrinter, type MeteredGeneralModel, type SumPrinter } from '../src/reductions/uniform/transformerToTc0.js';
import { transformerToTc0UniformClaims, verifyTransformerToTc0Uniform, type UniformTransformerCase } from '../src/proofs/uniform/transformerToTc0Uniform.js';

const ctx = { seed: 1, full: false, progress: () => undefined };
const small: readonly UniformTransformerCase[] = [
  { heads: [], output: 'accept', c: 0.6, ns: [2, 16], fullNs: [], a: 30, b: 150 },
  { heads: [0], output: 'state', c: 0.75, ns: [2, 4], fullNs: [], a: 70, b: 250 },
  { heads: [1], output: 'accept', c: 0.5, ns: [1, 2], fullNs: [], a: 200, b: 2100 },
];

/** Replace the first `from` in a program's JSON by `to` (a deliberately broken printer). */
const mutateOnce = (p: Program, from: string, to: string): Program => {
  const s = JSON.stringify(p);
  const at = s.indexOf(from);
  if (at < 0) throw new Error(`no ${from}`);
  return JSON.parse(s.slice(0, at) + to + s.slice(at + from.length)) as Program;
};

describe('transformer-to-tc0-uniform', () => {
  it('holds on small models: the printed stream is compilePaper’s circuit, space within the claim', async () => {
    const r = await verifyTransformerToTc0Uniform(ctx, { cases: small, sum: 'tape' });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.measurements).toHaveLength(12);
  });

  it('holds with the uniform ⊕ printer (a model with one head, n = 1): stream equal, space within the claim', async () => {
    const r = await verifyTransformerToTc0Uniform(ctx, { cases: [{ ...small[2]!, ns: [1] }] });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a printer whose similarity copies read h_j where they should read h_i, with the first differing record', async () => {
    // in the similarity stage, pass the state of column j as both halves
    const printer = (...args: Parameters<typeof paperRoutePrinter>): Program => {
      const p = paperRoutePrinter(...args);
      return mutateOnce(p, '"proc":"prSim0_0Print","args":[{"op":"reg","name":"cur"},{"op":"reg","name":"Ts0_0"},{"op":"const","value":0},{"op":"reg","name":"g0"}', '"proc":"prSim0_0Print","args":[{"op":"reg","name":"cur"},{"op":"reg","name":"Ts0_0"},{"op":"const","value":0},{"op":"reg","name":"g1"}');
    };
    const r = await verifyTransformerToTc0Uniform(ctx, { cases: [small[2]!], printer, sum: 'tape' });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { n: number; problem: string };
    expect(ce.n).toBe(2);
    expect(ce.problem).toMatch(/^record \d+: printed 'arg \d+ 0 1', the circuit has 'arg \d+ 0 1'$/);
  });

  it('rejects a model whose metered update differs from its JS reading (the tables would differ)', async () => {
    // the metered update squares its result once more: not the f of the JS model
    const printer = (mm: MeteredGeneralModel, sum: SumPrinter): Program =>
      paperRoutePrinter(
        {
          ...mm,
          procs: mm.procs.map((q) =>
            q.name !== 'mdUpdateBit0' ? q : { ...q, body: [...q.body.slice(0, -1), call('floatMul', [r('sa'), r('ma'), r('ea'), r('sa'), r('ma'), r('ea')], ['sa', 'ma', 'ea']), ...q.body.slice(-1)] },
          ),
        },
        sum,
      );
    const r2 = await verifyTransformerToTc0Uniform(ctx, { cases: [small[2]!], printer, sum: 'tape' });
    expect(r2.verdict).toBe('fails');
    expect((r2.tiers[0]?.failure?.counterexample as { problem: string }).problem).toMatch(/^record \d+: printed/);
  });

  it('fails when a model’s a·log₂ n + b is too small (b = 0)', async () => {
    const r = await verifyTransformerToTc0Uniform(ctx, { cases: [{ ...small[0]!, b: 0 }], sum: 'tape' });
    expect(r.verdict).toBe('fails');
    expect(r.problems.some((p) => p.startsWith('space·log n at'))).toBe(true);
  });

  it('fails when the claimed space is a constant', async () => {
    const claims = [{ ...transformerToTc0UniformClaims[0]!, at: () => 200 }];
    const r = await verifyTransformerToTc0Uniform(ctx, { cases: [small[0]!], claims, sum: 'tape' });
    expect(r.verdict).toBe('fails');
    expect(r.problems.some((p) => p.includes('exceeds the claimed 200'))).toBe(true);
  });
});
