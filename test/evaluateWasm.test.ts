import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createBuilder, GateKind, type Circuit } from '../src/core/circuit.js';
import { evaluateGates } from '../src/core/evaluate.js';
import {
  evaluateAllInputsFast,
  evaluateBatch,
  evaluateWordsWide,
  type EvaluatorPath,
} from '../src/core/evaluateBitParallel.js';
import { prepareWasmEvaluator, wasmEvaluatorAvailable, WASM_LANES, withWasmEvaluator } from '../src/core/evaluateWasm.js';
import { EVALUATE_WASM_BASE64 } from '../src/core/evaluateWasmModule.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { assembleEvaluatorWasm, WAT_PATH } from '../scripts/buildWasm.js';
import { assignmentsArb, wideFaninCircuitArb } from './circuitArbs.helpers.js';

// Every evaluation path — JS at 1…8 words per gate, the WebAssembly SIMD module, evaluateBatch
// and the exhaustive enumeration on both paths — against the reference evaluator
// (src/core/evaluate.ts), gate by gate and lane by lane, on seeded random circuits with weights.

type Words = (c: Circuit, inputWords: Uint32Array) => Uint32Array;

const wasmWords =
  (bytes?: Uint8Array): Words =>
  (c, w) => {
    const ev = prepareWasmEvaluator(c, bytes);
    if (ev === null) throw new Error('the WebAssembly evaluator is not available');
    return ev.evaluate(w);
  };

/** The evaluators checked, each with its words per gate. */
const PATHS: readonly (readonly [string, number, Words])[] = [
  ['wasm', 4, wasmWords()],
  ...[1, 2, 4, 8].map((W) => [`js W=${W}`, W, (c: Circuit, w: Uint32Array) => evaluateWordsWide(c, w, W)] as const),
];

/** Input words for W words per gate: input j of assignment a at bit a % 32 of word j·W + ⌊a/32⌋. */
const packWide = (numInputs: number, W: number, assignments: readonly Uint8Array[]): Uint32Array => {
  const words = new Uint32Array(numInputs * W);
  assignments.forEach((a, idx) => {
    for (let j = 0; j < numInputs; j++) if (a[j]) words[j * W + Math.floor(idx / 32)]! |= 1 << idx % 32;
  });
  return words;
};

/** The first disagreement of an evaluator with the reference evaluator, or null. */
const disagreement = (name: string, W: number, ev: Words, c: Circuit, assignments: readonly Uint8Array[]): string | null => {
  const as = assignments.slice(0, 32 * W);
  const words = ev(c, packWide(c.numInputs, W, as));
  for (let a = 0; a < as.length; a++) {
    const ref = evaluateGates(c, as[a]!);
    const q = Math.floor(a / 32);
    for (let i = 0; i < c.numGates; i++) {
      const got = (words[i * W + q]! >>> a % 32) & 1;
      if (got !== ref[i]) {
        return `${name}: gate ${i} (${['input', 'const', 'not', 'and', 'or', 'ge', 'le'][c.kind[i]!]}), assignment ${a} = ${as[a]!.join('')}: got ${got}, reference ${ref[i]}`;
      }
    }
  }
  return null;
};

const wideFaninArb = wideFaninCircuitArb({ maxInputs: 9, maxSmallFanin: 70, maxWeight: 2 ** 23 });

const everyPathAgrees = (c: Circuit, as: readonly Uint8Array[]): void => {
  for (const [name, W, ev] of PATHS) {
    const d = disagreement(name, W, ev, c, as);
    if (d !== null) throw new Error(d);
  }
};

describe('the WebAssembly module', () => {
  it('runs here (WebAssembly SIMD), so the fast path is the one the checker and verify take', () => {
    expect(wasmEvaluatorAvailable()).toBe(true);
  });

  it('the committed bytes are a rebuild of src/wasm/evaluate.wat (npm run build:wasm)', async () => {
    const rebuilt = await assembleEvaluatorWasm();
    expect(Buffer.from(rebuilt).toString('base64')).toBe(EVALUATE_WASM_BASE64);
  });
});

describe('every evaluation path agrees with the reference evaluator', () => {
  it('random circuits with weights (src/reductions/randomCircuit.ts)', () => {
    fc.assert(
      fc.property(
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 7, maxGates: 30 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 256)),
        ),
        ([c, as]) => everyPathAgrees(c, as),
      ),
      { seed: 0x13_31, numRuns: 200 },
    );
  });

  it('large fan-ins (both counting paths) and weights up to ±2^23 (|k| and Σ|w| below 2^31, as the builder requires)', () => {
    fc.assert(
      fc.property(
        wideFaninArb.chain((c) => fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 256))),
        ([c, as]) => everyPathAgrees(c, as),
      ),
      { seed: 0x13_32, numRuns: 120 },
    );
  });

  it('thresholds far outside the builder\'s k range (raw circuits), ±2^31', () => {
    fc.assert(
      fc.property(
        wideFaninArb.chain((c) => fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 128))),
        fc.array(fc.oneof(fc.constantFrom(0x7fffffff, -0x7fffffff, -0x80000000), fc.integer()), { minLength: 1, maxLength: 8 }),
        ([c0, as], ks) => {
          const param = Int32Array.from(c0.param as Int32Array);
          let j = 0;
          for (let i = 0; i < c0.numGates; i++) {
            if (c0.kind[i] === GateKind.Ge || c0.kind[i] === GateKind.Le) param[i] = ks[j++ % ks.length]!;
          }
          everyPathAgrees({ ...c0, param }, as);
        },
      ),
      { seed: 0x13_33, numRuns: 60 },
    );
  });

  it('the WebAssembly words equal evaluateWordsWide(·, 4) word for word', () => {
    fc.assert(
      fc.property(wideFaninArb, fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 36, maxLength: 36 }), (c, ws) => {
        const inputs = Uint32Array.from(ws.slice(0, 4 * c.numInputs));
        expect([...wasmWords()(c, inputs)]).toEqual([...evaluateWordsWide(c, inputs, 4)]);
      }),
      { seed: 0x13_34, numRuns: 60 },
    );
  });

  it('evaluateBatch and evaluateAllInputsFast give the reference outputs on both paths', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EvaluatorPath>('fastest', 'js', 'wasm'),
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 9, maxGates: 30 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 300)),
        ),
        (path, [c, as]) => {
          const got = evaluateBatch(c, as, path);
          expect(got.length).toBe(as.length);
          as.forEach((a, i) => {
            const ref = evaluateGates(c, a);
            expect([...got[i]!]).toEqual([...c.outputs].map((o) => ref[o]!));
          });
          const seen = new Set<number>();
          const total = evaluateAllInputsFast(
            c,
            (words, W, base, lanes) => {
              expect(W).toBe(path === 'js' ? 1 : 4);
              for (let b = 0; b < lanes; b++) {
                const a = base + b;
                seen.add(a);
                const bits = Uint8Array.from({ length: c.numInputs }, (_, j) => Math.floor(a / 2 ** j) % 2);
                const ref = evaluateGates(c, bits);
                for (let i = 0; i < c.numGates; i++) expect((words[i * W + (b >>> 5)]! >>> (b & 31)) & 1).toBe(ref[i]);
              }
            },
            path,
          );
          expect(total).toBe(2 ** c.numInputs);
          expect(seen.size).toBe(2 ** c.numInputs);
        },
      ),
      { seed: 0x13_35, numRuns: 60 },
    );
  });

  it('the ripple counter is shared by all gates of a pass: a gate ignores bits a wider one left', () => {
    const b = createBuilder();
    const [x] = b.inputs(1) as [number];
    const one = b.constant(1);
    const big = b.ge(Array.from({ length: 300 }, () => one), 300); // leaves counter bit 8 set
    const args = [...Array.from({ length: 100 }, () => one), ...Array.from({ length: 100 }, () => x)];
    const outs = [big, b.ge(args, 150), b.le(args, 149), b.ge(args, 200), b.le(args, 100)];
    outs.push(b.ge([x, x, one], 3, [2 ** 20, 2 ** 20, -(2 ** 21)]), b.le(args.slice(0, 130), 129));
    const c = b.build(outs);
    for (const path of ['wasm', 'js'] as const) {
      const got = evaluateBatch(c, [[0], [1]], path).map((o) => [...o]);
      expect(got).toEqual([[...c.outputs].map((o) => evaluateGates(c, [0])[o]), [...c.outputs].map((o) => evaluateGates(c, [1])[o])]);
    }
  });

  it('evaluateAllInputsFast stops early and counts what it did; refuses > 40 inputs', () => {
    const b = createBuilder();
    const xs = b.inputs(10);
    const c = b.build([b.and(xs)]);
    let calls = 0;
    expect(evaluateAllInputsFast(c, () => ++calls < 2, 'wasm')).toBe(2 * WASM_LANES);
    expect(calls).toBe(2);
    const big = createBuilder();
    const ys = big.inputs(41);
    expect(() => evaluateAllInputsFast(big.build([ys[0]!]), () => true)).toThrow(/41 inputs, at most 40/);
  });

  it('the reused instance: circuits of growing and shrinking size in turn, and nested calls, stay exact', () => {
    fc.assert(
      fc.property(
        fc.array(
          wideFaninArb.chain((c) => fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 128))),
          { minLength: 2, maxLength: 5 },
        ),
        (cases) => {
          for (const [c, as] of cases) {
            // the outer circuit's batch, with every other case evaluated inside it (a nested call gets a fresh instance)
            withWasmEvaluator(c, (ev) => {
              expect(ev).not.toBeNull();
              const words = Uint32Array.from(ev!.evaluate(packWide(c.numInputs, 4, as)));
              for (const [c2, as2] of cases) {
                const got = evaluateBatch(c2, as2, 'wasm');
                as2.forEach((a, i) => expect([...got[i]!]).toEqual([...c2.outputs].map((o) => evaluateGates(c2, a)[o]!)));
              }
              const again = ev!.evaluate(packWide(c.numInputs, 4, as));
              expect([...again]).toEqual([...words]);
              const d = disagreement('pooled wasm', 4, () => words, c, as);
              if (d !== null) throw new Error(d);
            });
          }
        },
      ),
      { seed: 0x13_38, numRuns: 25 },
    );
  });

  it('refuses a wrong number of input words', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2) as [number, number];
    const ev = prepareWasmEvaluator(b.build([b.or([x, y])]))!;
    expect(() => ev.evaluate(new Uint32Array(7))).toThrow(/2 inputs × 4 words, got 7/);
    expect(ev.memoryBytes).toBeGreaterThan(0);
  });
});

describe('the agreement check can fail', () => {
  const wat = readFileSync(WAT_PATH, 'utf8');
  const mutant = async (from: string, to: string): Promise<Uint8Array> => {
    expect(wat).toContain(from);
    return assembleEvaluatorWasm(wat.replace(from, to));
  };

  it('a WebAssembly build that computes θ≤k as θ≥k is rejected with a shrunk, readable counterexample', async () => {
    const broken = wasmWords(await mutant('(i32.eq (local.get $k) (i32.const 6))', '(i32.eq (local.get $k) (i32.const 7))'));
    const details = fc.check(
      fc.property(
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 4, maxGates: 10 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 128)),
        ),
        ([c, as]) => {
          const d = disagreement('broken wasm', 4, broken, c, as);
          if (d !== null) throw new Error(d);
        },
      ),
      { seed: 0x13_36, numRuns: 300 },
    );
    expect(details.failed).toBe(true);
    expect(details.numShrinks).toBeGreaterThan(0);
    expect(String(details.errorInstance)).toMatch(/broken wasm: gate \d+ \(le\), assignment \d+ = [01]*: got [01], reference [01]/);
    expect(details.counterexample?.[0][0].numGates ?? 99).toBeLessThanOrEqual(3);
  });

  it('a WebAssembly build that drops the negation of negative-weight wires is rejected', async () => {
    const broken = wasmWords(await mutant('(local.set $x (v128.not (local.get $x)))', '(local.set $x (local.get $x))'));
    const details = fc.check(
      fc.property(
        wideFaninArb.chain((c) => fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 128))),
        ([c, as]) => {
          const d = disagreement('broken wasm', 4, broken, c, as);
          if (d !== null) throw new Error(d);
        },
      ),
      { seed: 0x13_37, numRuns: 300 },
    );
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/broken wasm: gate \d+ \((ge|le)\)/);
  });
});
