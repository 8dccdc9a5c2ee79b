import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import {
  CircuitJsonC,
  decodeCircuitJson,
  decodeError,
  encodeCircuitJson,
  formatDecodeErrors,
  MAX_DECODE_ERRORS,
  parseCircuitText,
  type DecodeError,
} from '../src/core/codec.js';
import { P1_SERIAL_EXAMPLES, printSerial } from '../src/core/serialize.js';
import { arbCircuit, sameFunction } from './serialize.fixtures.js';

const ok = (r: Either<readonly DecodeError[], Circuit>): Circuit => {
  if (isLeft(r)) throw new Error(formatDecodeErrors(r.left));
  return r.right;
};
const errs = (r: Either<readonly DecodeError[], Circuit>): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatDecodeErrors(r.left);
};

const HEAD = { format: 'parallelism-tradeoff/circuit', version: 1 } as const;
const doc = (gates: unknown, outputs: unknown = [0], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...HEAD,
  gates,
  outputs,
  ...extra,
});
const IN = { type: 'input' };

describe('JSON round trips', () => {
  it('encode → JSON text → parseCircuitText gives the same gates, outputs and function', () => {
    fc.assert(
      fc.property(fc.oneof(arbCircuit({ prefix: false, printable: false }), arbCircuit({ prefix: true, printable: false })), (c) => {
        const text = JSON.stringify(encodeCircuitJson(c));
        const back = ok(parseCircuitText(text));
        expect(toGateSpecs(back)).toEqual(toGateSpecs(c));
        expect(Array.from(back.outputs)).toEqual(Array.from(c.outputs));
        expect(back.numInputs).toBe(c.numInputs);
        expect(sameFunction(back, c)).toBe(true);
        expect(encodeCircuitJson(back)).toEqual(encodeCircuitJson(c));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('encoded documents satisfy the codec’s type guard', () => {
    fc.assert(
      fc.property(arbCircuit({ prefix: true, printable: false }), (c) => CircuitJsonC.is(encodeCircuitJson(c))),
      { seed: 42, numRuns: 100 },
    );
  });

  it('keeps weights, consts, repeated outputs and meta', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const one = b.constant(1);
    const g = b.le([x!, y!, one], -1, [-2, 3, -1]);
    const c = b.build([g, g, x!]);
    const json = encodeCircuitJson(c, { meta: { source: 'test' } });
    expect(json).toEqual({
      ...HEAD,
      inputs: 2,
      gates: [IN, IN, { type: 'const', value: 1 }, { type: 'le', args: [0, 1, 2], k: -1, weights: [-2, 3, -1] }],
      outputs: [3, 3, 0],
      meta: { source: 'test' },
    });
    const back = ok(decodeCircuitJson(JSON.parse(JSON.stringify(json))));
    expect(sameFunction(back, c)).toBe(true);
  });

  it('round-trips a unit-weight threshold with k outside 0..m (the kernel allows |k| ≤ m + 1)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 3, [1, 1])]); // constant 0
    const json = encodeCircuitJson(c);
    expect(json.gates[2]).toEqual({ type: 'ge', args: [0, 1], k: 3 });
    expect(sameFunction(ok(decodeCircuitJson(json)), c)).toBe(true);
  });
});

describe('parseCircuitText', () => {
  it('reads the P1 serialization when the text does not start with {', () => {
    const c = ok(parseCircuitText(`\n  ${P1_SERIAL_EXAMPLES.orNot}\n`));
    expect(printSerial(c)).toEqual({ _tag: 'Right', right: P1_SERIAL_EXAMPLES.orNot });
    expect(Array.from(ok(parseCircuitText('X X NOT &1', { numOutputs: 2 })).outputs)).toEqual([1, 2]);
  });
  it('reports serial errors with token and offset', () => {
    expect(errs(parseCircuitText(P1_SERIAL_EXAMPLES.threshold))).toBe(
      "token 5 at offset 13: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2, got '>='",
    );
    expect(errs(parseCircuitText(''))).toBe('token 0 at offset 0: expected a gate (X, NOT, AND, OR, <=, >=), got an empty text');
  });
  it('reads JSON after whitespace and a byte-order mark', () => {
    const c = ok(parseCircuitText('\uFEFF \n' + JSON.stringify(doc([IN, { type: 'not', args: [0] }], [1]))));
    expect(c.numGates).toBe(2);
  });
  it('malformed JSON text: line and column, no stack trace', () => {
    const r = parseCircuitText('{\n  "format": "parallelism-tradeoff/circuit",\n  "gates": [1, 2,]\n}');
    const msg = errs(r);
    expect(msg).toMatch(/^JSON text(, line 3, column \d+)?: invalid JSON: /);
    expect(msg).not.toContain('    at ');
    expect(errs(parseCircuitText('{"gates" [] }'))).toBe(
      "JSON text, line 1, column 10: invalid JSON: Expected ':' after property name in JSON at position 9",
    );
  });
  it('refuses numOutputs with JSON', () => {
    expect(errs(parseCircuitText(JSON.stringify(doc([IN])), { numOutputs: 1 }))).toBe(
      'options: numOutputs applies to the P1 serialization only; a JSON circuit lists its "outputs"',
    );
  });
});

describe('bad JSON circuits: each error names the path and the expectation', () => {
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    [
      'wrong top-level type',
      [1, 2],
      '(top level): expected a circuit object {"format": "parallelism-tradeoff/circuit", "version": 1, "gates": […], "outputs": […]}, got an array of length 2',
    ],
    ['top level null', null, '(top level): expected a circuit object {"format": "parallelism-tradeoff/circuit", "version": 1, "gates": […], "outputs": […]}, got null'],
    ['missing gates', { ...HEAD, outputs: [0] }, 'gates: expected an array of gates, got nothing (the key is missing)'],
    ['gates not an array', doc('X X AND & &1'), 'gates: expected an array of gates, got "X X AND & &1"'],
    [
      'missing format and version',
      { gates: [IN], outputs: [0] },
      'format: expected "parallelism-tradeoff/circuit", got nothing (the key is missing)\nversion: expected 1 (the only version this library reads), got nothing (the key is missing)',
    ],
    ['wrong version', { ...doc([IN]), version: 2 }, 'version: expected 1 (the only version this library reads), got 2'],
    [
      'unknown gate type',
      doc([IN, { type: 'xor', args: [0, 0] }]),
      'gates[1].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got "xor"',
    ],
    [
      'gate without a type',
      doc([IN, { args: [0] }]),
      'gates[1].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got nothing (the key is missing)',
    ],
    ['gate not an object', doc([IN, 'X']), 'gates[1]: expected a gate object {"type": …}, got "X"'],
    ['args not an array', doc([IN, { type: 'and', args: 0 }], [1]), 'gates[1].args: expected an array of gate ids, got 0'],
    ['non-integer arg', doc([IN, IN, { type: 'or', args: [0, 1.5] }], [2]), 'gates[2].args[1]: expected integer ≥ 0, got 1.5'],
    ['string arg (no coercion)', doc([IN, IN, { type: 'or', args: ['0', 1] }], [2]), 'gates[2].args[0]: expected integer ≥ 0, got "0"'],
    ['negative arg', doc([IN, { type: 'not', args: [-1] }], [1]), 'gates[1].args[0]: expected integer ≥ 0, got -1'],
    [
      'dangling pointer (arg ≥ number of gates)',
      doc([IN, { type: 'not', args: [7] }], [1]),
      'gates[1].args[0]: argument 7 is not a gate: there are only 2 gates (ids 0..1)',
    ],
    [
      'forward pointer',
      doc([IN, { type: 'not', args: [2] }, { type: 'not', args: [0] }], [1]),
      'gates[1].args[0]: argument 2 points forward (gates must be in topological order: every argument < 1)',
    ],
    [
      'self-loop (cycle)',
      doc([IN, { type: 'and', args: [0, 1] }], [1]),
      'gates[1].args[1]: gate 1 takes itself as an argument (a cycle)',
    ],
    ['NOT with two args', doc([IN, IN, { type: 'not', args: [0, 1] }], [2]), 'gates[2].args: NOT takes exactly 1 argument, got 2'],
    [
      'threshold k out of range',
      doc([IN, IN, { type: 'ge', args: [0, 1], k: 4 }], [2]),
      'gates[2].k: threshold k = 4 is out of range ±3 (fan-in + 1)',
    ],
    ['threshold k not an integer', doc([IN, { type: 'le', args: [0], k: 0.5 }], [1]), 'gates[1].k: expected integer in −2^31+1..2^31−1, got 0.5'],
    ['threshold k missing', doc([IN, { type: 'le', args: [0] }], [1]), 'gates[1].k: expected integer in −2^31+1..2^31−1, got nothing (the key is missing)'],
    [
      'weights length mismatch',
      doc([IN, IN, { type: 'ge', args: [0, 1], k: 1, weights: [2] }], [2]),
      'gates[2].weights: 1 weights for 2 arguments',
    ],
    [
      'weight too large',
      doc([IN, { type: 'ge', args: [0], k: 1, weights: [2 ** 31] }], [1]),
      'gates[1].weights[0]: expected integer with |w| < 2^30, got 2147483648',
    ],
    [
      'misspelt key (weight for weights) is not silently dropped',
      doc([IN, { type: 'ge', args: [0], k: 1, weight: [2] }], [1]),
      'gates[1].weight: unknown key in a threshold gate (allowed: type, args, k, weights)',
    ],
    [
      'weights on an AND gate',
      doc([IN, { type: 'and', args: [0], weights: [2] }], [1]),
      'gates[1].weights: unknown key in a not/and/or gate (allowed: type, args)',
    ],
    ['unknown top-level key', { ...doc([IN]), output: [0] }, 'output: unknown key in a circuit object {"format": "parallelism-tradeoff/circuit", "version": 1, "gates": […], "outputs": […]} (allowed: format, version, inputs, gates, outputs, meta)'],
    ['empty circuit', doc([], [0]), 'gates: a circuit needs at least one gate'],
    ['empty outputs', doc([IN], []), 'outputs: a circuit needs at least one output'],
    ['output out of range', doc([IN, IN], [0, 2]), 'outputs[1]: output 2 is not a gate id in 0..1'],
    ['output not an integer', doc([IN], [true]), 'outputs[0]: expected integer ≥ 0, got true'],
    ['const with value 2', doc([{ type: 'const', value: 2 }]), 'gates[0].value: expected 0 or 1, got 2'],
    ['const value as a string', doc([{ type: 'const', value: '1' }]), 'gates[0].value: expected 0 or 1, got "1"'],
    ['declared inputs disagree', doc([IN, IN], [1], { inputs: 3 }), 'inputs: declares 3 input gates, but "gates" has 2'],
    [
      'absurd declared input count refused',
      doc([IN], [0], { inputs: 1e12 }),
      `inputs: expected integer in 0..${CIRCUIT_LIMITS.maxGates}, got 1000000000000`,
    ],
    [
      'array-like object posing as a huge gate list',
      doc({ length: 1e12 }),
      'gates: expected an array of gates, got an object',
    ],
    ['meta not an object', doc([IN], [0], { meta: 'x' }), 'meta: expected an object, got "x"'],
  ];
  for (const [name, json, message] of cases) {
    it(name, () => expect(errs(decodeCircuitJson(json))).toBe(message));
  }

  it('too many gates: refused from the length alone, without visiting elements', () => {
    // a holey array: only its length is allocated
    const huge: unknown[] = [];
    huge.length = CIRCUIT_LIMITS.maxGates + 1;
    const t0 = Date.now();
    expect(errs(decodeCircuitJson(doc(huge)))).toBe(
      `gates: expected at most ${CIRCUIT_LIMITS.maxGates} elements (the limit), got an array of length ${CIRCUIT_LIMITS.maxGates + 1}`,
    );
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('collects every shape error, and stops after MAX_DECODE_ERRORS', () => {
    const r = decodeCircuitJson(doc([IN, { type: 'and', args: ['a', -1] }, { type: 'nand' }], 'all'));
    expect(errs(r)).toBe(
      [
        'gates[1].args[0]: expected integer ≥ 0, got "a"',
        'gates[1].args[1]: expected integer ≥ 0, got -1',
        'gates[2].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got "nand"',
        'outputs: expected an array of gate ids, got "all"',
      ].join('\n'),
    );
    const many = decodeCircuitJson(doc(Array.from({ length: 1000 }, () => ({ type: 'const', value: 7 }))));
    if (isRight(many)) throw new Error('expected a Left');
    expect(many.left.length).toBe(MAX_DECODE_ERRORS + 1);
    expect(many.left[MAX_DECODE_ERRORS]!.message).toBe(`stopped after ${MAX_DECODE_ERRORS} errors`);
    expect(formatDecodeErrors(many.left).split('\n')).toHaveLength(21);
    expect(formatDecodeErrors(many.left).split('\n')[20]).toBe(`… and ${MAX_DECODE_ERRORS + 1 - 20} more errors`);
  });

  it('reports the kind of each error', () => {
    const shape = decodeCircuitJson(doc([IN], 'x'));
    const kernel = decodeCircuitJson(doc([IN], [5]));
    const syntax = parseCircuitText('{');
    const serial = parseCircuitText('Y');
    expect([shape, kernel, syntax, serial].map((r) => (isLeft(r) ? r.left[0]!.kind : 'ok'))).toEqual(['shape', 'kernel', 'syntax', 'serial']);
  });

  it('formatDecodeErrors', () => {
    expect(formatDecodeErrors([decodeError('shape', 'gates[3].args[1]', 'expected integer ≥ 0, got "x"')])).toBe(
      'gates[3].args[1]: expected integer ≥ 0, got "x"',
    );
    expect(formatDecodeErrors([])).toBe('');
  });
});
