/**
 * Honesty tests of the arithmetic lemmas: each family's verifier, handed a broken construction
 * (one output negated) or an understated claim, must say `fails`, with a counterexample in every
 * tier that ran.
 */
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { makeCircuit, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import { sweptFamilies } from '../src/proofs/sweeps.js';
import type { VerifyContext } from '../src/proofs/lemma.js';

const ctx: VerifyContext = { seed: 9, full: false, progress: () => {} };

/** The same circuit with output 0 negated (one NOT gate appended). */
const negateFirstOutput = (c: Circuit): Circuit => {
  const specs = toGateSpecs(c);
  const outs = Array.from(c.outputs);
  specs.push({ type: 'not', args: [outs[0]!] });
  outs[0] = specs.length - 1;
  const r = makeCircuit(specs, outs);
  if (!isRight(r)) throw new Error('mutation made an invalid circuit');
  return r.right;
};

/** A family cut down to its first point of each kind, to keep the test fast. */
const small = (f: ArithmeticFamily): ArithmeticFamily => ({
  ...f,
  exhaustive: f.exhaustive.slice(1, 2),
  property: f.property.slice(0, 1),
  propertyRuns: { default: 50, full: 50 },
  sweep: { default: f.sweep.default.slice(0, 2), full: f.sweep.default.slice(0, 2) },
  ...(f.smt === undefined ? {} : { smt: { ...f.smt, points: f.smt.points.slice(0, 1) } }),
});

describe.each(sweptFamilies.map((f) => [f.id, small(f)] as const))('%s lemma', (_id, fam) => {
  it('holds on its first points', async () => {
    const r = await verifyArithmeticFamily(fam, ctx);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a construction with one output negated, in every tier, with a counterexample', async () => {
    const r = await verifyArithmeticFamily(fam, ctx, (p) => negateFirstOutput(fam.build(p)));
    expect(r.verdict).toBe('fails');
    expect(r.tiers.length).toBeGreaterThan(0);
    for (const t of r.tiers) {
      expect(t.holds).toBe(false);
      const cex = t.failure!.counterexample as { input: string; expected: string; actual: string };
      expect(cex.input).toMatch(/^[01]+$/);
      expect(cex.expected[0]).not.toBe(cex.actual[0]);
    }
    // the property tier shrinks towards the all-zero input
    const prop = r.tiers.find((t) => t.tier === 'property');
    if (prop !== undefined) expect((prop.failure!.counterexample as { input: string }).input).toMatch(/^0+$/);
  });

  it('rejects an understated size bound', async () => {
    const claimed = fam.claimed.map((c) => (c.metric === 'size' ? { ...c, at: () => 1 } : c));
    const { smt: _smt, ...withoutSmt } = fam;
    const r = await verifyArithmeticFamily({ ...withoutSmt, exhaustive: [], property: [] }, ctx, fam.build, claimed);
    expect(r.verdict).toBe('fails');
    expect(r.measurements.filter((m) => m.metric === 'size').every((m) => !m.holds)).toBe(true);
  });
});

describe('the sat tier, many checks in one process', () => {
  it('stays sound and stable (regression: z3 wasm heap corruption when terms were freed)', async () => {
    const { checkCircuitSmt } = await import('../src/core/checkSmt.js');
    const fams = sweptFamilies.filter((f) => f.smt !== undefined);
    for (let round = 0; round < 1; round++) {
      for (const fam of fams) {
        for (const p of fam.smt!.points) {
          const r = await checkCircuitSmt(fam.build(p), fam.smt!.spec(p), p, fam.id);
          expect(r._tag, `${fam.id} ${JSON.stringify(p)} round ${round}`).toBe('Right');
        }
      }
    }
  });
});
