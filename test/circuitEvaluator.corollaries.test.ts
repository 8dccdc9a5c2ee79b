/** P1 Corollaries 3.1 (instruction following) and 3.2 (advice transformers), with broken transformers rejected. */
import { describe, expect, it } from 'vitest';
import { verifyAdviceTransformers, verifyInstructionFollowing, INSTRUCTION_DEPTH } from '../src/proofs/circuitEvaluator/corollaries.js';
import { asInstruction, circuitEvaluatorTransformer, INSTRUCTION_FAMILIES, evaluatorSymbols } from '../src/reductions/circuitEvaluator/index.js';
import { comparison } from '../src/reductions/arithmetic/comparison.js';
import { evaluate } from '../src/core/evaluate.js';

const ctx = { seed: 1, full: false, progress: () => undefined };

describe('the instruction families', () => {
  it('each circuit decides its language by the kernel’s evaluation, on every input of every full size', () => {
    for (const f of INSTRUCTION_FAMILIES) {
      for (const n of f.fullSizes) {
        const c = f.circuit(n);
        if (c._tag === 'Left') throw new Error(c.left);
        for (let a = 0; a < 2 ** n; a++) {
          const bits = Array.from({ length: n }, (_, i) => (a >> i) & 1);
          expect(evaluate(c.right, bits)[0] === 1, `${f.name} n=${n} x=${bits.join('')}`).toBe(f.spec(bits));
        }
        const s = evaluatorSymbols(c.right);
        expect(s._tag === 'Right' && s.right.length).toBeLessThanOrEqual(f.adviceBound.at(n));
      }
    }
  });

  it('asInstruction rewrites the weighted comparison circuit into P1’s basis and refuses a missing output', () => {
    const w = comparison(2, 'weighted').circuit;
    const r = asInstruction(w, 0);
    expect(r._tag).toBe('Right');
    expect(asInstruction(w, 5)).toMatchObject({ _tag: 'Left' });
  });
});

describe('instruction-following and advice-transformers', () => {
  it('both hold with one 12-layer transformer', async () => {
    const a = await verifyInstructionFollowing(ctx);
    expect(a.problems).toEqual([]);
    expect(a.verdict).toBe('holds');
    const b = await verifyAdviceTransformers(ctx);
    expect(b.problems).toEqual([]);
    expect(b.verdict).toBe('holds');
    expect(b.measurements.map((m) => m.metric)).toContain('advice·majority');
  });

  it('a transformer with swapped ≤/≥ margins is caught by both, with the failing instruction and input', async () => {
    const evaluator = circuitEvaluatorTransformer(INSTRUCTION_DEPTH, undefined, 'swap-le-ge');
    const a = await verifyInstructionFollowing(ctx, { evaluator });
    expect(a.verdict).toBe('fails');
    expect(a.tiers[0]?.failure?.counterexample).toMatchObject({ instruction: expect.stringMatching(/n = \d+, x = [01]+/) as unknown });
    const b = await verifyAdviceTransformers(ctx, { evaluator });
    expect(b.verdict).toBe('fails');
    expect(b.tiers[0]?.failure?.counterexample).toMatchObject({ reason: expect.stringContaining('the definition of L says') as unknown });
  });
});
