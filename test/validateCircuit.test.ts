import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  CIRCUIT_LIMITS,
  GateKind,
  argsOf,
  createBuilder,
  formatKernelError,
  gateKindName,
  kernelError,
  makeCircuit,
  toGateSpecs,
  validateCircuit,
  type Circuit,
  type GateSpec,
  type KernelError,
} from '../src/core/circuit.js';
import { withOutputsLast } from '../src/core/serialize.js';
import { expandWeights } from '../src/reductions/expandWeights.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';

/**
 * The reference circuit every broken one is made from (gate: kind, arguments, wires):
 *   0 input x0          1 input x1         2 const 1
 *   3 NOT(x0)     w0    4 AND(x0, x1) w1–2  5 OR(3, 2) w3–4
 *   6 θ≥1 (2·4 − 1·5 + 1·x1)  w5–7         7 θ≤1 (x0, x1)  w8–9
 * faninStart = [0, 0, 0, 0, 1, 3, 5, 8, 10], outputs = [6, 7].
 */
const good = ((): Circuit => {
  const b = createBuilder();
  const [x0, x1] = b.inputs(2);
  const c1 = b.constant(1);
  const n = b.not(x0!);
  const a = b.and([x0!, x1!]);
  const o = b.or([n, c1]);
  const g = b.ge([a, o, x1!], 1, [2, -1, 1]);
  const l = b.le([x0!, x1!], 1);
  return b.build([g, l]);
})();

/** The same circuit without weights (thresholds: 6 = θ≥1 (4, 5, x1), 7 = θ≤1 (x0, x1)). */
const unweighted: Circuit = { ...good, weight: null };

const err = (c: Circuit): KernelError => {
  const r = validateCircuit(c);
  if (isRight(r)) throw new Error('expected a Left');
  return r.left;
};
const expectError = (c: Circuit, path: string, message?: RegExp): void => {
  const e = err(c);
  expect(e._tag).toBe('KernelError');
  expect(e.rule).toBe('validateCircuit');
  expect(e.path).toBe(path);
  if (message !== undefined) expect(e.message).toMatch(message);
};
const expectValid = (c: Circuit): void => {
  const r = validateCircuit(c);
  if (isLeft(r)) throw new Error(formatKernelError(r.left));
  expect(r.right).toBe(c);
};
const u8 = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const i32 = (...xs: number[]): Int32Array => Int32Array.from(xs);
const u32 = (...xs: number[]): Uint32Array => Uint32Array.from(xs);

/** A raw circuit from gates [kind, param, args, weights?], no checks at all. */
const raw = (
  numInputs: number,
  gates: readonly (readonly [number, number, readonly number[], (readonly number[])?])[],
  outputs: readonly number[],
  weighted = false,
): Circuit => {
  const faninStart = [0];
  const fanin: number[] = [];
  const weight: number[] = [];
  for (const [, , args, ws] of gates) {
    fanin.push(...args);
    weight.push(...(ws ?? args.map(() => 1)));
    faninStart.push(fanin.length);
  }
  return {
    numInputs,
    numGates: gates.length,
    kind: Uint8Array.from(gates.map((g) => g[0])),
    param: Int32Array.from(gates.map((g) => g[1])),
    faninStart: Uint32Array.from(faninStart),
    fanin: Uint32Array.from(fanin),
    weight: weighted ? Int32Array.from(weight) : null,
    outputs: Uint32Array.from(outputs),
  };
};

describe('validateCircuit: the reference circuits', () => {
  it('accepts the reference circuit, weighted and unweighted, and returns it unchanged', () => {
    expect(Array.from(good.faninStart)).toEqual([0, 0, 0, 0, 1, 3, 5, 8, 10]);
    expect(Array.from(good.kind)).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
    expectValid(good);
    expectValid(unweighted);
  });

  it('accepts a single input gate as the whole circuit, and a circuit with no inputs', () => {
    expectValid(raw(1, [[0, 0, []]], [0]));
    expectValid(raw(0, [[1, 0, []]], [0]));
    expectValid(raw(0, [[3, 0, []], [4, 0, []]], [1, 0, 1]));
  });

  it('accepts input gates anywhere, numbered in order of appearance', () => {
    expectValid(raw(2, [[1, 1, []], [0, 0, []], [2, 0, [1]], [0, 1, []]], [3]));
  });
});

describe('validateCircuit: sizes', () => {
  it('numInputs: a non-negative safe integer within the gate limit', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, CIRCUIT_LIMITS.maxGates + 1, 2 ** 53]) {
      expectError({ ...good, numInputs: bad }, 'numInputs', /must be an integer in 0\.\.50000000/);
    }
    // within the limit but not the number of input gates: checked after the gates
    expectError({ ...good, numInputs: CIRCUIT_LIMITS.maxGates }, 'numInputs', /is 50000000, but the circuit has 2 input gates/);
    expectError({ ...good, numInputs: 3 }, 'numInputs', /is 3, but the circuit has 2 input gates/);
    expectError({ ...good, numInputs: 1 }, 'numInputs', /is 1, but the circuit has 2 input gates/);
    expectError({ ...good, numInputs: 0 }, 'numInputs');
  });

  it('numGates: a non-negative safe integer within the gate limit', () => {
    for (const bad of [-1, 7.5, Number.NaN, CIRCUIT_LIMITS.maxGates + 1]) {
      expectError({ ...good, numGates: bad }, 'numGates', /must be an integer in 0\.\.50000000/);
    }
    // at the limit the count is fine and the arrays are wrong
    expectError({ ...good, numGates: CIRCUIT_LIMITS.maxGates }, 'kind', /length numGates = 50000000/);
    expectError({ ...good, numGates: 0 }, 'kind', /length numGates = 0/);
  });

  it('an empty circuit (no gates) fails only for want of an output', () => {
    const empty = raw(0, [], []);
    expectError(empty, 'outputs', /at least one output/);
    expectError({ ...empty, outputs: u32(0) }, 'outputs[0]', /0 is not a gate id < 0/);
  });
});

describe('validateCircuit: array types and lengths', () => {
  it('kind: a Uint8Array of length numGates', () => {
    expectError({ ...good, kind: Int8Array.from(good.kind) as unknown as Uint8Array }, 'kind', /Uint8Array of length numGates = 8/);
    expectError({ ...good, kind: [0, 0, 1, 2, 3, 4, 5, 6] as unknown as Uint8Array }, 'kind');
    expectError({ ...good, kind: good.kind.slice(0, 7) }, 'kind');
    expectError({ ...good, kind: u8(...good.kind, 3) }, 'kind');
  });

  it('param: an Int32Array of length numGates', () => {
    expectError({ ...good, param: Uint32Array.from(good.param) as unknown as Int32Array }, 'param', /Int32Array of length numGates = 8/);
    expectError({ ...good, param: good.param.slice(0, 7) }, 'param');
    expectError({ ...good, param: i32(...good.param, 0) }, 'param');
  });

  it('faninStart: a Uint32Array of length numGates + 1', () => {
    expectError({ ...good, faninStart: Int32Array.from(good.faninStart) as unknown as Uint32Array }, 'faninStart', /length numGates \+ 1 = 9/);
    expectError({ ...good, faninStart: good.faninStart.slice(0, 8) }, 'faninStart');
    expectError({ ...good, faninStart: u32(...good.faninStart, 10) }, 'faninStart');
  });

  it('fanin: a Uint32Array of at most CIRCUIT_LIMITS.maxWires wires', () => {
    expectError({ ...good, fanin: Int32Array.from(good.fanin) as unknown as Uint32Array }, 'fanin', /must be a Uint32Array/);
    // a stand-in with the length of a too large fan-in array (allocating one would take 1.6 GB)
    const huge = (n: number): Uint32Array => {
      const a = Object.create(Uint32Array.prototype) as Uint32Array;
      Object.defineProperty(a, 'length', { value: n });
      return a;
    };
    expectError({ ...good, fanin: huge(CIRCUIT_LIMITS.maxWires + 1) }, 'fanin', /400000001 wires is more than the limit of 400000000/);
    // at the limit the count is fine: the weights are the next thing checked
    expectError({ ...good, fanin: huge(CIRCUIT_LIMITS.maxWires) }, 'weight', /length fanin.length = 400000000/);
  });

  it('weight: null or an Int32Array of length fanin.length', () => {
    expectError({ ...good, weight: Uint32Array.from(good.weight!) as unknown as Int32Array }, 'weight', /null or an Int32Array of length fanin.length = 10/);
    expectError({ ...good, weight: good.weight!.slice(0, 9) }, 'weight');
    expectError({ ...good, weight: i32(...good.weight!, 1) }, 'weight');
    expectError({ ...good, weight: undefined as unknown as null }, 'weight');
  });

  it('outputs: a non-empty Uint32Array', () => {
    expectError({ ...good, outputs: Int32Array.from(good.outputs) as unknown as Uint32Array }, 'outputs', /must be a Uint32Array/);
    expectError({ ...good, outputs: [6, 7] as unknown as Uint32Array }, 'outputs');
    expectError({ ...good, outputs: u32() }, 'outputs', /at least one output/);
  });
});

describe('validateCircuit: the CSR structure', () => {
  it('faninStart starts at 0', () => {
    expectError({ ...good, faninStart: u32(1, 1, 1, 1, 1, 3, 5, 8, 10) }, 'faninStart[0]', /must be 0, got 1/);
  });

  it('faninStart is non-decreasing (the first decrease is named)', () => {
    expectError({ ...good, faninStart: u32(0, 0, 0, 0, 3, 1, 5, 8, 10) }, 'faninStart[5]', /1 is less than faninStart\[4\] = 3/);
    // a decrease at the very last entry (the first gates look fine)
    expectError({ ...good, faninStart: u32(0, 0, 0, 0, 1, 3, 5, 11, 10) }, 'faninStart[8]', /10 is less than faninStart\[7\] = 11/);
    // an entry past fanin.length before a decrease is reported as the decrease, not read
    expectError({ ...good, faninStart: u32(0, 0, 0, 0, 1, 3, 5, 20, 10) }, 'faninStart[8]');
  });

  it('faninStart ends at fanin.length', () => {
    expectError({ ...good, faninStart: u32(0, 0, 0, 0, 1, 3, 5, 8, 9) }, 'faninStart[8]', /must be fanin.length = 10, got 9/);
    expectError({ ...good, fanin: u32(...good.fanin, 0), weight: i32(...good.weight!, 1) }, 'faninStart[8]', /fanin.length = 11, got 10/);
  });

  it('every argument of gate i is a gate id < i (no forward pointer, no cycle)', () => {
    // wire 1 is the first argument of gate 4
    const f = (w: number, v: number): Uint32Array => {
      const a = u32(...good.fanin);
      a[w] = v;
      return a;
    };
    expectError({ ...good, fanin: f(1, 4) }, 'fanin[1]', /argument 4 of gate 4 \(and\) is not an earlier gate id < 4/);
    expectError({ ...good, fanin: f(1, 5) }, 'fanin[1]');
    expectError({ ...good, fanin: f(1, 100) }, 'fanin[1]');
    expectValid({ ...good, fanin: f(1, 3) });
    // the last argument of the last gate
    expectError({ ...good, fanin: f(9, 7) }, 'fanin[9]', /gate 7 \(le\)/);
    expectValid({ ...good, fanin: f(9, 6) });
    // the only argument of the first non-input gate
    expectError({ ...good, fanin: f(0, 3) }, 'fanin[0]', /gate 3 \(not\)/);
  });
});

describe('validateCircuit: gates', () => {
  it('kind values are 0..6', () => {
    expectError({ ...good, kind: u8(0, 0, 1, 2, 3, 4, 5, 7) }, 'kind[7]', /7 is not a gate kind \(0\.\.6\)/);
    expectError({ ...good, kind: u8(0, 0, 255, 2, 3, 4, 5, 6) }, 'kind[2]');
    expectValid({ ...good, kind: u8(0, 0, 1, 2, 3, 4, 5, 5) });
  });

  it('input gates have no arguments', () => {
    expectError(raw(2, [[0, 0, []], [0, 1, [0]]], [1]), 'kind[1]', /gate 1 \(input\) has 1 arguments, must have none/);
  });

  it('input params are 0, 1, 2, … in order of appearance', () => {
    expectError({ ...good, param: i32(1, 0, 1, 0, 0, 0, 1, 1) }, 'param[0]', /input gate number 0 .* must be 0, got 1/);
    expectError({ ...good, param: i32(0, 0, 1, 0, 0, 0, 1, 1) }, 'param[1]', /must be 1, got 0/);
    expectError({ ...good, param: i32(0, 2, 1, 0, 0, 0, 1, 1) }, 'param[1]', /must be 1, got 2/);
    expectError(raw(2, [[1, 0, []], [0, 0, []], [0, 0, []]], [2]), 'param[2]');
    expectValid(raw(2, [[1, 0, []], [0, 0, []], [0, 1, []]], [2]));
  });

  it('const gates have no arguments and param 0 or 1', () => {
    expectError(raw(1, [[0, 0, []], [1, 1, [0]]], [1]), 'kind[1]', /gate 1 \(const\) has 1 arguments, must have none/);
    expectError({ ...good, param: i32(0, 1, 2, 0, 0, 0, 1, 1) }, 'param[2]', /gate 2 \(const\) has value 2, must be 0 or 1/);
    expectError({ ...good, param: i32(0, 1, -1, 0, 0, 0, 1, 1) }, 'param[2]');
    expectValid({ ...good, param: i32(0, 1, 0, 0, 0, 0, 1, 1) });
  });

  it('NOT has exactly one argument', () => {
    expectError(raw(1, [[0, 0, []], [2, 0, []]], [1]), 'kind[1]', /gate 1 \(not\) has 0 arguments, NOT takes exactly 1/);
    expectError(raw(1, [[0, 0, []], [2, 0, [0, 0]]], [1]), 'kind[1]', /has 2 arguments/);
    expectValid(raw(1, [[0, 0, []], [2, 0, [0]]], [1]));
  });

  it('NOT, AND and OR have param 0', () => {
    expectError({ ...good, param: i32(0, 1, 1, 1, 0, 0, 1, 1) }, 'param[3]', /gate 3 \(not\) has param 1, must be 0/);
    expectError({ ...good, param: i32(0, 1, 1, 0, -1, 0, 1, 1) }, 'param[4]', /\(and\)/);
    expectError({ ...good, param: i32(0, 1, 1, 0, 0, 2, 1, 1) }, 'param[5]', /\(or\)/);
  });

  it('AND, OR and thresholds may have no arguments', () => {
    expectValid(raw(0, [[3, 0, []], [4, 0, []], [5, 1, []], [6, -1, []]], [3]));
  });
});

describe('validateCircuit: weights and thresholds', () => {
  const w = (...xs: number[]): Int32Array => i32(...xs);
  it('|w| ≤ 2^30 − 1 on every threshold wire', () => {
    // wires 5–7 are gate 6's (weights 2, −1, 1), 8–9 gate 7's
    expectValid({ ...good, weight: w(1, 1, 1, 1, 1, 2 ** 30 - 1, -1, 1, 1, 1) });
    expectValid({ ...good, weight: w(1, 1, 1, 1, 1, 2, -1, 1, 1, -(2 ** 30 - 1)) });
    expectError({ ...good, weight: w(1, 1, 1, 1, 1, 2 ** 30, -1, 1, 1, 1) }, 'weight[5]', /weight 1073741824 has magnitude more than 2\^30 − 1/);
    expectError({ ...good, weight: w(1, 1, 1, 1, 1, 2, -1, 1, 1, -(2 ** 30)) }, 'weight[9]', /-1073741824/);
    expectError({ ...good, weight: w(1, 1, 1, 1, 1, 2, -1, 1, 1, -(2 ** 31)) }, 'weight[9]');
  });

  it('wires into NOT, AND and OR have weight 1', () => {
    expectError({ ...good, weight: w(2, 1, 1, 1, 1, 2, -1, 1, 1, 1) }, 'weight[0]', /weight 2 on an argument of gate 3 \(not\).* must be 1/);
    expectError({ ...good, weight: w(1, 1, 0, 1, 1, 2, -1, 1, 1, 1) }, 'weight[2]', /gate 4 \(and\)/);
    expectError({ ...good, weight: w(1, 1, 1, 1, -1, 2, -1, 1, 1, 1) }, 'weight[4]', /gate 5 \(or\)/);
  });

  it('weighted thresholds: |k| ≤ Σ|w| + 1', () => {
    // gate 6: weights 2, −1, 1, Σ|w| = 4
    const k6 = (k: number): Int32Array => i32(0, 1, 1, 0, 0, 0, k, 1);
    expectValid({ ...good, param: k6(5) });
    expectValid({ ...good, param: k6(-5) });
    expectError({ ...good, param: k6(6) }, 'param[6]', /gate 6 \(ge\) has threshold k = 6, out of range ±5 \(Σ\|w\| \+ 1\)/);
    expectError({ ...good, param: k6(-6) }, 'param[6]');
    // gate 7, the last gate: weights −3, 0, Σ|w| = 3
    const ww = w(1, 1, 1, 1, 1, 2, -1, 1, -3, 0);
    expectValid({ ...good, weight: ww, param: i32(0, 1, 1, 0, 0, 0, 1, 4) });
    expectValid({ ...good, weight: ww, param: i32(0, 1, 1, 0, 0, 0, 1, -4) });
    expectError({ ...good, weight: ww, param: i32(0, 1, 1, 0, 0, 0, 1, 5) }, 'param[7]', /gate 7 \(le\) has threshold k = 5, out of range ±4/);
    expectError({ ...good, weight: ww, param: i32(0, 1, 1, 0, 0, 0, 1, -5) }, 'param[7]');
  });

  it('unweighted thresholds: |k| ≤ fan-in + 1', () => {
    // gate 6 has fan-in 3, gate 7 fan-in 2
    expectValid({ ...unweighted, param: i32(0, 1, 1, 0, 0, 0, 4, -3) });
    expectError({ ...unweighted, param: i32(0, 1, 1, 0, 0, 0, 5, 1) }, 'param[6]', /out of range ±4/);
    expectError({ ...unweighted, param: i32(0, 1, 1, 0, 0, 0, -5, 1) }, 'param[6]');
    expectError({ ...unweighted, param: i32(0, 1, 1, 0, 0, 0, 1, 4) }, 'param[7]', /out of range ±3/);
    expectError({ ...unweighted, param: i32(0, 1, 1, 0, 0, 0, 1, -4) }, 'param[7]');
    // no arguments: |k| ≤ 1
    expectValid(raw(0, [[5, 1, []], [6, -1, []]], [0, 1]));
    expectError(raw(0, [[5, 2, []]], [0]), 'param[0]', /out of range ±1/);
    expectError(raw(0, [[3, 0, []], [6, -2, []]], [0]), 'param[1]');
  });
});

describe('validateCircuit: outputs', () => {
  it('every output is a gate id < numGates', () => {
    expectError({ ...good, outputs: u32(8) }, 'outputs[0]', /8 is not a gate id < 8/);
    expectError({ ...good, outputs: u32(6, 7, 0, 8) }, 'outputs[3]');
    expectError({ ...good, outputs: u32(2 ** 32 - 1) }, 'outputs[0]');
    expectValid({ ...good, outputs: u32(0, 7, 7, 2) });
  });
});

describe('validateCircuit: the first violation is the one reported', () => {
  it('sizes before arrays, arrays before structure, structure before gates, gates in order, then inputs and outputs', () => {
    expectError({ ...good, numInputs: -1, numGates: -1 }, 'numInputs');
    expectError({ ...good, numGates: -1, kind: u8() }, 'numGates');
    expectError({ ...good, kind: u8(), param: i32() }, 'kind');
    expectError({ ...good, param: i32(), faninStart: u32() }, 'param');
    expectError({ ...good, faninStart: u32(), fanin: [] as unknown as Uint32Array }, 'faninStart');
    expectError({ ...good, fanin: [] as unknown as Uint32Array, weight: i32() }, 'fanin');
    expectError({ ...good, weight: i32(), outputs: [] as unknown as Uint32Array }, 'weight');
    expectError({ ...good, outputs: [] as unknown as Uint32Array, faninStart: u32(1, 1, 1, 1, 1, 3, 5, 8, 10) }, 'outputs');
    expectError({ ...good, faninStart: u32(1, 1, 1, 1, 1, 3, 5, 8, 9) }, 'faninStart[0]');
    expectError({ ...good, faninStart: u32(0, 0, 0, 0, 1, 3, 5, 8, 9), kind: u8(0, 0, 9, 2, 3, 4, 5, 6) }, 'faninStart[8]');
    expectError({ ...good, kind: u8(0, 0, 9, 2, 3, 4, 5, 6), param: i32(0, 1, 1, 0, 0, 0, 1, 9) }, 'kind[2]');
    expectError({ ...good, param: i32(0, 1, 1, 0, 0, 0, 9, 9) }, 'param[6]');
    expectError({ ...good, param: i32(0, 1, 1, 0, 0, 0, 1, 9), numInputs: 5, outputs: u32(9) }, 'param[7]');
    expectError({ ...good, numInputs: 5, outputs: u32(9) }, 'numInputs');
  });
});

describe('validateCircuit: every circuit the library makes is valid', () => {
  it('random circuits from the builder (all options), their withOutputsLast and expandWeights forms', () => {
    const arb = fc.oneof(
      arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 40 }),
      arbitraryCircuit({ prefix: true, printable: false, maxInputs: 6, maxGates: 40 }),
      arbitraryCircuit({ prefix: true, printable: true, maxInputs: 6, maxGates: 40 }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        expectValid(c);
        expectValid(withOutputsLast(c));
        const e = expandWeights(c);
        if (isLeft(e)) return false;
        expectValid(e.right);
        return true;
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('makeCircuit results', () => {
    const r = makeCircuit(
      [
        { type: 'input' },
        { type: 'const', value: 0 },
        { type: 'input' },
        { type: 'not', args: [2] },
        { type: 'and', args: [] },
        { type: 'or', args: [0, 3] },
        { type: 'ge', args: [0, 2, 5], k: -7, weights: [-3, 2, -3] },
        { type: 'le', args: [6, 6], k: 3 },
      ],
      [7, 1, 6],
    );
    if (isLeft(r)) throw new Error(formatKernelError(r.left));
    expectValid(r.right);
  });

  it('a builder circuit grown past its initial capacity (weights switched on late)', () => {
    const b = createBuilder();
    const xs = b.inputs(3000);
    let last = 0;
    for (let i = 0; i < 1500; i++) last = b.and([xs[i]!, xs[i + 1]!, xs[i + 2]!]);
    const g = b.ge([last, xs[0]!], 1, [5, -3]);
    for (let i = 0; i < 1500; i++) last = b.or([g, xs[i]!, last]);
    expectValid(b.build([last]));
  });
});

// ---------------------------------------------------------------------------------------------
// The rest of circuit.ts: the builder, makeCircuit, toGateSpecs, argsOf, kernel errors
// ---------------------------------------------------------------------------------------------

describe('createBuilder', () => {
  it('numbers gates in order and stores them in CSR form', () => {
    const b = createBuilder();
    expect(b.size()).toBe(0);
    expect(b.input()).toBe(0);
    expect(b.inputs(2)).toEqual([1, 2]);
    expect(b.inputs(0)).toEqual([]);
    expect(b.constant(1)).toBe(3);
    expect(b.constant(0)).toBe(4);
    expect(b.not(0)).toBe(5);
    expect(b.and([0, 1])).toBe(6);
    expect(b.or([])).toBe(7);
    expect(b.ge([0, 1, 2], 2)).toBe(8);
    expect(b.le([5, 6], -1)).toBe(9);
    expect(b.size()).toBe(10);
    const c = b.build([9, 8, 0]);
    expect(c.numInputs).toBe(3);
    expect(c.numGates).toBe(10);
    expect(Array.from(c.kind)).toEqual([0, 0, 0, 1, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.param)).toEqual([0, 1, 2, 1, 0, 0, 0, 0, 2, -1]);
    expect(Array.from(c.faninStart)).toEqual([0, 0, 0, 0, 0, 0, 1, 3, 3, 6, 8]);
    expect(Array.from(c.fanin)).toEqual([0, 0, 1, 0, 1, 2, 5, 6]);
    expect(c.weight).toBeNull();
    expect(Array.from(c.outputs)).toEqual([9, 8, 0]);
    expect(c.outputs).toBeInstanceOf(Uint32Array);
  });

  it('weights: switched on by the first weighted gate, 1 on every other wire before and after', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    b.and([x!, y!]);
    const g = b.ge([x!, y!], 1, [3, -2]);
    b.or([g, x!]);
    b.le([x!, y!], 1);
    const c = b.build([5]);
    expect(Array.from(c.weight!)).toEqual([1, 1, 3, -2, 1, 1, 1, 1]);
    expect(c.weight!.length).toBe(c.fanin.length);
  });

  it('a built circuit does not change when the builder goes on', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c1 = b.build([b.and([x!, y!])]);
    b.ge([x!, y!], 1, [2, 2]);
    const c2 = b.build([3]);
    expect(c1.numGates).toBe(3);
    expect(c1.weight).toBeNull();
    expect(Array.from(c1.fanin)).toEqual([0, 1]);
    expect(Array.from(c2.weight!)).toEqual([1, 1, 2, 2]);
    expectValid(c1);
    expectValid(c2);
  });

  it('grows past its initial capacities (1024 gates, 4096 wires), weights included', () => {
    const b = createBuilder();
    const xs = b.inputs(1500);
    const g = b.ge([xs[0]!, xs[1]!], 1, [-5, 7]);
    let last = g;
    for (let i = 0; i < 1200; i++) last = b.ge([xs[i]!, xs[i + 1]!, xs[i + 2]!, last], 2, [1, 2, 3, -4]);
    const big = b.and(xs);
    const c = b.build([last, big]);
    expect(c.numGates).toBe(1500 + 1 + 1200 + 1);
    expect(c.fanin.length).toBe(2 + 4800 + 1500);
    expect(Array.from(c.weight!.subarray(0, 6))).toEqual([-5, 7, 1, 2, 3, -4]);
    expect(Array.from(c.weight!.subarray(4798, 4802))).toEqual([1, 2, 3, -4]);
    expect(c.weight!.subarray(4802).every((w) => w === 1)).toBe(true);
    expect(c.fanin[4801]).toBe(1500 + 1199);
    expect(Array.from(c.fanin.subarray(4802, 4805))).toEqual([0, 1, 2]);
    expect(c.param[1500 + 1200]).toBe(2);
    expect(c.kind[c.numGates - 1]).toBe(3);
    expect(c.param[1499]).toBe(1499);
    expectValid(c);
  });

  it('grows its wires by more than double when one gate needs it', () => {
    const b = createBuilder();
    const xs = b.inputs(10);
    const args = Array.from({ length: 9000 }, (_, j) => xs[j % 10]!);
    const g = b.ge(args, 5000, args.map((_, j) => (j % 3) - 1));
    const c = b.build([g]);
    expect(c.fanin.length).toBe(9000);
    expect(c.fanin[8999]).toBe(8999 % 10);
    expect(c.weight![8999]).toBe((8999 % 3) - 1);
    expectValid(c);
  });

  it('refuses a gate beyond CIRCUIT_LIMITS.maxGates (tried with the limit lowered to 5)', () => {
    const limits = CIRCUIT_LIMITS as { maxGates: number };
    const saved = limits.maxGates;
    try {
      limits.maxGates = 5;
      const b = createBuilder();
      b.inputs(4);
      expect(b.constant(1)).toBe(4);
      expect(() => b.and([])).toThrow(new RangeError('createBuilder: more than 5 gates'));
      expect(b.size()).toBe(5);
    } finally {
      limits.maxGates = saved;
    }
  });

  it('refuses a bad argument id', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    expect(() => b.not(1)).toThrow(new RangeError('createBuilder: gate 1 (not) argument 0 is 1, not an existing gate id < 1'));
    expect(() => b.and([x!, -1])).toThrow(new RangeError('createBuilder: gate 1 (and) argument 1 is -1, not an existing gate id < 1'));
    expect(() => b.or([0.5])).toThrow(/argument 0 is 0.5/);
    expect(() => b.ge([x!, 7], 1)).toThrow(/gate 1 \(ge\) argument 1 is 7/);
    expect(b.size()).toBe(1);
    expect(b.and([x!])).toBe(1);
  });

  it('refuses weights that do not match the arguments, or are too large', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(() => b.ge([x!, y!], 1, [1])).toThrow(new RangeError('createBuilder: gate 2 has 2 arguments but 1 weights'));
    expect(() => b.le([x!, y!], 1, [1, 2 ** 30])).toThrow(new RangeError('createBuilder: gate 2 weight 1 is 1073741824'));
    expect(() => b.le([x!, y!], 1, [-(2 ** 30), 1])).toThrow(/weight 0 is -1073741824/);
    expect(() => b.le([x!, y!], 1, [1.5, 1])).toThrow(/weight 0 is 1.5/);
    expect(b.le([x!, y!], 1, [2 ** 30 - 1, 1 - 2 ** 30])).toBe(2);
  });

  it('refuses a threshold that is not a 32-bit integer or is out of range ±(Σ|w| + 1)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(() => b.ge([x!, y!], 1.5)).toThrow(new RangeError('createBuilder: threshold 1.5 is not a 32-bit integer'));
    expect(() => b.ge([x!, y!], 2 ** 31)).toThrow(/threshold 2147483648 is not a 32-bit integer/);
    expect(() => b.ge([x!, y!], 4)).toThrow(new RangeError('createBuilder: threshold k = 4 is out of range ±3 (Σ|w| + 1)'));
    expect(() => b.le([x!, y!], -4)).toThrow(/k = -4 is out of range ±3/);
    expect(() => b.ge([x!, y!], 6, [2, -2])).toThrow(/k = 6 is out of range ±5/);
    expect(() => b.ge([x!, y!], -6, [2, -2])).toThrow(/k = -6/);
    expect(b.ge([x!, y!], 3)).toBe(2);
    expect(b.le([x!, y!], -3)).toBe(3);
    expect(b.ge([x!, y!], -5, [2, -2])).toBe(4);
    expect(b.le([x!, y!], 5, [-2, 2])).toBe(5);
    const big = [2 ** 30 - 1, 2 ** 30 - 1, 2 ** 30 - 1];
    expect(b.ge([x!, y!, x!], 2 ** 31 - 1, big)).toBe(6);
    expect(() => b.ge([x!, y!, x!], 2 ** 31, big)).toThrow(/not a 32-bit integer/);
    expect(() => b.ge([x!, y!, x!], -(2 ** 31), big)).toThrow(/not a 32-bit integer/);
  });

  it('refuses an output that is not a gate', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    expect(() => b.build([x!, 1])).toThrow(new RangeError('createBuilder.build: output 1 is not a gate id < 1'));
    expect(() => b.build([-1])).toThrow(/output -1/);
    expect(() => b.build([0.5])).toThrow(/output 0.5/);
    expect(Array.from(b.build([0, 0]).outputs)).toEqual([0, 0]);
  });
});

describe('makeCircuit', () => {
  const IN = { type: 'input' } as const;
  const mkErr = (gates: readonly GateSpec[], outputs: readonly number[]): KernelError => {
    const r = makeCircuit(gates, outputs);
    if (isRight(r)) throw new Error('expected a Left');
    expect(r.left.rule).toBe('makeCircuit');
    return r.left;
  };

  it('makes the circuit the builder would', () => {
    const r = makeCircuit(
      [IN, IN, { type: 'const', value: 1 }, { type: 'not', args: [0] }, { type: 'and', args: [0, 1] }, { type: 'or', args: [3, 2] },
        { type: 'ge', args: [4, 5, 1], k: 1, weights: [2, -1, 1] }, { type: 'le', args: [0, 1], k: 1 }],
      [6, 7],
    );
    if (isLeft(r)) throw new Error(formatKernelError(r.left));
    expect(r.right).toEqual(good);
  });

  it('refuses empty and oversized circuits, and missing outputs', () => {
    expect(mkErr([], [0])).toEqual({ _tag: 'KernelError', rule: 'makeCircuit', message: 'a circuit needs at least one gate', path: 'gates' });
    const many = { length: CIRCUIT_LIMITS.maxGates + 1 } as unknown as GateSpec[];
    expect(mkErr(many, [0])).toMatchObject({ message: '50000001 gates is more than the limit of 50000000', path: 'gates' });
    const wide = { length: CIRCUIT_LIMITS.maxWires - 1 } as unknown as number[];
    expect(mkErr([IN, { type: 'and', args: wide }, { type: 'or', args: [0, 0, 0] }], [0])).toMatchObject({
      message: '400000002 wires is more than the limit of 400000000',
      path: 'gates',
    });
    expect(mkErr([IN], [])).toMatchObject({ message: 'a circuit needs at least one output', path: 'outputs' });
    // exactly at the limits: not refused for size (stand-ins that iterate over one gate)
    const atLimit = { length: CIRCUIT_LIMITS.maxGates, *[Symbol.iterator]() { yield IN; } } as unknown as GateSpec[];
    expect(mkErr(atLimit, [])).toMatchObject({ path: 'outputs' });
    const allWires = { length: CIRCUIT_LIMITS.maxWires - 3 } as unknown as number[];
    expect(mkErr([IN, { type: 'and', args: allWires }, { type: 'or', args: [0, 0, 0] }], [])).toMatchObject({ path: 'outputs' });
  });

  it('refuses bad arguments: not an id, itself, beyond the gates, forward', () => {
    expect(mkErr([IN, { type: 'and', args: [0, -1] }], [0])).toMatchObject({ message: 'argument -1 is not a gate id', path: 'gates[1].args[1]' });
    expect(mkErr([IN, { type: 'and', args: [0.5] }], [0])).toMatchObject({ message: 'argument 0.5 is not a gate id' });
    expect(mkErr([IN, { type: 'or', args: [1] }], [0])).toMatchObject({ message: 'gate 1 takes itself as an argument (a cycle)', path: 'gates[1].args[0]' });
    expect(mkErr([IN, { type: 'not', args: [3] }, IN], [0])).toMatchObject({
      message: 'argument 3 is not a gate: there are only 3 gates',
      path: 'gates[1].args[0]',
    });
    expect(mkErr([IN, { type: 'ge', args: [0, 2], k: 1 }, IN], [0])).toMatchObject({
      message: 'argument 2 points forward (gates must be in topological order: every argument < 1)',
      path: 'gates[1].args[1]',
    });
  });

  it('refuses a bad const, NOT arity, k or weights', () => {
    expect(mkErr([{ type: 'const', value: 2 as 0 }], [0])).toMatchObject({ message: 'const value must be 0 or 1', path: 'gates[0].value' });
    expect(mkErr([IN, { type: 'not', args: [0, 0] }], [0])).toMatchObject({ message: 'NOT takes exactly 1 argument, got 2', path: 'gates[1].args' });
    expect(mkErr([IN, { type: 'not', args: [] }], [0])).toMatchObject({ message: 'NOT takes exactly 1 argument, got 0' });
    expect(mkErr([IN, { type: 'ge', args: [0], k: 0.5 }], [0])).toMatchObject({ message: 'threshold k must be an integer, got 0.5', path: 'gates[1].k' });
    expect(mkErr([IN, { type: 'ge', args: [0], k: 3 }], [0])).toMatchObject({ message: 'threshold k = 3 is out of range ±2 (fan-in + 1)', path: 'gates[1].k' });
    expect(mkErr([IN, { type: 'le', args: [0], k: -3 }], [0])).toMatchObject({ path: 'gates[1].k' });
    expect(mkErr([IN, { type: 'le', args: [0], k: 1, weights: [1, 1] }], [0])).toMatchObject({ message: '2 weights for 1 arguments', path: 'gates[1].weights' });
    expect(mkErr([IN, { type: 'le', args: [0, 0], k: 1, weights: [1, 2 ** 30] }], [0])).toMatchObject({
      message: 'weight must be an integer of magnitude < 2^30, got 1073741824',
      path: 'gates[1].weights[1]',
    });
    expect(mkErr([IN, { type: 'le', args: [0], k: 1, weights: [-(2 ** 30)] }], [0])).toMatchObject({ path: 'gates[1].weights[0]' });
    expect(mkErr([IN, { type: 'le', args: [0], k: 1, weights: [0.5] }], [0])).toMatchObject({ path: 'gates[1].weights[0]' });
    expect(mkErr([IN, { type: 'ge', args: [0, 0], k: 6, weights: [2, -2] }], [0])).toMatchObject({
      message: 'threshold k = 6 is out of range ±5 (Σ|w| + 1)',
      path: 'gates[1].k',
    });
    expect(mkErr([IN, { type: 'ge', args: [0, 0], k: -6, weights: [2, -2] }], [0])).toMatchObject({ path: 'gates[1].k' });
    const big = [2 ** 30 - 1, 2 ** 30 - 1, 2 ** 30 - 1];
    expect(mkErr([IN, { type: 'ge', args: [0, 0, 0], k: 2 ** 31, weights: big }], [0])).toMatchObject({ path: 'gates[1].k' });
    expect(isRight(makeCircuit([IN, { type: 'ge', args: [0, 0, 0], k: 2 ** 31 - 1, weights: big }], [1]))).toBe(true);
    expect(isRight(makeCircuit([IN, { type: 'ge', args: [0, 0], k: -5, weights: [2, -2] }, { type: 'le', args: [0], k: -2 }], [1, 2]))).toBe(true);
    expect(isRight(makeCircuit([IN, { type: 'ge', args: [0], k: 2 }, { type: 'le', args: [0, 0], k: 5, weights: [2, 2] }], [1, 2]))).toBe(true);
  });

  it('refuses an output that is not a gate id', () => {
    expect(mkErr([IN], [0, 1])).toMatchObject({ message: 'output 1 is not a gate id in 0..0', path: 'outputs[1]' });
    expect(mkErr([IN], [-1])).toMatchObject({ path: 'outputs[0]' });
    expect(mkErr([IN], [0.5])).toMatchObject({ path: 'outputs[0]' });
  });
});

describe('toGateSpecs, argsOf, kernel errors', () => {
  it('toGateSpecs lists every gate, weights only when one is not 1', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    b.constant(0);
    b.constant(1);
    b.not(x!);
    b.and([x!, y!]);
    b.or([y!]);
    b.ge([x!, y!], 2, [1, 1]);
    b.le([x!, y!], -1, [2, -3]);
    b.ge([y!], 1);
    expect(toGateSpecs(b.build([9]))).toEqual([
      { type: 'input' },
      { type: 'input' },
      { type: 'const', value: 0 },
      { type: 'const', value: 1 },
      { type: 'not', args: [0] },
      { type: 'and', args: [0, 1] },
      { type: 'or', args: [1] },
      { type: 'ge', args: [0, 1], k: 2 },
      { type: 'le', args: [0, 1], k: -1, weights: [2, -3] },
      { type: 'ge', args: [1], k: 1 },
    ]);
    expect(toGateSpecs(unweighted).slice(6)).toEqual([
      { type: 'ge', args: [4, 5, 1], k: 1 },
      { type: 'le', args: [0, 1], k: 1 },
    ]);
  });

  it('toGateSpecs and makeCircuit are inverse', () => {
    fc.assert(
      fc.property(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 5, maxGates: 30 }), (c) => {
        const r = makeCircuit(toGateSpecs(c), Array.from(c.outputs));
        if (isLeft(r)) return false;
        expect(toGateSpecs(r.right)).toEqual(toGateSpecs(c));
        return true;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('argsOf', () => {
    expect(Array.from(argsOf(good, 6))).toEqual([4, 5, 1]);
    expect(Array.from(argsOf(good, 7))).toEqual([0, 1]);
    expect(Array.from(argsOf(good, 0))).toEqual([]);
  });

  it('kernelError and formatKernelError', () => {
    expect(kernelError('r', 'm')).toEqual({ _tag: 'KernelError', rule: 'r', message: 'm' });
    expect('path' in kernelError('r', 'm')).toBe(false);
    expect(kernelError('r', 'm', 'p')).toEqual({ _tag: 'KernelError', rule: 'r', message: 'm', path: 'p' });
    expect(formatKernelError(kernelError('r', 'm'))).toBe('r: m');
    expect(formatKernelError(kernelError('r', 'm', 'a[1]'))).toBe('r: at a[1]: m');
    expect(gateKindName).toEqual(['input', 'const', 'not', 'and', 'or', 'ge', 'le']);
    expect(GateKind).toEqual({ Input: 0, Const: 1, Not: 2, And: 3, Or: 4, Ge: 5, Le: 6 });
  });
});
