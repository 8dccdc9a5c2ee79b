import { describe, expect, it } from 'vitest';
import { checkCircuitExhaustive } from '../src/core/check.js';
import { metrics } from '../src/core/metrics.js';
import { khopCircuit, khopCircuitSpec } from '../src/reductions/inductionHeads/khopCircuit.js';

describe('the k-hop transformer compiled to a threshold circuit (P1 Thm 1 on P2 Thm 4.2)', () => {
  const c = khopCircuit(1, 3, ['a', 'b']);
  if (c._tag === 'Left') throw new Error(c.left);
  const { circuit, params, depthClaim } = c.right;
  const stmt = (k: number) => ({ inputs: 3, outputs: 3 * params.p, spec: khopCircuitSpec(k, 3, 2, params), text: `TR = hop_${k}` });

  it('computes hop_1 on every input of length 3, within the compiler’s claimed depth', () => {
    const r = checkCircuitExhaustive(circuit, stmt(1), { k: 1, N: 3 });
    expect(r._tag).toBe('Right');
    const m = metrics(circuit);
    expect(m.depth).toBeLessThanOrEqual(depthClaim.depth);
    expect(m.size).toBeGreaterThan(1000);
  });

  it('is not hop_2: the check fails with a counterexample', () => {
    const r = checkCircuitExhaustive(circuit, stmt(2), { k: 2, N: 3 });
    expect(r._tag).toBe('Left');
    if (r._tag === 'Left') expect(r.left.counterexample).toMatchObject({ input: expect.stringMatching(/^[01]{3}$/) as unknown });
  });
});
