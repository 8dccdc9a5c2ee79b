/** The parallelism-tradeoff theorem: cited with L ≠ P explicit, its checked steps as dependencies that exist and come first. */
import { describe, expect, it } from 'vitest';
import { checkLemmas } from '../src/proofs/checkAll.js';
import { parallelismTradeoffTheorem } from '../src/proofs/parallelismTradeoff.js';
import { registry } from '../src/proofs/registry.js';

describe('parallelism-tradeoff', () => {
  it('is cited (never holds), names L ≠ P, and its dependencies are registered before it', async () => {
    const [checked] = await checkLemmas({ seed: 1, full: false, lemmas: [parallelismTradeoffTheorem] });
    expect(checked?.report.verdict).toBe('cited');
    expect(parallelismTradeoffTheorem.cited?.assumptions).toContain('L ≠ P');
    const at = registry.findIndex((l) => l.id === 'parallelism-tradeoff');
    expect(at).toBeGreaterThan(0);
    for (const dep of parallelismTradeoffTheorem.dependsOn) {
      const i = registry.findIndex((l) => l.id === dep);
      expect(i, dep).toBeGreaterThanOrEqual(0);
      expect(i, dep).toBeLessThan(at);
    }
  });
});
