/**
 * The JSON transformer format (`src/core/modelCodec.ts`): every rejection class names its path,
 * decode ∘ encode = id, the examples decode, nothing throws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  checkModelAt,
  decodeModel,
  decodeModelDocument,
  decodeModelDocumentText,
  decodeModelText,
  encodeModel,
  MODEL_LIMITS,
} from '../src/core/modelCodec.js';
import { errs, ok } from './modelCodec.helpers.js';
import { runTransformer, type TransformerModel } from '../src/core/transformer.js';
import { arbTransformerModel } from '../src/reductions/randomTransformer.js';

const EXAMPLES = new URL('../examples/', import.meta.url);


/** A valid two-layer document to break in one place at a time. */
const base = (): Record<string, unknown> => ({
  format: 'parallelism-tradeoff/transformer',
  version: 1,
  alphabet: ['a', 'b', 'c'],
  dModel: 2,
  precision: { c: 1 },
  causal: true,
  tokenEmbedding: [
    [1, 0],
    [0, 1],
    [0.5, -0.5],
  ],
  positional: { kind: 'none' },
  layers: [
    {
      heads: [
        { attention: 'softmax', wq: [[1, 0]], wk: [[0, 1]], wv: [[1, 1]], wo: [[1], [0]] },
        {
          attention: 'hard',
          wq: [
            [1, 0],
            [0, 1],
          ],
          wk: [
            [1, 0],
            [0, 1],
          ],
          wv: [
            [1, 0],
            [0, 1],
          ],
          wo: [
            [1, 0],
            [0, 1],
          ],
        },
      ],
      ffn: { w1: [[1, -1]], b1: [0.25], w2: [[1], [-1]], b2: [0, 0] },
    },
    { heads: [{ attention: 'saturated', wq: [[0, 0]], wk: [[0, 0]], wv: [[0, 1]], wo: [[0], [1]] }], ffn: null },
  ],
  output: { kind: 'accept', coordinate: 1 },
});

/** The base document with the value at `path` (dot/bracket segments) replaced (or deleted when `value` is DELETE). */
const DELETE = Symbol('delete');
const edit = (path: readonly (string | number)[], value: unknown): Record<string, unknown> => {
  const doc = base();
  let here: Record<string | number, unknown> = doc;
  for (const key of path.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) delete here[last];
  else here[last] = value;
  return doc;
};

const rejects = (doc: unknown, path: string, message: string | RegExp): void => {
  const text = errs(decodeModel(doc));
  const line = text.split('\n').find((l) => l.startsWith(`${path}: `));
  if (line === undefined) throw new Error(`no error at ${path}; got:\n${text}`);
  if (typeof message === 'string') expect(line).toContain(message);
  else expect(line).toMatch(message);
};

describe('decodeModel accepts', () => {
  it('the base document', () => {
    const m = ok(decodeModel(base()));
    expect(m.layers.length).toBe(2);
    expect(m.layers[1]!.ffn).toBeNull();
  });

  it('every examples/*.json (via decodeModelText), and each runs', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const f of files) {
      const doc = ok(decodeModelDocumentText(readFileSync(new URL(f, EXAMPLES), 'utf8')));
      expect(doc.description, f).not.toBeNull();
      expect(isRight(runTransformer(doc.model, [0, 0, 0])), f).toBe(true);
    }
  });

  it('an omitted ffn as null, −0 as 0, a byte-order mark', () => {
    const d = edit(['layers', 1, 'ffn'], DELETE);
    (d['tokenEmbedding'] as number[][])[0]![1] = -0;
    const m = ok(decodeModelText('\uFEFF' + JSON.stringify(d)));
    expect(m.layers[1]!.ffn).toBeNull();
    expect(Object.is(m.tokenEmbedding[0]![1], 0)).toBe(true);
  });

  it('heads with different dHead in one layer, a layer with no heads, a model with no layers', () => {
    ok(decodeModel(base()));
    ok(decodeModel(edit(['layers', 1, 'heads'], [])));
    ok(decodeModel(edit(['layers'], [])));
  });
});

describe('decodeModel rejects, naming the path', () => {
  it('format and version', () => {
    rejects(edit(['format'], 'parallelism-tradeoff/circuit'), 'format', 'expected "parallelism-tradeoff/transformer", got "parallelism-tradeoff/circuit"');
    rejects(edit(['version'], 2), 'version', 'expected 1');
    rejects(edit(['version'], DELETE), 'version', 'the key is missing');
    rejects([], '(top level)', 'expected a transformer object');
    rejects(null, '(top level)', 'expected a transformer object');
  });

  it('the alphabet: empty, duplicates, non-strings, empty strings', () => {
    rejects(edit(['alphabet'], []), 'alphabet', 'at least one symbol');
    rejects(edit(['alphabet'], ['a', 'b', 'a']), 'alphabet[2]', 'expected distinct symbols, got "a" again (it is alphabet[0])');
    rejects(edit(['alphabet'], ['a', 7, 'c']), 'alphabet[1]', 'expected a non-empty string');
    rejects(edit(['alphabet'], ['a', '', 'c']), 'alphabet[1]', 'expected a non-empty string');
  });

  it('dModel, precision and causal of the wrong type or range', () => {
    rejects(edit(['dModel'], 0), 'dModel', 'expected integer in 1..4096, got 0');
    rejects(edit(['dModel'], 2.5), 'dModel', 'expected integer in 1..4096, got 2.5');
    rejects(edit(['dModel'], '2'), 'dModel', 'got "2"');
    rejects(edit(['precision', 'c'], 0), 'precision.c', 'expected a number c with 0 < c ≤ 32');
    rejects(edit(['precision', 'c'], -1), 'precision.c', 'got -1');
    rejects(edit(['precision', 'c'], 33), 'precision.c', 'must be ≤ 64 at n = 2');
    rejects(edit(['precision', 'c'], Number.NaN), 'precision.c', 'got NaN');
    rejects(edit(['precision'], 1), 'precision', 'expected a precision {"c": c}, got 1');
    rejects(edit(['causal'], 'yes'), 'causal', 'expected boolean, got "yes"');
  });

  it('non-numbers, NaN and ±Infinity inside matrices (a JS object can hold them)', () => {
    rejects(edit(['layers', 0, 'heads', 0, 'wq', 0, 1], 'x'), 'layers[0].heads[0].wq[0][1]', 'expected a finite number, got "x"');
    rejects(edit(['layers', 0, 'heads', 1, 'wk', 1, 0], Number.NaN), 'layers[0].heads[1].wk[1][0]', 'expected a finite number, got NaN');
    rejects(edit(['tokenEmbedding', 2, 0], Number.POSITIVE_INFINITY), 'tokenEmbedding[2][0]', 'got Infinity');
    rejects(edit(['layers', 0, 'ffn', 'b1', 0], Number.NEGATIVE_INFINITY), 'layers[0].ffn.b1[0]', 'got -Infinity');
    rejects(edit(['layers', 0, 'ffn', 'b2'], 3), 'layers[0].ffn.b2', 'expected an array of numbers, got 3');
    rejects(edit(['layers', 0, 'heads', 0, 'wv'], [1, 1]), 'layers[0].heads[0].wv[0]', 'expected an array of numbers, got 1');
  });

  it('unknown attention kinds, positional kinds and output kinds', () => {
    rejects(edit(['layers', 0, 'heads', 1, 'attention'], 'linear'), 'layers[0].heads[1].attention', 'expected one of "softmax", "saturated", "hard", got "linear"');
    rejects(edit(['positional', 'kind'], 'sinusoidal'), 'positional.kind', 'expected one of "none", "table", "affine", got "sinusoidal"');
    rejects(edit(['output', 'kind'], 'reject'), 'output.kind', 'expected one of "accept", "state", got "reject"');
    rejects(edit(['output'], 'accept'), 'output', 'expected an output rule');
  });

  it('unknown keys, at every level', () => {
    rejects(edit(['weights'], []), 'weights', 'unknown key in a transformer object');
    rejects(edit(['precision', 'p'], 8), 'precision.p', 'unknown key in a precision');
    rejects(edit(['layers', 0, 'heads', 0, 'bias'], [0]), 'layers[0].heads[0].bias', 'unknown key in a head');
    rejects(edit(['layers', 0, 'norm'], true), 'layers[0].norm', 'unknown key in a layer');
    rejects(edit(['layers', 0, 'ffn', 'b3'], [0]), 'layers[0].ffn.b3', 'unknown key in a feed-forward block');
    rejects(edit(['positional', 'rows'], [[0, 0]]), 'positional.rows', 'unknown key in a positional encoding');
    rejects(edit(['output', 'threshold'], 0), 'output.threshold', 'unknown key in an output rule');
  });

  it('row lengths against dModel, dHead and hidden, with the path of the row', () => {
    rejects(edit(['tokenEmbedding', 1], [0, 1, 2]), 'tokenEmbedding[1]', 'expected 2 numbers (dModel), got an array of length 3');
    rejects(edit(['tokenEmbedding'], [[1, 0]]), 'tokenEmbedding', 'expected 3 rows (|Σ|, one per symbol), got an array of length 1');
    rejects(edit(['layers', 0, 'heads', 1, 'wq', 1], [1]), 'layers[0].heads[1].wq[1]', 'expected 2 numbers (dModel), got an array of length 1');
    rejects(edit(['layers', 0, 'heads', 1, 'wk'], [[1, 0]]), 'layers[0].heads[1].wk', 'expected 2 rows (dHead, the rows of wq), got an array of length 1');
    rejects(edit(['layers', 0, 'heads', 0, 'wv'], [[1, 0], [0, 1]]), 'layers[0].heads[0].wv', 'expected 1 row (dHead, the rows of wq)');
    rejects(edit(['layers', 0, 'heads', 0, 'wo'], [[1]]), 'layers[0].heads[0].wo', 'expected 2 rows (dModel), got an array of length 1');
    rejects(edit(['layers', 0, 'heads', 0, 'wo', 1], [0, 0]), 'layers[0].heads[0].wo[1]', 'expected 1 number (dHead, the rows of wq), got an array of length 2');
    rejects(edit(['layers', 0, 'heads', 0, 'wq'], []), 'layers[0].heads[0].wq', 'dHead ≥ 1');
    rejects(edit(['layers', 0, 'ffn', 'w1', 0], [1]), 'layers[0].ffn.w1[0]', 'expected 2 numbers (dModel)');
    rejects(edit(['layers', 0, 'ffn', 'b1'], [0, 0]), 'layers[0].ffn.b1', 'expected 1 number (hidden, the rows of w1), got an array of length 2');
    rejects(edit(['layers', 0, 'ffn', 'w2', 1], [1, 2]), 'layers[0].ffn.w2[1]', 'expected 1 number (hidden, the rows of w1)');
    rejects(edit(['layers', 0, 'ffn', 'w2'], [[1]]), 'layers[0].ffn.w2', 'expected 2 rows (dModel)');
    rejects(edit(['layers', 0, 'ffn', 'b2'], [0]), 'layers[0].ffn.b2', 'expected 2 numbers (dModel), got an array of length 1');
    rejects(edit(['layers', 0, 'ffn', 'w1'], []), 'layers[0].ffn.w1', 'hidden ≥ 1');
  });

  it('positional tables and affine vectors of the wrong width', () => {
    rejects(edit(['positional'], { kind: 'table', rows: [[0, 0], [0]] }), 'positional.rows[1]', 'expected 2 numbers (dModel), got an array of length 1');
    rejects(edit(['positional'], { kind: 'table', rows: [] }), 'positional.rows', 'at least one row');
    rejects(edit(['positional'], { kind: 'affine', constant: [0, 0], index: [1], fraction: [0, 0] }), 'positional.index', 'expected 2 numbers (dModel)');
    rejects(edit(['positional'], { kind: 'affine', constant: [0, 0], fraction: [0, 0] }), 'positional.index', 'the key is missing');
  });

  it('an output coordinate out of range', () => {
    rejects(edit(['output', 'coordinate'], 2), 'output.coordinate', 'expected a coordinate in 0..1 (dModel = 2), got 2');
    rejects(edit(['output', 'coordinate'], -1), 'output.coordinate', 'expected integer ≥ 0, got -1');
    rejects(edit(['output', 'coordinate'], 0.5), 'output.coordinate', 'got 0.5');
  });

  it('sizes beyond the limits, before looking at the elements', () => {
    rejects(edit(['dModel'], 4097), 'dModel', 'expected integer in 1..4096, got 4097');
    rejects(edit(['layers'], new Array(MODEL_LIMITS.maxLayers + 1)), 'layers', 'expected at most 4096 elements (the limit), got an array of length 4097');
    rejects(edit(['alphabet'], new Array(5000)), 'alphabet', 'expected at most 4096 elements');
    rejects(edit(['layers', 0, 'heads'], new Array(1e6)), 'layers[0].heads', 'at most 4096 elements');
    rejects(edit(['layers', 0, 'ffn', 'w1'], new Array(1e9)), 'layers[0].ffn.w1', 'at most 4096 elements');
    rejects(edit(['positional'], { kind: 'table', rows: new Array(2 ** 21) }), 'positional.rows', 'at most 1048576 elements');
    rejects(edit(['alphabet', 0], 'x'.repeat(300)), 'alphabet[0]', 'at most 256 characters');
  });

  it('more numbers in all than the limit (2^24), at the top level', () => {
    const row = new Array<number>(2048).fill(0);
    const doc = { ...base(), dModel: 2048, alphabet: ['a'], tokenEmbedding: [row], output: { kind: 'state' }, layers: [], positional: { kind: 'table', rows: new Array<number[]>(8193).fill(row) } };
    rejects(doc, '(top level)', `the model has ${2048 * 8194} numbers, more than the limit of ${2 ** 24}`);
  });

  it('collects several errors at once', () => {
    const d = edit(['dModel'], 0);
    d['causal'] = 1;
    d['extra'] = true;
    const text = errs(decodeModel(d));
    expect(text).toContain('dModel: ');
    expect(text).toContain('causal: ');
    expect(text).toContain('extra: ');
  });
});

describe('decodeModelText', () => {
  it('JSON syntax errors, with line and column', () => {
    const text = errs(decodeModelText('{\n  "format": "parallelism-tradeoff/transformer",\n  "version": 1,,\n}'));
    expect(text).toMatch(/^JSON text(, line 3, column \d+)?: invalid JSON: /);
    expect(errs(decodeModelText(''))).toMatch(/^JSON text.*: invalid JSON/);
  });

  it('duplicate keys, with the path of the object', () => {
    const good = JSON.stringify(base());
    const dupTop = good.replace('"causal":true', '"causal":true,"causal":false');
    expect(errs(decodeModelText(dupTop))).toBe('(top level): duplicate key "causal" (JSON.parse would keep only the last)');
    const dupHead = good.replace('"attention":"hard",', '"attention":"hard","wq":[[0,0]],');
    expect(errs(decodeModelText(dupHead))).toBe('layers[0].heads[1]: duplicate key "wq" (JSON.parse would keep only the last)');
    const dupEscaped = good.replace('"dModel":2', '"dModel":2,"d\\u004dodel":2');
    expect(errs(decodeModelText(dupEscaped))).toContain('(top level): duplicate key "dModel"');
    // the same key in different objects, and keys inside strings, are fine
    ok(decodeModelText(good.replace('"format"', '"description":"\\"causal\\": {\\"x\\":1,\\"x\\":2} [\\"]","format"')));
  });

  it('a text over the size limit', () => {
    expect(errs(decodeModelText(' '.repeat(MODEL_LIMITS.maxChars + 1)))).toMatch(/^text: \d+ characters is more than the limit/);
  });
});

describe('round trips', () => {
  it('encodeModel → JSON text → decodeModelText is the identity (random models)', () => {
    fc.assert(
      fc.property(arbTransformerModel({ layers: { min: 0, max: 3 }, weight: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)) }), fc.option(fc.string(), { nil: undefined }), (m, description) => {
        const opts = description === undefined ? {} : { description };
        const text = JSON.stringify(encodeModel(m, opts));
        const back = ok(decodeModelDocumentText(text));
        expect(back.model).toEqual(m);
        expect(back.description).toBe(description ?? null);
        expect(encodeModel(back.model, opts)).toEqual(encodeModel(m, opts));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('examples survive decode → encode → decode', () => {
    for (const f of readdirSync(EXAMPLES).filter((x) => x.endsWith('.json'))) {
      const doc = ok(decodeModelDocumentText(readFileSync(new URL(f, EXAMPLES), 'utf8')));
      const again = ok(decodeModelDocument(JSON.parse(JSON.stringify(encodeModel(doc.model, { description: doc.description ?? '' })))));
      expect(again.model).toEqual(doc.model);
    }
  });
});

describe('never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (u) => {
        expect(isLeft(decodeModel(u))).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('on valid documents with one value replaced by anything', () => {
    const paths: (string | number)[][] = [
      ['alphabet'],
      ['dModel'],
      ['precision'],
      ['tokenEmbedding', 0],
      ['positional'],
      ['layers', 0],
      ['layers', 0, 'heads', 0],
      ['layers', 0, 'heads', 1, 'wo'],
      ['layers', 0, 'ffn'],
      ['layers', 1, 'ffn'],
      ['output'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, v) => {
        const r = decodeModel(edit(path, v));
        if (isLeft(r)) for (const e of r.left) expect(e.path.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('on JS values whose getters throw', () => {
    const d = base();
    Object.defineProperty(d, 'dModel', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(errs(decodeModel(d))).toContain('(top level): the value could not be read: boom');
  });

  it('on random texts', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(isLeft(decodeModelText(s))).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('checkModelAt', () => {
  const majority: TransformerModel = ok(decodeModelText(readFileSync(new URL('majority.json', EXAMPLES), 'utf8')));
  it('gives p = max(4, 2⌈c·log₂ n⌉)', () => {
    const p = (n: number): number => {
      const r = checkModelAt(majority, n);
      if (isLeft(r)) throw new Error(r.left);
      return r.right.p;
    };
    expect([1, 2, 4, 5, 1024, 1025].map(p)).toEqual([4, 4, 4, 6, 20, 22]);
  });
  it('reports a c too small for log|Σ| + log n under precision.c', () => {
    const m: TransformerModel = { ...majority, alphabet: ['a', 'b', 'c', 'd'], tokenEmbedding: [[0, 0], [0, 0], [0, 0], [0, 0]], precision: { c: 0.5 } };
    const r = checkModelAt(m, 1024);
    expect(isLeft(r) && r.left).toBe('precision.c: p = 10 at c = 0.5, n = 1024 is too small for log|Σ| + log n = 12 bits (P1 Def 12)');
  });
  it('reports a c too large under precision.c', () => {
    const r = checkModelAt({ ...majority, precision: { c: 32 } }, 4);
    expect(isLeft(r) && r.left).toMatch(/^precision\.c: p = 2⌈c·log₂ n⌉ = 128 at c = 32, n = 4 exceeds the kernel's 64 bits/);
  });
  it('reports a bad n', () => {
    expect(isLeft(checkModelAt(majority, 0))).toBe(true);
    expect(isLeft(checkModelAt(majority, 1.5))).toBe(true);
  });
});
