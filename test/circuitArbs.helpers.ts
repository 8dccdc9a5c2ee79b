/**
 * Shared fast-check arbitraries of the evaluator tests (`evaluateWasm`, `evaluateBitParallelWide`):
 * input assignments, and random circuits with fan-ins on both sides of 128 (the Harley–Seal path
 * below, the ripple counter above).
 */
import fc from 'fast-check';
import { createBuilder, type Circuit } from '../src/core/circuit.js';

/** 1 … max assignments of `numInputs` bits. */
export const assignmentsArb = (numInputs: number, max: number): fc.Arbitrary<Uint8Array[]> =>
  fc.array(fc.uint8Array({ min: 0, max: 1, minLength: numInputs, maxLength: numInputs }), { minLength: 1, maxLength: max });

/**
 * Random circuits of 1 … `maxInputs` inputs and 1 … 12 gates with fan-ins ≤ `maxSmallFanin` or
 * 120 … 200, and if `weighted` weights of every size and sign (up to ±`maxWeight`), k around and
 * beyond the reachable sums; the output is the last gate.
 */
export const wideFaninCircuitArb = (opts: { readonly maxInputs: number; readonly maxSmallFanin: number; readonly maxWeight: number }): fc.Arbitrary<Circuit> =>
  fc
    .record({
      numInputs: fc.integer({ min: 1, max: opts.maxInputs }),
      weighted: fc.boolean(),
      gates: fc.array(
        fc.record({
          kind: fc.constantFrom('and', 'or', 'ge', 'le', 'not'),
          picks: fc.oneof(fc.array(fc.nat(), { maxLength: opts.maxSmallFanin }), fc.array(fc.nat(), { minLength: 120, maxLength: 200 })),
          weights: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -opts.maxWeight, max: opts.maxWeight })), {
            minLength: 200,
            maxLength: 200,
          }),
          k: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    })
    .map((r) => {
      const b = createBuilder();
      b.inputs(r.numInputs);
      for (const g of r.gates) {
        const i = b.size();
        const args = g.picks.map((p) => p % i);
        if (g.kind === 'and') b.and(args);
        else if (g.kind === 'or') b.or(args);
        else if (g.kind === 'not') b.not(i - 1);
        else {
          const ws = g.weights.slice(0, args.length);
          const pos = r.weighted ? ws.filter((w) => w > 0).reduce((s, w) => s + w, 0) : args.length;
          const neg = r.weighted ? ws.filter((w) => w < 0).reduce((s, w) => s + w, 0) : 0;
          const k = Math.max(-(pos - neg + 1), Math.min(pos - neg + 1, Math.round(neg + g.k * (pos - neg))));
          const f = g.kind === 'ge' ? b.ge : b.le;
          if (r.weighted) f(args, k, ws);
          else f(args, k);
        }
      }
      return b.build([b.size() - 1]);
    });
