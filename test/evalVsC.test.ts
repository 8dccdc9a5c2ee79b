import { describe, it, expect } from 'vitest';
import { runEvalVsCBench } from '../bench/evalVsC.js';

// The eval-vs-c benchmark's own checks on a small circuit: every path it times (JS widths,
// WebAssembly, the C builds when a compiler is present) computes the same outputs, and the
// figures it reports are well-formed. No timing is asserted (performance claims come from
// `npm run bench` only).
describe('bench eval-vs-c on a small circuit', () => {
  it('JS, WebAssembly and C agree; the report names the fastest path and its memory', async () => {
    const r = await runEvalVsCBench({ gates: 3000, assignments: 256, rounds: 1, jsWidths: [1, 4], cWidths: [1, 2], c128Widths: [2], pairs: 3 });
    expect(r.agree.jsVsReference).toBe(true);
    expect(r.agree.wasmVsReference).toBe(true);
    if (r.compiler.available) {
      expect(r.agree.jsVsC).toBe(true);
      expect(r.agree.wasmVsC).toBe(true);
      expect(r.c.map((t) => t.lanesPerPass)).toEqual([64, 128]);
      expect(r.best.ratio).not.toBeNull();
      // the headline is the median of the paired runs (each C and the fastest path back to back)
      expect(r.paired?.ratios).toHaveLength(3);
      expect(r.best.ratio).toBe(r.paired!.median);
      expect(r.paired!.min).toBeLessThanOrEqual(r.paired!.median);
      expect(r.paired!.path).toBe(r.best.path);
      // the 128-bit-only build ran (and agreed with the native one, or the run would have thrown)
      expect(r.c128.map((t) => t.lanesPerPass)).toEqual([128]);
      expect(r.best.ratioVsC128).not.toBeNull();
    } else expect(r.compiler.note).toMatch(/no C compiler|cc failed/);
    expect(r.wasm?.lanesPerPass).toBe(128);
    expect(['wasm', 'js']).toContain(r.best.path);
    expect(r.memory.path).toBe(r.best.path);
    expect(r.memory.budgetBytes).toBe(32 * r.circuit.gates + 4 * r.circuit.wires);
    expect(r.pass.agree).toBe(true);
  }, 120_000);
});
