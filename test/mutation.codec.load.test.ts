// codec.ts builds its codecs when it loads. A mutant that breaks that top-level code makes every
// test file importing codec.ts fail to load, which StrykerJS's vitest runner reports as zero
// tests run (the mutant "survives"). This file has no static import of codec.ts: it loads the
// module inside a test, so such a mutant fails a test.
import { describe, expect, it } from 'vitest';

describe('codec.ts at load time', () => {
  it('builds working codecs', async () => {
    const C = await import('../src/core/codec.js');
    expect([C.GateIdC.is(0), C.GateIdC.is(-1), C.CountC.is(0), C.ThresholdC.is(-1), C.WeightC.is(2)]).toEqual([true, false, true, true, true]);
    expect([C.ArgsC.is([0]), C.WeightsC.is([1]), C.OutputsC.is([0]), C.GatesC.is([{ type: 'input' }])]).toEqual([true, true, true, true]);
    expect(C.CircuitJsonC.is({ format: 'parallelism-tradeoff/circuit', version: 1, gates: [{ type: 'input' }], outputs: [0] })).toBe(true);
  });
});
