/**
 * Mutation tests of `src/core/modelCodec.ts` (`npm run mutate -- modelCodec`): the `is` guards
 * and encoders of the exported codecs, the limits at their boundaries, the exact messages, JSON
 * syntax positions (line and column, with and without a byte-order mark), the paths of
 * duplicate keys in nested objects and arrays, and the description.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLeft, isRight, left, type Either } from 'fp-ts/lib/Either.js';
import {
  AttentionKindC,
  checkModelAt,
  decodeModel,
  decodeModelDocument,
  decodeModelDocumentText,
  decodeModelText,
  DimC,
  duplicateJsonKeys,
  encodeModel,
  FeedForwardC,
  FeedForwardOrNullC,
  FiniteNumberC,
  HeadC,
  LayerC,
  MatrixC,
  MODEL_LIMITS,
  ModelFormatC,
  ModelVersionC,
  OutputRuleC,
  PositionalC,
  PrecisionConstantC,
  SymbolC,
  TransformerJsonC,
  VectorC,
  type ModelError,
} from '../src/core/modelCodec.js';
import { errs, ok } from './modelCodec.helpers.js';


const doc = (): Record<string, unknown> => ({
  format: 'parallelism-tradeoff/transformer',
  version: 1,
  alphabet: ['a', 'b'],
  dModel: 2,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [1, 0],
    [0, 1],
  ],
  positional: { kind: 'none' },
  layers: [
    {
      heads: [{ attention: 'saturated', wq: [[0, 0]], wk: [[0, 0]], wv: [[1, 0]], wo: [[0], [1]] }],
      ffn: { w1: [[1, -1]], b1: [0.5], w2: [[1], [0]], b2: [0, 0] },
    },
  ],
  output: { kind: 'accept', coordinate: 1 },
});
const withKey = (key: string, value: unknown): Record<string, unknown> => ({ ...doc(), [key]: value });

describe('the is guards and encoders of the codecs', () => {
  it('scalars', () => {
    expect(FiniteNumberC.is(1.5)).toBe(true);
    expect(FiniteNumberC.is(Number.NaN)).toBe(false);
    expect(FiniteNumberC.is(Number.POSITIVE_INFINITY)).toBe(false);
    expect(FiniteNumberC.is('1')).toBe(false);
    expect(ModelFormatC.is('parallelism-tradeoff/transformer')).toBe(true);
    expect(ModelFormatC.is('parallelism-tradeoff/circuit')).toBe(false);
    expect(ModelVersionC.is(1)).toBe(true);
    expect(ModelVersionC.is(2)).toBe(false);
    expect(SymbolC.is('a')).toBe(true);
    expect(SymbolC.is('x'.repeat(256))).toBe(true);
    expect(SymbolC.is('x'.repeat(257))).toBe(false);
    expect(SymbolC.is('')).toBe(false);
    expect(SymbolC.is(1)).toBe(false);
    expect(PrecisionConstantC.is(32)).toBe(true);
    expect(PrecisionConstantC.is(0.001)).toBe(true);
    expect(PrecisionConstantC.is(32.5)).toBe(false);
    expect(PrecisionConstantC.is(0)).toBe(false);
    expect(PrecisionConstantC.is(Number.POSITIVE_INFINITY)).toBe(false);
    expect(PrecisionConstantC.is('1')).toBe(false);
    for (const k of ['softmax', 'saturated', 'hard']) expect(AttentionKindC.is(k), k).toBe(true);
    expect(AttentionKindC.is('linear')).toBe(false);
    expect(DimC.is(4096)).toBe(true);
    expect(DimC.is(4097)).toBe(false);
    expect(VectorC.is([1, 2])).toBe(true);
    expect(MatrixC.is([[1], [2]])).toBe(true);
  });
  it('FeedForwardOrNullC, PositionalC and OutputRuleC', () => {
    const ffn = { w1: [[1]], b1: [0], w2: [[1]], b2: [0] };
    expect(FeedForwardOrNullC.is(null)).toBe(true);
    expect(FeedForwardOrNullC.is(ffn)).toBe(true);
    expect(FeedForwardOrNullC.is({ w1: [[1]] })).toBe(false);
    expect(FeedForwardOrNullC.is(undefined)).toBe(false);
    expect(FeedForwardOrNullC.encode(null)).toBeNull();
    expect(FeedForwardOrNullC.encode(ffn)).toEqual(ffn);
    expect(FeedForwardC.is(ffn)).toBe(true);
    expect(HeadC.is({ attention: 'hard', wq: [[1]], wk: [[1]], wv: [[1]], wo: [[1]] })).toBe(true);
    expect(LayerC.is({ heads: [], ffn: null })).toBe(true);
    expect(PositionalC.is({ kind: 'none' })).toBe(true);
    expect(PositionalC.is({ kind: 'table', rows: [[1]] })).toBe(true);
    expect(PositionalC.is({ kind: 'affine', constant: [0], index: [1], fraction: [0] })).toBe(true);
    expect(PositionalC.is({ kind: 'table' })).toBe(false);
    expect(PositionalC.is({ kind: 'sinusoidal' })).toBe(false);
    expect(PositionalC.is({ kind: 'toString' })).toBe(false);
    expect(PositionalC.is({ kind: 1 })).toBe(false);
    expect(PositionalC.is([])).toBe(false);
    expect(PositionalC.is(null)).toBe(false);
    expect(OutputRuleC.is({ kind: 'accept', coordinate: 0 })).toBe(true);
    expect(OutputRuleC.is({ kind: 'state' })).toBe(true);
    expect(OutputRuleC.is({ kind: 'state', coordinate: 0 })).toBe(false);
    expect(PositionalC.encode({ kind: 'none' })).toEqual({ kind: 'none' });
    expect(TransformerJsonC.is(doc())).toBe(true);
    const whole: unknown = doc();
    if (!TransformerJsonC.is(whole)) throw new Error('the document is not a TransformerJson');
    expect(TransformerJsonC.encode(whole)).toEqual(doc());
  });
  it('dispatch refuses kinds that are not own keys of its table, and non-objects, with messages', () => {
    expect(errs(decodeModel(withKey('positional', { kind: 'toString' })))).toBe('positional.kind: expected one of "none", "table", "affine", got "toString"');
    expect(errs(decodeModel(withKey('positional', { kind: '__proto__' })))).toBe('positional.kind: expected one of "none", "table", "affine", got "__proto__"');
    expect(errs(decodeModel(withKey('positional', { rows: [] })))).toBe('positional.kind: expected one of "none", "table", "affine", got nothing (the key is missing)');
    expect(errs(decodeModel(withKey('positional', [])))).toBe('positional: expected a positional encoding {"kind": …}, got an array of length 0');
    expect(errs(decodeModel(withKey('positional', null)))).toBe('positional: expected a positional encoding {"kind": …}, got null');
    expect(errs(decodeModel(withKey('output', { kind: 'state', coordinate: 0 })))).toBe('output.coordinate: unknown key in an output rule {"kind": "state"} (allowed: kind)');
  });
});

describe('limits and messages at the boundaries', () => {
  it('symbols of 256 characters, c = 32, dModel = 4096 and coordinate 4095 are accepted', () => {
    ok(decodeModel(withKey('alphabet', ['x'.repeat(256), 'b'])));
    ok(decodeModel(withKey('precision', { c: 32 })));
    const row = (i: number): number[] => Array.from({ length: 4096 }, (_, k) => (k === i ? 1 : 0));
    ok(decodeModel({ ...doc(), dModel: 4096, tokenEmbedding: [row(0), row(1)], layers: [], output: { kind: 'accept', coordinate: 4095 } }));
  });
  it('exact messages of the scalar codecs', () => {
    expect(errs(decodeModel(withKey('alphabet', ['a', 'x'.repeat(257)])))).toBe('alphabet[1]: expected a non-empty string of at most 256 characters, got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (257 characters)');
    expect(errs(decodeModel(withKey('precision', { c: 32.5 })))).toBe(
      'precision.c: expected a number c with 0 < c ≤ 32 (p = max(4, 2⌈c·log₂ n⌉) must be ≤ 64 at n = 2), got 32.5',
    );
    expect(errs(decodeModel(withKey('version', '1')))).toBe('version: expected 1 (the only version this library reads), got "1"');
    expect(errs(decodeModel(withKey('tokenEmbedding', [[1, null], [0, 1]])))).toBe('tokenEmbedding[0][1]: expected a finite number, got null');
    expect(errs(decodeModel(withKey('layers', [{ heads: [], ffn: 3 }])))).toBe('layers[0].ffn: expected null or a feed-forward block {"w1", "b1", "w2", "b2"}, got 3');
    expect(errs(decodeModel(withKey('layers', [{ heads: [], ffn: [] }])))).toBe('layers[0].ffn: expected null or a feed-forward block {"w1", "b1", "w2", "b2"}, got an array of length 0');
  });
  it('size messages: singular and plural, each component of a head and a block', () => {
    const d = doc();
    const layer = (d['layers'] as Record<string, unknown>[])[0]!;
    layer['heads'] = [{ attention: 'hard', wq: [[0, 0]], wk: [[0, 0]], wv: [[1, 0]], wo: [[0], [1, 2]] }];
    expect(errs(decodeModel(d))).toBe('layers[0].heads[0].wo[1]: expected 1 number (dHead, the rows of wq), got an array of length 2');
    const e = doc();
    (e['layers'] as Record<string, unknown>[])[0]!['ffn'] = { w1: [[1, -1]], b1: [0.5], w2: [[1], [0]], b2: [0] };
    expect(errs(decodeModel(e))).toBe('layers[0].ffn.b2: expected 2 numbers (dModel), got an array of length 1');
    expect(errs(decodeModel(withKey('alphabet', ['a', 'b', 'b', 'a'])))).toBe(
      [
        'alphabet[2]: expected distinct symbols, got "b" again (it is alphabet[1])',
        'alphabet[3]: expected distinct symbols, got "a" again (it is alphabet[0])',
        'tokenEmbedding: expected 4 rows (|Σ|, one per symbol), got an array of length 2',
      ].join('\n'),
    );
    expect(errs(decodeModel(withKey('output', { kind: 'accept', coordinate: 2 })))).toBe('output.coordinate: expected a coordinate in 0..1 (dModel = 2), got 2');
    ok(decodeModel(withKey('output', { kind: 'accept', coordinate: 1 })));
  });
  it('size errors stop at MAX_DECODE_ERRORS', () => {
    const many = doc();
    many['alphabet'] = Array.from({ length: 100 }, () => 'a');
    many['tokenEmbedding'] = Array.from({ length: 100 }, () => [0, 0]);
    const e = decodeModel(many);
    if (isRight(e)) throw new Error('expected a Left');
    expect(e.left.length).toBe(50);
    expect(e.left[49]!.path).toBe('alphabet[50]');
  });
});

describe('JSON text: positions, messages, the byte-order mark', () => {
  it('line and column of a syntax error (1-based), with and without a BOM', () => {
    expect(errs(decodeModelText('{\n  "a": 1,,\n}'))).toBe('JSON text, line 2, column 10: invalid JSON: Expected double-quoted property name in JSON at position 11');
    expect(errs(decodeModelText('\uFEFF{\n  "a": 1,,\n}'))).toBe('JSON text, line 2, column 10: invalid JSON: Expected double-quoted property name in JSON at position 11');
    expect(errs(decodeModelText('[1, 2'))).toBe("JSON text, line 1, column 6: invalid JSON: Expected ',' or ']' after array element in JSON at position 5");
    expect(errs(decodeModelText(''))).toBe('JSON text: invalid JSON: Unexpected end of JSON input');
  });
  it('newlines in the engine’s message are escaped', () => {
    expect(errs(decodeModelText('{"a":\ntru}'))).toBe('JSON text: invalid JSON: Unexpected token \'}\', "{"a":\\ntru}" is not valid JSON');
  });
  it('a text of exactly the limit is read (and fails as JSON), one more character is refused', () => {
    const r = decodeModelText(' '.repeat(MODEL_LIMITS.maxChars));
    expect(errs(r)).toBe('JSON text: invalid JSON: Unexpected end of JSON input');
    expect(errs(decodeModelText(' '.repeat(MODEL_LIMITS.maxChars + 1)))).toBe(`text: ${MODEL_LIMITS.maxChars + 1} characters is more than the limit of ${MODEL_LIMITS.maxChars}`);
  });
});

describe('duplicateJsonKeys: paths through objects and arrays', () => {
  const paths = (text: string): string[] => duplicateJsonKeys(text).map((e) => `${e.path}: ${e.message}`);
  it('array indices count every kind of element', () => {
    expect(paths('{"x": [1, "s", true, null, [2], {"y": 0}, {"k": 1, "k": 2}]}')).toEqual(['x[6]: duplicate key "k" (JSON.parse would keep only the last)']);
    expect(paths('[{"a": 1}, {"a": 1, "a" : 2}]')).toEqual(['[1]: duplicate key "a" (JSON.parse would keep only the last)']);
    expect(paths('[[{"a":0,"a":0}]]')).toEqual(['[0][0]: duplicate key "a" (JSON.parse would keep only the last)']);
  });
  it('keys that are not identifiers are quoted; nested objects join with dots', () => {
    expect(paths('{"a b": {"c": {"d": 1, "d": 2}}}')).toEqual(['["a b"].c: duplicate key "d" (JSON.parse would keep only the last)']);
    expect(paths('{"$ok_1": {"1x": {"q": [], "q": []}}}')).toEqual(['$ok_1["1x"]: duplicate key "q" (JSON.parse would keep only the last)']);
    expect(paths('{"a": 1, "b": {"a": 1}, "c": "a"}')).toEqual([]);
  });
  it('escaped quotes and backslashes inside strings', () => {
    expect(paths('{"a\\"b": 1, "a\\"b": 2}')).toEqual(['(top level): duplicate key "a\\"b" (JSON.parse would keep only the last)']);
    expect(paths('{"s": "x\\\\", "s": 1}')).toEqual(['(top level): duplicate key "s" (JSON.parse would keep only the last)']);
    expect(paths('{"k": "\\"k\\": 1", "j": ["k", "k"]}')).toEqual([]);
  });
  it('stops at MAX_DECODE_ERRORS', () => {
    const text = `{${Array.from({ length: 80 }, () => '"a": 1').join(', ')}}`;
    expect(duplicateJsonKeys(text).length).toBe(50);
  });
});

describe('documents and descriptions', () => {
  it('the description is kept, or null; encodeModel writes it third', () => {
    expect(ok(decodeModelDocument({ ...doc(), description: 'hi' })).description).toBe('hi');
    expect(ok(decodeModelDocument(doc())).description).toBeNull();
    const m = ok(decodeModel(doc()));
    expect(Object.keys(encodeModel(m, { description: 'd' })).slice(0, 3)).toEqual(['format', 'version', 'description']);
    expect(Object.keys(encodeModel(m))).not.toContain('description');
    expect(ok(decodeModelDocumentText(JSON.stringify(encodeModel(m, { description: '' })))).description).toBe('');
  });
  it('an omitted ffn decodes as null and is written as null', () => {
    const d = doc();
    delete (d['layers'] as Record<string, unknown>[])[0]!['ffn'];
    const m = ok(decodeModel(d));
    expect(m.layers[0]!.ffn).toBeNull();
    expect(encodeModel(m).layers[0]!.ffn).toBeNull();
  });
  it('positional tables and affine encodings survive encode → decode', () => {
    for (const positional of [
      { kind: 'table', rows: [[1, 2]] },
      { kind: 'affine', constant: [1, 2], index: [3, 4], fraction: [5, 6] },
    ]) {
      const m = ok(decodeModel(withKey('positional', positional)));
      expect(encodeModel(m).positional).toEqual(positional);
    }
    const s = ok(decodeModel(withKey('output', { kind: 'state' })));
    expect(encodeModel(s).output).toEqual({ kind: 'state' });
  });
  it('getters that throw: the message, for Error and non-Error values', () => {
    const boom = Object.defineProperty(doc(), 'dModel', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(errs(decodeModel(boom))).toBe('(top level): the value could not be read: boom');
    const str = Object.defineProperty(doc(), 'dModel', {
      enumerable: true,
      get: () => {
        throw 'plain';
      },
    });
    expect(errs(decodeModel(str))).toBe('(top level): the value could not be read: plain');
  });
  it('checkModelAt reports under precision.c', () => {
    const m = ok(decodeModel(doc()));
    expect(checkModelAt(m, 0)).toEqual(left('precision.c: the length n must be an integer ≥ 1, got 0'));
    expect(isRight(checkModelAt(m, 4))).toBe(true);
  });
});

describe('more messages, kinds and paths', () => {
  it('the names of the codecs', () => {
    expect([FiniteNumberC, ModelFormatC, ModelVersionC, SymbolC, DimC, PrecisionConstantC, AttentionKindC, FeedForwardOrNullC, PositionalC, OutputRuleC].map((c) => c.name)).toEqual([
      'FiniteNumber',
      'ModelFormat',
      'ModelVersion',
      'Symbol',
      'Dim',
      'PrecisionConstant',
      'AttentionKind',
      'FeedForwardOrNull',
      'Positional',
      'OutputRule',
    ]);
  });
  it('the expected shapes of arrays, member encodings and the description', () => {
    const l = (v: unknown): Record<string, unknown> => withKey('layers', [v]);
    expect(errs(decodeModel(l({ heads: 3 })))).toBe('layers[0].heads: expected an array of heads, got 3');
    expect(errs(decodeModel(l({ heads: [{ attention: 'hard', wq: 3, wk: [[0, 0]], wv: [[0, 0]], wo: [[0], [0]] }] })))).toBe(
      'layers[0].heads[0].wq: expected an array of rows (arrays of numbers), got 3',
    );
    expect(errs(decodeModel(withKey('layers', 3)))).toBe('layers: expected an array of layers, got 3');
    expect(errs(decodeModel(withKey('alphabet', 'ab')))).toBe('alphabet: expected an array of strings, got "ab"');
    expect(errs(decodeModel(withKey('alphabet', [['a'], 'b'])))).toBe('alphabet[0]: expected a non-empty string of at most 256 characters, got an array of length 1');
    expect(SymbolC.is(['a'])).toBe(false);
    expect(errs(decodeModel(withKey('tokenEmbedding', 3)))).toBe('tokenEmbedding: expected an array of rows (arrays of numbers), got 3');
    expect(errs(decodeModel(withKey('positional', { kind: 'table', rows: 3 })))).toBe('positional.rows: expected an array of rows (arrays of numbers), got 3');
    expect(errs(decodeModel(withKey('positional', { kind: 'table', rows: [[0, 0]], x: 1 })))).toContain('positional.x: unknown key in a positional table {"kind": "table", "rows": […]}');
    expect(errs(decodeModel(withKey('positional', { kind: 'affine', constant: [0, 0], index: [0, 0], fraction: [0, 0], x: 1 })))).toContain(
      'positional.x: unknown key in an affine positional encoding {"kind": "affine", "constant", "index", "fraction"}',
    );
    expect(errs(decodeModel(withKey('positional', { kind: ['none'] })))).toBe('positional.kind: expected one of "none", "table", "affine", got an array of length 1');
    expect(errs(decodeModel(withKey('output', { kind: 'accept', coordinate: 4096 })))).toBe('output.coordinate: expected integer ≥ 0, got 4096');
    expect(errs(decodeModel(withKey('description', 5)))).toBe('description: expected string, got 5');
  });
  it('−0 in a JS value reads as 0', () => {
    const m = ok(decodeModel(withKey('tokenEmbedding', [[-0, 1], [0, 1]])));
    expect(Object.is(m.tokenEmbedding[0]![0], 0)).toBe(true);
  });
  it('size errors of affine vectors and of wk, wv rows; the kinds of errors', () => {
    const aff = (constant: number[], index: number[], fraction: number[]): string => errs(decodeModel(withKey('positional', { kind: 'affine', constant, index, fraction })));
    expect(aff([0], [0, 0], [0, 0])).toBe('positional.constant: expected 2 numbers (dModel), got an array of length 1');
    expect(aff([0, 0], [0, 0], [0, 0, 0])).toBe('positional.fraction: expected 2 numbers (dModel), got an array of length 3');
    const head = (wk: number[][], wv: number[][]): string =>
      errs(decodeModel(withKey('layers', [{ heads: [{ attention: 'hard', wq: [[0, 0]], wk, wv, wo: [[0], [0]] }] }])));
    expect(head([[0]], [[0, 0]])).toBe('layers[0].heads[0].wk[0]: expected 2 numbers (dModel), got an array of length 1');
    expect(head([[0, 0]], [[0, 0, 0]])).toBe('layers[0].heads[0].wv[0]: expected 2 numbers (dModel), got an array of length 3');
    const kinds = (r: Either<readonly ModelError[], unknown>): string[] => (isLeft(r) ? r.left.map((e) => e.kind) : []);
    expect(kinds(decodeModel(withKey('dModel', 0)))).toEqual(['shape']);
    expect(kinds(decodeModel(withKey('alphabet', ['a', 'a'])))).toEqual(['shape']);
    expect(kinds(decodeModelText('{"a": 1, "a": 2}'))).toEqual(['syntax']);
    expect(kinds(decodeModelText('{'))).toEqual(['syntax']);
    expect(kinds(decodeModelText(' '.repeat(MODEL_LIMITS.maxChars + 1)))).toEqual(['syntax']);
    const boom = Object.defineProperty(doc(), 'causal', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(kinds(decodeModel(boom))).toEqual(['shape']);
  });
});

describe('duplicateJsonKeys on texts JSON.parse refuses (it is exported: total on every string)', () => {
  it('terminates and reports nothing where no object key is', () => {
    expect(duplicateJsonKeys('{"abc')).toEqual([]);
    expect(duplicateJsonKeys('["a": 1, "a": 2]')).toEqual([]);
    expect(duplicateJsonKeys('"a": 1')).toEqual([]);
  });
  it('a key with an escape JSON.parse refuses is compared as written (quotes included)', () => {
    expect(duplicateJsonKeys('{"\\x": 1, "\\x": 2}').map((e) => e.message)).toEqual(['duplicate key "\\"\\\\x\\"" (JSON.parse would keep only the last)']);
  });
});

describe('JSON.parse messages in other engines’ formats (JSON.parse replaced for one call)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const failWith = (message: string): void => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError(message);
    });
  };
  it('"at position N (line L column C)" (Node 22) is read, the position counted in the text', () => {
    failWith("Expected ',' or '}' after property value in JSON at position 12 (line 12 column 34)");
    expect(errs(decodeModelText('{\n  "a": 1\n  "b"'))).toBe(
      "JSON text, line 3, column 2: invalid JSON: Expected ',' or '}' after property value in JSON at position 12 (line 12 column 34)",
    );
  });
  it('a position that is not at the end of the message is not read', () => {
    failWith('Unexpected token at position 3 of the text');
    expect(errs(decodeModelText('{x}'))).toBe('JSON text: invalid JSON: Unexpected token at position 3 of the text');
  });
  it('a position past the end of the text stops at the end', () => {
    failWith('Unexpected end in JSON at position 99');
    expect(errs(decodeModelText('ab\nc'))).toBe('JSON text, line 2, column 2: invalid JSON: Unexpected end in JSON at position 99');
  });
  it('messages longer than 200 characters are cut, with an ellipsis; a non-Error is shown as a string', () => {
    failWith('x'.repeat(250));
    expect(errs(decodeModelText('{'))).toBe(`JSON text: invalid JSON: ${'x'.repeat(200)}…`);
    failWith('y'.repeat(200));
    expect(errs(decodeModelText('{'))).toBe(`JSON text: invalid JSON: ${'y'.repeat(200)}`);
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw 'odd\r\nthing';
    });
    expect(errs(decodeModelText('{'))).toBe('JSON text: invalid JSON: odd\\nthing');
  });
});

describe('the number limit, exactly', () => {
  it('2^24 numbers are accepted; 2^24 + 1, counted from every component, are refused', () => {
    const row = new Array<number>(2048).fill(0);
    // embedding 2048 + table 8191·2048 = 2^24
    const atLimit = { ...doc(), dModel: 2048, alphabet: ['a'], tokenEmbedding: [row], output: { kind: 'state' }, layers: [], positional: { kind: 'table', rows: new Array<number[]>(8191).fill(row) } };
    ok(decodeModel(atLimit));
    // embedding 2048 + affine 3·2048 + head 4·1022·2048 + ffn 2·2049·2048 + 2049 + 2048 = 2^24 + 1
    const dh = new Array<number[]>(1022).fill(row);
    const wo = new Array<number[]>(2048).fill(new Array<number>(1022).fill(0));
    const w1 = new Array<number[]>(2049).fill(row);
    const w2 = new Array<number[]>(2048).fill(new Array<number>(2049).fill(0));
    const over = {
      ...atLimit,
      positional: { kind: 'affine', constant: row, index: row, fraction: row },
      layers: [{ heads: [{ attention: 'hard', wq: dh, wk: dh, wv: dh, wo }], ffn: { w1, b1: new Array<number>(2049).fill(0), w2, b2: row } }],
    };
    expect(errs(decodeModel(over))).toBe(`(top level): the model has ${2 ** 24 + 1} numbers, more than the limit of ${2 ** 24}`);
  });
});
