import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { floatParams, showFloat, type Float, type FloatParams } from '../src/core/float.js';
import { add, call, div, emit, len, loop, mul, n as nE, proc, program, r, read, type Proc, type Program } from '../src/core/logspace/index.js';
import { collectingSink, runProgram } from '../src/core/logspace/machine.js';
import { attend, type GeneralModel, type State } from '../src/core/transformer.js';
import { softmaxTwoLayerExample } from '../src/reductions/exampleModels.js';
import { asGeneral } from '../src/reductions/transformerAsGeneral.js';
import { softmaxGeneralPrograms, weightTape, type SoftmaxGeneralPrograms } from '../src/reductions/uniform/softmaxGeneralPrograms.js';

const paramsOf = (p: number): FloatParams => {
  const r = floatParams(p);
  if (r._tag === 'Left') throw new Error(r.left);
  return r.right;
};
const cells = (P: FloatParams, f: Float): number[] => [f.m < 0n ? 1 : 0, Number(f.m < 0n ? -f.m : f.m), Number(f.e + P.iMax)];
const floatOf = (P: FloatParams, c: readonly number[]): Float => ({ m: BigInt((c[0] === 1 ? -1 : 1) * (c[1] ?? 0)), e: BigInt(c[2] ?? 0) - P.iMax });

/** Every word over k letters of length 1 … L. */
const words = (k: number, L: number): number[][] => {
  const out: number[][] = [];
  let layer: number[][] = [[]];
  for (let l = 1; l <= L; l++) {
    layer = layer.flatMap((w) => Array.from({ length: k }, (_, c) => [...w, c]));
    out.push(...layer);
  }
  return out;
};

interface Cases {
  readonly states: State[];
  /** Per layer: the distinct states entering it (indices into `states`). */
  readonly layerStates: number[][];
  /** Per layer: distinct update inputs (attended state indices, then h). */
  readonly updates: number[][][];
}

/** Run the general model on words of length n and collect the states and update inputs (distinct). */
const collect = (P: FloatParams, g: GeneralModel, ws: readonly number[][]): Cases => {
  const states: State[] = [];
  const ids = new Map<string, number>();
  const id = (s: State): number => {
    const key = s.map((f) => `${f.m}:${f.e}`).join(',');
    let k = ids.get(key);
    if (k === undefined) {
      k = states.length;
      states.push(s);
      ids.set(key, k);
    }
    return k;
  };
  const layerStates = g.layers.map(() => new Set<number>());
  const updates = g.layers.map(() => new Map<string, number[]>());
  for (const w of ws) {
    const n = w.length;
    let h: State[] = w.map((t, i) => g.embed(P, t, i + 1, n));
    g.layers.forEach((layer, l) => {
      h.forEach((s) => layerStates[l]!.add(id(s)));
      const att = layer.heads.map((s) =>
        attend(
          P,
          h.map((hi) => h.map((hj) => s(P, hi, hj))),
          h,
          () => true,
        ),
      );
      const next = h.map((hi, i) => {
        const args = [...att.map((a) => id(a[i]!)), id(hi)];
        updates[l]!.set(args.join(','), args);
        return layer.update(P, att.map((a) => a[i]!), hi);
      });
      h = next;
    });
  }
  return { states, layerStates: layerStates.map((s) => [...s]), updates: updates.map((m) => [...m.values()]) };
};

const run = (prog: Program, params: Readonly<Record<string, number>>, tapes: Readonly<Record<string, ArrayLike<number>>>, n: number) => {
  const s = collectingSink();
  const m = runProgram(prog, { n, params, tapes, sink: s.sink });
  if (isLeft(m)) throw new Error(m.left.message);
  return { records: s.records().map((x) => x.fields), meter: m.right };
};

const withMain = (sg: SoftmaxGeneralPrograms, main: Proc): Program =>
  program({ main: 'main', tags: ['res'], params: ['p'], tapes: ['mw', 'st', 'qs'] }, [...sg.procs, main]);

describe('φ, s, f of asGeneral(softmaxTwoLayerExample) as metered programs', () => {
  const model = softmaxTwoLayerExample();
  const gE = asGeneral(model);
  if (gE._tag === 'Left') throw new Error(gE.left);
  const g = gE.right;
  const sgE = softmaxGeneralPrograms(model);
  if (sgE._tag === 'Left') throw new Error(sgE.left);
  const sg = sgE.right;
  const p = 4;
  const P = paramsOf(p);
  const mw = weightTape(model);
  const W = sg.width;
  // every word of length ≤ 4 runs at p = 4 (c = 1)
  const cases = collect(P, g, words(model.alphabet.length, 3));
  const st = cases.states.flatMap((s) => s.flatMap((f) => cells(P, f)));
  const mismatch = (what: string, got: readonly number[], want: Float): string | null =>
    cells(P, want).join(' ') === got.join(' ') ? null : `${what} = ${showFloat(floatOf(P, got))}, asGeneral says ${showFloat(want)}`;

  it('φ: every coordinate of φ(σ, i) for every token and position i ≤ 4', () => {
    const n = 4;
    const main = proc('main', { tok: model.alphabet.length + 1, pos: add(nE, 1), t: W, s: 2, m: 2, e: 3 }, [], [], [
      loop('tok', 0, model.alphabet.length, [loop('pos', 1, add(nE, 1), [loop('t', 0, W, [call(sg.embed, [r('tok'), r('pos'), r('t')], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))])])]),
    ]);
    const { records } = run(withMain(sg, main), { p }, { mw, st, qs: [] }, n);
    const bad: string[] = [];
    let k = 0;
    for (let tok = 0; tok < model.alphabet.length; tok++)
      for (let pos = 1; pos <= n; pos++) {
        const want = g.embed(P, tok, pos, n);
        for (let t = 0; t < W; t++) {
          const b = mismatch(`φ(${tok}, ${pos})[${t}]`, records[k++]!, want[t]!);
          if (b !== null) bad.push(b);
        }
      }
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('s: every head of every layer on all pairs of the states that enter the layer (words of length ≤ 3)', () => {
    g.layers.forEach((layer, l) => {
      const ix = cases.layerStates[l]!;
      const qs = ix;
      layer.heads.forEach((s, hi) => {
        const main = proc('main', { i: len('qs'), j: len('qs'), s: 2, m: 2, e: 3 }, [], [], [
          loop('i', 0, len('qs'), [loop('j', 0, len('qs'), [call(sg.score[l]![hi]!, [read('qs', r('i')), read('qs', r('j'))], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))])]),
        ]);
        const { records } = run(withMain(sg, main), { p }, { mw, st, qs }, 4);
        const bad: string[] = [];
        let k = 0;
        for (const a of ix)
          for (const b of ix) {
            const x = mismatch(`s${l}_${hi}(state ${a}, state ${b})`, records[k++]!, s(P, cases.states[a]!, cases.states[b]!));
            if (x !== null) bad.push(x);
          }
        expect(bad.slice(0, 3)).toEqual([]);
      });
    });
  });

  it('f: every coordinate of every layer update on the inputs of every run (words of length ≤ 3)', () => {
    g.layers.forEach((layer, l) => {
      const qs = cases.updates[l]!;
      const H = layer.heads.length;
      const A = H + 1;
      const main = proc('main', { u: add(div(len('qs'), A), 1), t: W, s: 2, m: 2, e: 3 }, [], [], [
        loop('u', 0, div(len('qs'), A), [
          loop('t', 0, W, [
            call(sg.update[l]!, [...Array.from({ length: A }, (_, a) => read('qs', add(mul(r('u'), A), a))), r('t')], ['s', 'm', 'e']),
            emit('res', r('s'), r('m'), r('e')),
          ]),
        ]),
      ]);
      const { records, meter } = run(withMain(sg, main), { p }, { mw, st, qs: qs.flat() }, 4);
      const bad: string[] = [];
      let k = 0;
      for (const args of qs) {
        const want = layer.update(P, args.slice(0, H).map((a) => cases.states[a]!), cases.states[args[H]!]!);
        for (let t = 0; t < W; t++) {
          const x = mismatch(`f${l}(${args.join(', ')})[${t}]`, records[k++]!, want[t]!);
          if (x !== null) bad.push(x);
        }
      }
      expect(bad.slice(0, 3)).toEqual([]);
      // a call stack of constant height for the model (measured 10 frames, 515 bits at p = 4 for
      // both layers; 29.8M and 15.5M steps for the 9 and 61 inputs)
      expect(meter.peakFrames).toBeLessThanOrEqual(10);
      expect(meter.peakBits).toBeLessThanOrEqual(520);
    });
  });

  it('honesty: an update whose ReLU lets negative values through is caught with a readable counterexample', () => {
    const l = 0;
    const qs = cases.updates[l]!;
    const H = model.layers[l]!.heads.length;
    const A = H + 1;
    // in the producer of x' = y ⊕ W_2 ReLU(u) ⊕ b_2, "negative or zero" becomes "negative and zero"
    const procs = sg.procs.map((x) => (x.name === 'sgXp0T' ? (JSON.parse(JSON.stringify(x).replaceAll('"op":"or"', '"op":"and"')) as Proc) : x));
    // coordinate 2 (x'[2] = min(x[2], x[3]) in the example) only: the one the flaw can reach
    const main = proc('main', { u: add(div(len('qs'), A), 1), s: 2, m: 2, e: 3 }, [], [], [
      loop('u', 0, div(len('qs'), A), [call(sg.update[l]!, [...Array.from({ length: A }, (_, a) => read('qs', add(mul(r('u'), A), a))), 2], ['s', 'm', 'e']), emit('res', r('s'), r('m'), r('e'))]),
    ]);
    const { records } = run(withMain({ ...sg, procs }, main), { p }, { mw, st, qs: qs.flat() }, 4);
    let first: string | null = null;
    qs.forEach((args, k) => {
      const want = g.layers[l]!.update(P, args.slice(0, H).map((a) => cases.states[a]!), cases.states[args[H]!]!);
      first ??= mismatch(`f${l}(${args.join(', ')})[2]`, records[k]!, want[2]!);
    });
    expect(first).toMatch(/^f0\(\d+, \d+, \d+\)\[2\] = ⟨-?\d+, -?\d+⟩, asGeneral says ⟨-?\d+, -?\d+⟩$/);
  });

  it('is Left for a model it does not cover', () => {
    expect(isRight(softmaxGeneralPrograms(model))).toBe(true);
    expect(isLeft(softmaxGeneralPrograms({ ...model, positional: { kind: 'table', rows: [[0, 0, 0, 0]] } }))).toBe(true);
  });
});
