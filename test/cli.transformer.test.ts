/**
 * End-to-end tests of `tradeoff compile`, `tradeoff verify` and `tradeoff run`, run from source
 * with tsx (the same code the compiled bin runs), and unit tests of the pure parts of
 * `src/cli/transformerCommands.ts` (token parsing, verification with a wrong circuit).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli.helpers.js';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';
import type { TransformerModel } from '../src/core/transformer.js';
import {
  compileModel,
  formatCounterexample,
  parseTokens,
  showTokens,
  verificationInputs,
  verifyCompiled,
} from '../src/cli/transformerCommands.js';


const dir = mkdtempSync(join(tmpdir(), 'tradeoff-tf-'));
const MAJ = 'examples/majority.json';
const SOFTMAX = 'examples/softmax-2layer.json';

/** A state model over a multi-character alphabet: one softmax head, d_model = 1. */
const stateModel: TransformerModel = {
  alphabet: ['ab', 'c'],
  dModel: 1,
  precision: { c: 1 },
  causal: true,
  tokenEmbedding: [[1], [-0.5]],
  positional: { kind: 'none' },
  layers: [{ heads: [{ attention: 'softmax', wq: [[1]], wk: [[1]], wv: [[1]], wo: [[1]] }], ffn: null }],
  output: { kind: 'state' },
};
const stateFile = join(dir, 'state.json');
writeFileSync(
  stateFile,
  JSON.stringify({ format: 'parallelism-tradeoff/transformer', version: 1, ...stateModel }),
);

describe('tradeoff compile', () => {
  it('prints size and depth in both bases and the component table', async () => {
    const r = await cli('compile', MAJ, '--n', '4');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('arithmetic route: n = 4, p = 4, 1 bit per token; 4 inputs, 1 output');
    expect(r.stdout).toMatch(/size\s+[\d,]+\s+P1 basis: [\d,]+/);
    expect(r.stdout).toMatch(/depth\s+\d+\s+P1 basis: \d+/);
    expect(r.stdout).toMatch(/component\s+gates\s+share\s+depth/);
    expect(r.stdout).toMatch(/total\s+[\d,]+/);
  });

  it('--json gives the same figures as data', async () => {
    const r = await cli('compile', MAJ, '--n', '4', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ route: 'arithmetic', n: 4, p: 4, bitsPerToken: 1, inputs: 4, outputs: 1 });
    expect(typeof doc['size']).toBe('number');
    expect(typeof doc['depthP1']).toBe('number');
    expect(Array.isArray(doc['breakdown'])).toBe(true);
  });

  it('--out writes a circuit that `tradeoff eval` runs to the verdict', async () => {
    const f = join(dir, 'maj4.json');
    const r = await cli('compile', MAJ, '--n', '4', '--out', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${f} (json)`);
    for (const [input, verdict] of [
      ['1101', '1'],
      ['1100', '0'],
      ['0001', '0'],
      ['1111', '1'],
    ] as const) {
      const e = await cli('eval', '--circuit', f, '--input', input);
      expect(e.code).toBe(0);
      expect(e.stdout.trim()).toBe(verdict);
    }
  });

  it('--format serial and dot', async () => {
    const s = join(dir, 'maj3.txt');
    expect((await cli('compile', MAJ, '--n', '3', '--format', 'serial', '--out', s)).code).toBe(0);
    expect(readFileSync(s, 'utf8').startsWith('X X X')).toBe(true);
    const e = await cli('eval', '--circuit', s, '--input', '110');
    expect(e.stdout.trim()).toBe('1');
    const d = join(dir, 'maj3.dot');
    expect((await cli('compile', MAJ, '--n', '3', '--format', 'dot', '--out', d)).code).toBe(0);
    expect(readFileSync(d, 'utf8')).toContain('digraph');
  });

  it('the paper route refuses a saturated-attention model with exit 2', async () => {
    const r = await cli('compile', MAJ, '--n', '4', '--route', 'paper');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the paper route cannot compile this model');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it.skipIf(!existsSync(SOFTMAX))('the paper route says why a softmax model is out of reach, exit 2', async () => {
    const r = await cli('compile', SOFTMAX, '--n', '2', '--route', 'paper');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the paper route cannot compile this model at n = 2');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a length without a precision (p > 64) with exit 2', async () => {
    const r = await cli('compile', MAJ, '--n', '100000000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exceeds');
  });

  it('reports a bad model with its JSON path, exit 2, no stack trace', async () => {
    const model = JSON.parse(readFileSync(MAJ, 'utf8')) as { layers: { heads: { wq: unknown }[] }[] };
    model.layers[0]!.heads[0]!.wq = [[0, 'x']];
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(model));
    const r = await cli('compile', f, '--n', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid model');
    expect(r.stderr).toContain('layers[0].heads[0].wq[0][1]');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports malformed JSON and a missing file with exit 2', async () => {
    const f = join(dir, 'syntax.json');
    writeFileSync(f, '{"format": "parallelism-tradeoff/transformer",');
    const r = await cli('compile', f, '--n', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid model');
    const m = await cli('compile', join(dir, 'nope.json'), '--n', '4');
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('cannot read model file');
  });

  it('refuses a bad --n and a bad --route', async () => {
    expect((await cli('compile', MAJ, '--n', '0')).code).toBe(2);
    const r = await cli('compile', MAJ, '--n', '4', '--route', 'magic');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('magic');
  });
});

describe('tradeoff verify', () => {
  it('majority: exhaustive at n = 6, with the float64 agreement', async () => {
    const r = await cli('verify', MAJ, '--n', '6');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ the circuit agrees with runTransformer on all 64 inputs of length 6');
    expect(r.stdout).toMatch(/float64 vs p-precision: same verdict on \d+ of 64 inputs/);
  });

  it('majority: seeded random inputs past 4096, --json', async () => {
    const r = await cli('verify', MAJ, '--n', '13', '--samples', '40', '--seed', '7', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ mode: 'random', seed: 7, inputs: 40, checked: 40, verdict: 'agrees', problem: null, counterexample: null });
    expect(doc['float64']).toMatchObject({ kind: 'accept', inputs: 40 });
  });

  it('a state model over a multi-character alphabet', async () => {
    const r = await cli('verify', stateFile, '--n', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 8 inputs of length 3');
    expect(r.stdout).toMatch(/same sign on \d+ of 24 final-state coordinates .* max \|difference\| /);
  });

  it.skipIf(!existsSync(SOFTMAX))('examples/softmax-2layer.json: exhaustive at n = 5, and a trace', async () => {
    const r = await cli('verify', SOFTMAX, '--n', '5');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ the circuit agrees with runTransformer on all 243 inputs of length 5');
    const t = await cli('run', SOFTMAX, '--input', 'aaabbc', '--trace');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('after layer 2:');
    expect(t.stdout).toMatch(/^reject\s/m);
  });
});

describe('tradeoff run', () => {
  it('prints p and the verdict', async () => {
    const r = await cli('run', MAJ, '--input', '11010');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('n = 5, p = 6, input "11010"');
    expect(r.stdout).toMatch(/^accept\s/m);
    const s = await cli('run', MAJ, '--input', '1100');
    expect(s.stdout).toMatch(/^reject\s/m);
  });

  it('--trace prints each layer per position, --float64 alongside', async () => {
    const r = await cli('run', MAJ, '--input', '101', '--trace', '--float64');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('embedding:');
    expect(r.stdout).toContain('after layer 1:');
    expect(r.stdout).toMatch(/i\s+token\s+x\[0\]\s+f64\[0\]\s+x\[1\]\s+f64\[1\]/);
    // the embedding of token 1 is (1, 0), of token 0 is (−1, 0)
    expect(r.stdout).toMatch(/^\s+1\s+1\s+1\s+1\s+0\s+0$/m);
    expect(r.stdout).toMatch(/^\s+2\s+0\s+-1\s+-1\s+0\s+0$/m);
    expect(r.stdout).toMatch(/^float64: accept/m);
  });

  it('--json with the exact floats', async () => {
    const r = await cli('run', MAJ, '--input', '0111', '--json', '--trace');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { n: number; p: number; accept: boolean; final: { value: number; m: string; e: string }[][]; trace: { stage: string }[] };
    expect(doc.n).toBe(4);
    expect(doc.accept).toBe(true);
    expect(doc.final).toHaveLength(4);
    expect(doc.final[0]![0]).toMatchObject({ value: -1 });
    expect(typeof doc.final[0]![0]!.m).toBe('string');
    expect(doc.trace.map((t) => t.stage)).toEqual(['embedding', 'after layer 1']);
  });

  it('comma-separated tokens for a multi-character alphabet; a state model prints its final state', async () => {
    const r = await cli('run', stateFile, '--input', 'ab, c,ab');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('input "ab,c,ab"');
    expect(r.stdout).toContain('final state:');
  });

  it('an unknown symbol is exit 2 naming its position', async () => {
    const r = await cli('run', MAJ, '--input', '0120');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('position 3: "2" is not a symbol of the alphabet {"0", "1"}');
    const e = await cli('run', MAJ, '--input', '');
    expect(e.code).toBe(2);
  });
});

describe('transformerCommands (in process)', () => {
  it('parseTokens / showTokens', () => {
    expect(parseTokens(['0', '1'], '0110')).toEqual({ _tag: 'Right', right: [0, 1, 1, 0] });
    expect(parseTokens(['ab', 'c'], 'c,ab')).toEqual({ _tag: 'Right', right: [1, 0] });
    const bad = parseTokens(['ab', 'c'], 'c,x');
    expect(isLeft(bad) && bad.left).toContain('position 2: "x"');
    expect(showTokens(['ab', 'c'], [1, 0])).toBe('c,ab');
    expect(showTokens(['0', '1'], [1, 0])).toBe('10');
  });

  it('verificationInputs: exhaustive up to 4096, else seeded and reproducible', () => {
    const ex = verificationInputs(2, 12, 10, 1);
    expect(ex.mode).toBe('exhaustive');
    expect(ex.inputs).toHaveLength(4096);
    expect(ex.inputs[1]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const rnd = verificationInputs(2, 13, 10, 5);
    expect(rnd.mode).toBe('random');
    expect(rnd.inputs).toHaveLength(10);
    expect(verificationInputs(2, 13, 10, 5).inputs).toEqual(rnd.inputs);
  });

  it('a wrong circuit gives a counterexample with the symbols and both outputs', () => {
    const model = majorityTransformer();
    const compiled = compileModel(model, 4, 'arithmetic');
    expect(isRight(compiled)).toBe(true);
    if (!isRight(compiled)) return;
    const b = createBuilder();
    b.inputs(4);
    const wrong = { ...compiled.right, circuit: b.build([b.constant(1)]) };
    const report = verifyCompiled(model, wrong, verificationInputs(2, 4, 0, 1).inputs);
    expect(report.problem).toBeNull();
    expect(report.counterexample).not.toBeNull();
    const lines = formatCounterexample(model, report.counterexample!).join('\n');
    expect(lines).toContain('counterexample: input "0000"');
    expect(lines).toContain('circuit:     accept');
    expect(lines).toContain('transformer: reject');
  });

  it('a circuit of the wrong shape breaks the contract', () => {
    const model = majorityTransformer();
    const compiled = compileModel(model, 4, 'arithmetic');
    if (!isRight(compiled)) throw new Error(compiled.left);
    const b = createBuilder();
    const xs = b.inputs(3);
    const report = verifyCompiled(model, { ...compiled.right, circuit: b.build([xs[0]!]) }, [[0, 0, 0, 0]]);
    expect(report.problem).toContain('the circuit has 3 inputs');
  });
});
