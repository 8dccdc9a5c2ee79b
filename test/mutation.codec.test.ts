// Mutation tests of src/core/codec.ts: every codec's type guard, exact messages and paths,
// the limits of boundedInt / boundedArray / MAX_DECODE_ERRORS, and the JSON text positions.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as t from 'io-ts';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, type Circuit } from '../src/core/circuit.js';
import {
  ArgsC,
  BitC,
  boundedArray,
  boundedInt,
  BooleanGateC,
  CircuitJsonC,
  closed,
  ConstGateC,
  CountC,
  decodeCircuitJson,
  decodeError,
  encodeCircuitJson,
  FormatC,
  formatDecodeErrors,
  GateC,
  GateIdC,
  InputGateC,
  MAX_DECODE_ERRORS,
  MetaC,
  OutputsC,
  parseCircuitText,
  reportIoTsErrors,
  ROOT_PATH,
  showValue,
  ThresholdC,
  ThresholdGateC,
  VersionC,
  WeightC,
  WeightsC,
  type DecodeError,
} from '../src/core/codec.js';
import { SERIAL_LIMITS } from '../src/core/serialize.js';

const errs = (r: Either<readonly DecodeError[], unknown>, max = 1000): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatDecodeErrors(r.left, max);
};
const validationErrs = (r: t.Validation<unknown>): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatDecodeErrors(reportIoTsErrors(r.left), 1000);
};
const HEAD = { format: 'parallelism-tradeoff/circuit', version: 1 } as const;
const IN = { type: 'input' } as const;
const doc = (gates: unknown, outputs: unknown = [0], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...HEAD,
  gates,
  outputs,
  ...extra,
});
const serialLimits = SERIAL_LIMITS as { maxChars: number };
const savedMaxChars = serialLimits.maxChars;
afterEach(() => {
  serialLimits.maxChars = savedMaxChars;
  vi.restoreAllMocks();
});
const TOP = 'a circuit object {"format": "parallelism-tradeoff/circuit", "version": 1, "gates": […], "outputs": […]}';
const ALLOWED = '(allowed: format, version, inputs, gates, outputs, meta)';
/** A string of `n` characters built as a rope (cheap: nothing is flattened until it is read). */
const longText = (n: number, head: string): string => {
  let s = 'x'.repeat(1 << 16);
  while (s.length * 2 <= n) s = s + s;
  return head + s + 'x'.repeat(n - s.length - head.length);
};

describe('formatDecodeErrors', () => {
  const e = (i: number): DecodeError => decodeError('shape', `p${i}`, `m${i}`);
  it('prints every error up to max, then one summary line with the right plural', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => e(i));
    expect(formatDecodeErrors(twenty).split('\n')).toHaveLength(20);
    expect(formatDecodeErrors([...twenty, e(20)]).split('\n').slice(19)).toEqual(['p19: m19', '… and 1 more error']);
    expect(formatDecodeErrors([...twenty, e(20), e(21)]).split('\n').slice(20)).toEqual(['… and 2 more errors']);
    expect(formatDecodeErrors([e(0), e(1), e(2)], 2)).toBe('p0: m0\np1: m1\n… and 1 more error');
    expect(formatDecodeErrors([e(0), e(1)], 2)).toBe('p0: m0\np1: m1');
  });
  it('decodeError builds a tagged value', () => {
    expect(decodeError('kernel', 'gates', 'x')).toEqual({ _tag: 'DecodeError', kind: 'kernel', path: 'gates', message: 'x' });
  });
});

describe('showValue', () => {
  it('describes every kind of value', () => {
    expect(showValue(undefined)).toBe('nothing (the key is missing)');
    expect(showValue(null)).toBe('null');
    expect(showValue([])).toBe('an array of length 0');
    expect(showValue('x'.repeat(30))).toBe(JSON.stringify('x'.repeat(30)));
    expect(showValue('x'.repeat(31))).toBe(`"${'x'.repeat(30)}…" (31 characters)`);
    expect(showValue(1.5)).toBe('1.5');
    expect(showValue(false)).toBe('false');
    expect(showValue(10n)).toBe('10');
    expect(showValue({ a: 1 })).toBe('an object');
    expect(showValue(() => 1)).toBe('a function');
    expect(showValue(Symbol('s'))).toBe('a symbol');
  });
});

describe('reportIoTsErrors', () => {
  it('uses the codec name when the error has no message, and (top level) for an empty path', () => {
    expect(reportIoTsErrors([{ value: 1, context: [] }])).toEqual([decodeError('shape', ROOT_PATH, 'expected something else, got 1')]);
    expect(validationErrs(t.string.decode(5))).toBe('(top level): expected string, got 5');
    expect(validationErrs(t.type({ a: t.string }).decode({ a: 1 }))).toBe('a: expected string, got 1');
  });
  it('skips the member entries of unions and intersections, whatever the value', () => {
    const union = t.type({ x: t.union([t.string, t.number]) }).decode({});
    expect(isLeft(union) ? reportIoTsErrors(union.left).map((e) => e.path) : []).toEqual(['x', 'x']);
    expect(validationErrs(t.intersection([t.string, t.literal('a')]).decode('b'))).toBe('(top level): expected "a", got "b"');
    expect(validationErrs(t.union([t.string, t.null]).decode(Number.NaN))).toBe(
      '(top level): expected string, got NaN\n(top level): expected null, got NaN',
    );
  });
  it('writes keys as .ident, [index] or ["quoted"]', () => {
    const r = decodeCircuitJson({ ...doc([IN]), 'a b': 1, '01': 2, '1': 3, _x: 4, $y: 5, a1: 6, '1a': 7, '': 8 });
    const paths = isLeft(r) ? r.left.map((x) => x.path) : [];
    expect(paths).toEqual(['[1]', '["a b"]', '["01"]', '_x', '$y', 'a1', '["1a"]', '[""]']);
    expect(errs(decodeCircuitJson(doc([{ type: 'input', 'x-y': 1, z9: 2 }])))).toBe(
      'gates[0]["x-y"]: unknown key in an input gate (allowed: type)\ngates[0].z9: unknown key in an input gate (allowed: type)',
    );
    expect(errs(decodeCircuitJson(doc([IN, IN, { type: 'ge', args: [0, 1], k: 1, weights: [1, 'w'] }], [2])))).toBe(
      'gates[2].weights[1]: expected integer with |w| < 2^30, got "w"',
    );
  });
});

describe('boundedInt', () => {
  const c = boundedInt('Small', 'integer in -2..3', -2, 3);
  it('guards and validates both bounds, integers only, numbers only', () => {
    for (const ok of [-2, 0, 3]) {
      expect(c.is(ok)).toBe(true);
      expect(c.decode(ok)).toEqual({ _tag: 'Right', right: ok });
    }
    for (const bad of [-3, 4, 1.5, '1', null, Number.NaN]) {
      expect(c.is(bad)).toBe(false);
      expect(validationErrs(c.decode(bad))).toBe(`(top level): expected integer in -2..3, got ${showValue(bad)}`);
    }
    expect(c.name).toBe('Small');
    expect(c.encode(2)).toBe(2);
  });
  it('the kernel codecs have the documented ranges', () => {
    expect([GateIdC.is(0), GateIdC.is(CIRCUIT_LIMITS.maxGates - 1), GateIdC.is(CIRCUIT_LIMITS.maxGates), GateIdC.is(-1)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([CountC.is(0), CountC.is(CIRCUIT_LIMITS.maxGates), CountC.is(CIRCUIT_LIMITS.maxGates + 1), CountC.is(-1)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([ThresholdC.is(0x7fffffff), ThresholdC.is(-0x7fffffff), ThresholdC.is(0x80000000), ThresholdC.is(-0x80000000)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([WeightC.is(0x3fffffff), WeightC.is(-0x3fffffff), WeightC.is(0x40000000), WeightC.is(-0x40000000)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(validationErrs(ThresholdC.decode(-0x80000000))).toBe('(top level): expected integer in −2^31+1..2^31−1, got -2147483648');
    expect(validationErrs(CountC.decode(-1))).toBe(`(top level): expected integer in 0..${CIRCUIT_LIMITS.maxGates}, got -1`);
    expect(validationErrs(GateIdC.decode(CIRCUIT_LIMITS.maxGates))).toBe(`(top level): expected integer ≥ 0, got ${CIRCUIT_LIMITS.maxGates}`);
    expect(validationErrs(WeightC.decode(-0x40000000))).toBe('(top level): expected integer with |w| < 2^30, got -1073741824');
    expect([GateIdC.name, CountC.name, ThresholdC.name, WeightC.name]).toEqual(['GateId', 'Count', 'Threshold', 'Weight']);
  });
});

describe('boundedArray', () => {
  const c = boundedArray(GateIdC, 'a short list', 2);
  it('guards: an array, at most maxLength, every item', () => {
    expect(c.is([])).toBe(true);
    expect(c.is([0, 1])).toBe(true);
    expect(c.is([0, 1, 2])).toBe(false);
    expect(c.is([0, -1])).toBe(false);
    expect(c.is('01')).toBe(false);
    expect(c.is({ length: 1, 0: 0 })).toBe(false);
  });
  it('validates the length before the items, with the limit in the message', () => {
    expect(c.decode([0, 1])).toEqual({ _tag: 'Right', right: [0, 1] });
    expect(validationErrs(c.decode([0, 1, 'x']))).toBe('(top level): expected at most 2 elements (the limit), got an array of length 3');
    expect(validationErrs(c.decode('x'))).toBe('(top level): expected a short list, got "x"');
    expect(validationErrs(c.decode([-1, 'a']))).toBe('[0]: expected integer ≥ 0, got -1\n[1]: expected integer ≥ 0, got "a"');
    expect(c.encode([3, 4])).toEqual([3, 4]);
    expect(c.name).toBe('a short list');
  });
  it('stops after exactly MAX_DECODE_ERRORS item errors', () => {
    const wide = boundedArray(GateIdC, 'ids', 1000);
    const exactly = (k: number): readonly t.ValidationError[] => {
      const r = wide.decode([...Array.from({ length: k }, () => -1), 0]);
      return isLeft(r) ? r.left : [];
    };
    expect(exactly(MAX_DECODE_ERRORS - 1)).toHaveLength(MAX_DECODE_ERRORS - 1);
    const at = exactly(MAX_DECODE_ERRORS);
    expect(at).toHaveLength(MAX_DECODE_ERRORS + 1);
    expect(at[MAX_DECODE_ERRORS]!.message).toBe(`stopped after ${MAX_DECODE_ERRORS} errors`);
    expect(reportIoTsErrors([at[MAX_DECODE_ERRORS]!])[0]!.path).toBe(ROOT_PATH);
    expect(at[MAX_DECODE_ERRORS]!.value).toHaveLength(MAX_DECODE_ERRORS + 1);
    expect(exactly(200)).toHaveLength(MAX_DECODE_ERRORS + 1);
    // nested errors count one by one: 30 gates × 2 bad args stop in the middle of gate 24
    const r = decodeCircuitJson(doc(Array.from({ length: 30 }, () => ({ type: 'and', args: ['a', 'b'] }))));
    const list = isLeft(r) ? r.left : [];
    expect(list).toHaveLength(MAX_DECODE_ERRORS + 1);
    expect(list[MAX_DECODE_ERRORS - 1]!.path).toBe('gates[24].args[1]');
    expect(list[MAX_DECODE_ERRORS]).toEqual(decodeError('shape', 'gates', `stopped after ${MAX_DECODE_ERRORS} errors`));
  });
  it('the kernel array codecs', () => {
    expect(ArgsC.is([0, 1])).toBe(true);
    expect(ArgsC.is([0.5])).toBe(false);
    expect(WeightsC.is([-3, 0x3fffffff])).toBe(true);
    expect(WeightsC.is([0x40000000])).toBe(false);
    expect(OutputsC.is([0, 0])).toBe(true);
    expect(ArgsC.encode([2, 1])).toEqual([2, 1]);
  });
});

describe('closed', () => {
  const c = closed(t.type({ a: t.number }), ['a', 'b'], 'a thing');
  it('guards with the inner codec', () => {
    expect(c.is({ a: 1 })).toBe(true);
    expect(c.is({ a: 'x' })).toBe(false);
    expect(c.name).toBe('a thing');
    expect(c.encode({ a: 2 })).toEqual({ a: 2 });
  });
  it('refuses non-objects, and reports the inner errors before the unknown keys', () => {
    expect(validationErrs(c.decode([1]))).toBe('(top level): expected a thing, got an array of length 1');
    expect(validationErrs(c.decode(null))).toBe('(top level): expected a thing, got null');
    expect(validationErrs(c.decode('s'))).toBe('(top level): expected a thing, got "s"');
    expect(c.decode({ a: 1, b: 2 })).toEqual({ _tag: 'Right', right: { a: 1, b: 2 } });
    expect(validationErrs(c.decode({ a: 1, c: 2 }))).toBe('c: unknown key in a thing (allowed: a, b)');
    expect(validationErrs(c.decode({ a: 'x', c: 2, d: 3 }))).toBe(
      'a: expected number, got "x"\nc: unknown key in a thing (allowed: a, b)\nd: unknown key in a thing (allowed: a, b)',
    );
    expect(errs(decodeCircuitJson({ ...HEAD, outputs: [0], extra: 1 }))).toBe(
      `gates: expected an array of gates, got nothing (the key is missing)\nextra: unknown key in ${TOP} ${ALLOWED}`,
    );
  });
});

describe('the leaf codecs', () => {
  it('type guards', () => {
    expect([FormatC.is('parallelism-tradeoff/circuit'), FormatC.is('x'), FormatC.is(undefined)]).toEqual([true, false, false]);
    expect([VersionC.is(1), VersionC.is(2), VersionC.is('1')]).toEqual([true, false, false]);
    expect([BitC.is(0), BitC.is(1), BitC.is(2), BitC.is('1'), BitC.is(-1)]).toEqual([true, true, false, false, false]);
    expect([MetaC.is({}), MetaC.is(null), MetaC.is([]), MetaC.is('x')]).toEqual([true, false, false, false]);
    expect(FormatC.decode('parallelism-tradeoff/circuit')).toEqual({ _tag: 'Right', right: 'parallelism-tradeoff/circuit' });
    expect(VersionC.decode(1)).toEqual({ _tag: 'Right', right: 1 });
    expect(BitC.decode(0)).toEqual({ _tag: 'Right', right: 0 });
    expect(BitC.decode(1)).toEqual({ _tag: 'Right', right: 1 });
    expect(MetaC.decode({ a: [1] })).toEqual({ _tag: 'Right', right: { a: [1] } });
    expect([FormatC.name, VersionC.name, BitC.name, MetaC.name, GateC.name]).toEqual(['Format', 'Version', 'Bit', 'Meta', 'Gate']);
    expect([FormatC.encode('parallelism-tradeoff/circuit'), VersionC.encode(1), BitC.encode(1)]).toEqual([
      'parallelism-tradeoff/circuit',
      1,
      1,
    ]);
    expect(MetaC.encode({ a: 1 })).toEqual({ a: 1 });
  });
  it('meta must be a plain object', () => {
    expect(errs(decodeCircuitJson(doc([IN], [0], { meta: null })))).toBe('meta: expected an object, got null');
    expect(errs(decodeCircuitJson(doc([IN], [0], { meta: [1] })))).toBe('meta: expected an object, got an array of length 1');
    expect(isRight(decodeCircuitJson(doc([IN], [0], { meta: { any: ['thing'] } })))).toBe(true);
  });
  it('format must be the exact string', () => {
    expect(errs(decodeCircuitJson({ ...doc([IN]), format: 'circuit' }))).toBe('format: expected "parallelism-tradeoff/circuit", got "circuit"');
  });
});

describe('gate codecs', () => {
  it('type guards of each gate shape', () => {
    expect(InputGateC.is({ type: 'input' })).toBe(true);
    expect(InputGateC.is({ type: 'const' })).toBe(false);
    expect(ConstGateC.is({ type: 'const', value: 1 })).toBe(true);
    expect(ConstGateC.is({ type: 'const', value: 2 })).toBe(false);
    expect(BooleanGateC.is({ type: 'or', args: [0] })).toBe(true);
    expect(BooleanGateC.is({ type: 'ge', args: [0] })).toBe(false);
    expect(ThresholdGateC.is({ type: 'le', args: [0], k: 1 })).toBe(true);
    expect(ThresholdGateC.is({ type: 'le', args: [0], k: 1, weights: [2] })).toBe(true);
    expect(ThresholdGateC.is({ type: 'le', args: [0] })).toBe(false);
    for (const g of [{ type: 'input' }, { type: 'const', value: 0 }, { type: 'not', args: [0] }, { type: 'ge', args: [], k: 0 }]) {
      expect(GateC.is(g)).toBe(true);
    }
    for (const g of [{ type: 'xor' }, { type: 'const', value: 3 }, { type: 'and' }, { type: 'le', args: [] }, null, 'input']) {
      expect(GateC.is(g)).toBe(false);
    }
    expect(GateC.encode({ type: 'input' })).toEqual({ type: 'input' });
    expect(CircuitJsonC.is(doc([IN]))).toBe(true);
    expect(CircuitJsonC.is(doc([IN], [-1]))).toBe(false);
  });
  it('decodes every gate type', () => {
    const r = decodeCircuitJson(
      doc(
        [
          IN,
          { type: 'const', value: 0 },
          { type: 'not', args: [0] },
          { type: 'and', args: [0, 2] },
          { type: 'or', args: [1, 3] },
          { type: 'ge', args: [0, 4], k: 1 },
          { type: 'le', args: [0, 5], k: 1, weights: [2, -1] },
        ],
        [6, 5],
        { inputs: 1 },
      ),
    );
    if (isLeft(r)) throw new Error(formatDecodeErrors(r.left));
    expect(encodeCircuitJson(r.right).gates).toEqual([
      IN,
      { type: 'const', value: 0 },
      { type: 'not', args: [0] },
      { type: 'and', args: [0, 2] },
      { type: 'or', args: [1, 3] },
      { type: 'ge', args: [0, 4], k: 1 },
      { type: 'le', args: [0, 5], k: 1, weights: [2, -1] },
    ]);
  });
  it('names each gate shape in its unknown-key message', () => {
    expect(errs(decodeCircuitJson(doc([{ type: 'const', value: 1, k: 0 }])))).toBe('gates[0].k: unknown key in a const gate (allowed: type, value)');
    expect(errs(decodeCircuitJson(doc([IN, { type: 'le', args: [0], k: 0, value: 1 }], [1])))).toBe(
      'gates[1].value: unknown key in a threshold gate (allowed: type, args, k, weights)',
    );
    expect(errs(decodeCircuitJson(doc([IN, { type: 'or', args: [0], k: 1 }], [1])))).toBe(
      'gates[1].k: unknown key in a not/and/or gate (allowed: type, args)',
    );
    expect(errs(decodeCircuitJson(doc([IN, { type: 'ge', args: 1, k: 0 }], [1])))).toBe('gates[1].args: expected an array of gate ids, got 1');
    expect(errs(decodeCircuitJson(doc([IN, { type: 'ge', args: [0], k: 0, weights: 'w' }], [1])))).toBe(
      'gates[1].weights: expected an array of integer weights, got "w"',
    );
  });
  it('dispatches on string types only', () => {
    expect(errs(decodeCircuitJson(doc([{ type: ['input'] }])))).toBe(
      'gates[0].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got an array of length 1',
    );
  });
  it('dispatches on own keys only: inherited names are unknown types', () => {
    const msg = (type: string): string =>
      `gates[0].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got ${JSON.stringify(type)}`;
    expect(errs(decodeCircuitJson(doc([{ type: 'toString' }])))).toBe(msg('toString'));
    expect(errs(decodeCircuitJson(doc([{ type: 'constructor' }])))).toBe(msg('constructor'));
    expect(errs(decodeCircuitJson(doc([{ type: 'hasOwnProperty' }])))).toBe(msg('hasOwnProperty'));
    expect(errs(decodeCircuitJson(doc([{ type: 5 }])))).toBe(
      'gates[0].type: expected one of "input", "const", "not", "and", "or", "ge", "le", got 5',
    );
    expect(errs(decodeCircuitJson(doc([null, [IN]])))).toBe(
      'gates[0]: expected a gate object {"type": …}, got null\ngates[1]: expected a gate object {"type": …}, got an array of length 1',
    );
  });
});

describe('decodeCircuitJson: kernel checks', () => {
  it('an argument equal to the number of gates is dangling', () => {
    expect(errs(decodeCircuitJson(doc([IN, { type: 'not', args: [2] }], [1])))).toBe(
      'gates[1].args[0]: argument 2 is not a gate: there are only 2 gates (ids 0..1)',
    );
  });
  it('reports the input count and every dangling pointer together, up to MAX_DECODE_ERRORS', () => {
    expect(errs(decodeCircuitJson(doc([IN, { type: 'and', args: [5, 0, 9] }, IN], [1], { inputs: 1 })))).toBe(
      [
        'inputs: declares 1 input gates, but "gates" has 2',
        'gates[1].args[0]: argument 5 is not a gate: there are only 3 gates (ids 0..2)',
        'gates[1].args[2]: argument 9 is not a gate: there are only 3 gates (ids 0..2)',
      ].join('\n'),
    );
    const many = decodeCircuitJson(doc([IN, { type: 'or', args: Array.from({ length: 80 }, () => 7) }, { type: 'and', args: [9] }], [1]));
    expect(isLeft(many) ? many.left.length : 0).toBe(MAX_DECODE_ERRORS);
    const spread = decodeCircuitJson(doc([IN, ...Array.from({ length: 60 }, () => ({ type: 'not', args: [99] }))], [1]));
    const list = isLeft(spread) ? spread.left : [];
    expect(list).toHaveLength(MAX_DECODE_ERRORS);
    expect(list[MAX_DECODE_ERRORS - 1]!.path).toBe(`gates[${MAX_DECODE_ERRORS}].args[0]`);
    const withInputs = decodeCircuitJson(doc([IN, ...Array.from({ length: 60 }, () => ({ type: 'not', args: [99] }))], [1], { inputs: 0 }));
    expect(isLeft(withInputs) ? withInputs.left.length : 0).toBe(MAX_DECODE_ERRORS);
  });
  it('kernel errors have kind "kernel"', () => {
    expect(decodeCircuitJson(doc([IN, { type: 'not', args: [2] }], [1], { inputs: 2 }))).toEqual({
      _tag: 'Left',
      left: [
        decodeError('kernel', 'inputs', 'declares 2 input gates, but "gates" has 1'),
        decodeError('kernel', 'gates[1].args[0]', 'argument 2 is not a gate: there are only 2 gates (ids 0..1)'),
      ],
    });
  });
  it('a matching input count passes, and the kernel’s first error is reported with its kind', () => {
    expect(isRight(decodeCircuitJson(doc([IN, IN], [1], { inputs: 2 })))).toBe(true);
    expect(isRight(decodeCircuitJson(doc([{ type: 'const', value: 1 }], [0], { inputs: 0 })))).toBe(true);
    const r = decodeCircuitJson(doc([IN], [3]));
    expect(isLeft(r) ? r.left : []).toEqual([decodeError('kernel', 'outputs[0]', 'output 3 is not a gate id in 0..0')]);
  });
});

describe('encodeCircuitJson', () => {
  it('writes inputs and leaves meta out unless given', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const c: Circuit = b.build([b.not(x!)]);
    expect(encodeCircuitJson(c)).toEqual({ ...HEAD, inputs: 1, gates: [IN, { type: 'not', args: [0] }], outputs: [1] });
    expect('meta' in encodeCircuitJson(c)).toBe(false);
    expect(encodeCircuitJson(c, { meta: { a: 1 } }).meta).toEqual({ a: 1 });
  });
});

describe('parseCircuitText', () => {
  it('JSON syntax errors: line and column counted from the start of the text', () => {
    expect(errs(parseCircuitText('\n\n  {"a" 1}'))).toBe(
      "JSON text, line 3, column 8: invalid JSON: Expected ':' after property name in JSON at position 5",
    );
    expect(errs(parseCircuitText('\r\n{\r\n"a"\r\n 1}'))).toBe(
      "JSON text, line 4, column 2: invalid JSON: Expected ':' after property name in JSON at position 9",
    );
    expect(errs(parseCircuitText('\uFEFF{"a" 1}'))).toBe(
      "JSON text, line 1, column 7: invalid JSON: Expected ':' after property name in JSON at position 5",
    );
    expect(errs(parseCircuitText('{'))).toBe("JSON text, line 1, column 2: invalid JSON: Expected property name or '}' in JSON at position 1");
  });
  it('JSON syntax errors: positions of several digits', () => {
    expect(errs(parseCircuitText('{"a": 1, "b" 2}'))).toBe('JSON text, line 1, column 14: invalid JSON: Unexpected number in JSON at position 13');
    expect(errs(parseCircuitText(`{"a":${' '.repeat(120)}1 2}`))).toBe(
      "JSON text, line 1, column 128: invalid JSON: Expected ',' or '}' after property value in JSON at position 127",
    );
  });
  it('JSON syntax errors: "at position" inside the quoted text is not a position', () => {
    expect(errs(parseCircuitText('{"":at position 99}'))).toBe(
      'JSON text: invalid JSON: Unexpected token \'a\', "{"":at position 99}" is not valid JSON',
    );
    expect(errs(parseCircuitText('{"": at position 99}'))).toBe(
      'JSON text: invalid JSON: Unexpected token \'a\', "{"": at position 99}" is not valid JSON',
    );
  });
  it('JSON syntax errors, other engines’ messages (JSON.parse stubbed)', () => {
    const parseThrowing = (thrown: unknown, text = '{\n  "a" 1}'): string => {
      vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
        throw thrown;
      });
      return errs(parseCircuitText(text));
    };
    // Node ≥ 22 appends the line and column
    expect(parseThrowing(new SyntaxError("Expected ':' after property name in JSON at position 8 (line 2 column 7)"))).toBe(
      "JSON text, line 2, column 7: invalid JSON: Expected ':' after property name in JSON at position 8 (line 2 column 7)",
    );
    // a position past the end of the text stops at the end
    expect(parseThrowing(new SyntaxError('Bad thing at position 99'), '{ }')).toBe(
      'JSON text, line 1, column 4: invalid JSON: Bad thing at position 99',
    );
    expect(parseThrowing(new SyntaxError('Bad at position 5 and more'))).toBe('JSON text: invalid JSON: Bad at position 5 and more');
    expect(parseThrowing(new SyntaxError('Bad at position 5 (line 1 column 6) and more'))).toBe(
      'JSON text: invalid JSON: Bad at position 5 (line 1 column 6) and more',
    );
    const long = `{${'\n'.repeat(11)}${' '.repeat(30)}"a" 1}`;
    expect(parseThrowing(new SyntaxError("Expected ':' after property name in JSON at position 46 (line 12 column 35)"), long)).toBe(
      "JSON text, line 12, column 35: invalid JSON: Expected ':' after property name in JSON at position 46 (line 12 column 35)",
    );
    // newlines (LF and CRLF) are escaped; messages over 200 characters are cut
    expect(parseThrowing(new SyntaxError('one\ntwo\r\nthree'))).toBe('JSON text: invalid JSON: one\\ntwo\\nthree');
    expect(parseThrowing(new SyntaxError('x'.repeat(200)))).toBe(`JSON text: invalid JSON: ${'x'.repeat(200)}`);
    expect(parseThrowing(new SyntaxError('y'.repeat(201)))).toBe(`JSON text: invalid JSON: ${'y'.repeat(200)}…`);
    // something else than an Error
    expect(parseThrowing('odd')).toBe('JSON text: invalid JSON: odd');
    expect(parseThrowing(new SyntaxError('Unexpected end of JSON input'))).toBe('JSON text: invalid JSON: Unexpected end of JSON input');
  });
  it('JSON syntax errors without a position: newlines in the message are escaped', () => {
    expect(errs(parseCircuitText('{"a":\n tru}'))).toBe(
      'JSON text: invalid JSON: Unexpected token \'}\', "{"a":\\n tru}" is not valid JSON',
    );
  });
  it('a JSON document is decoded, with the kernel’s errors', () => {
    expect(errs(parseCircuitText(JSON.stringify(doc([IN], [1]))))).toBe('outputs[0]: output 1 is not a gate id in 0..0');
    expect(isRight(parseCircuitText(' ' + JSON.stringify(doc([IN]))))).toBe(true);
  });
  it('numOutputs with JSON is a syntax error of the options', () => {
    expect(parseCircuitText(JSON.stringify(doc([IN])), { numOutputs: 1 })).toEqual({
      _tag: 'Left',
      left: [decodeError('syntax', 'options', 'numOutputs applies to the P1 serialization only; a JSON circuit lists its "outputs"')],
    });
  });
  it('the text limit: SERIAL_LIMITS.maxChars characters pass, one more is refused', () => {
    serialLimits.maxChars = 10;
    expect(isRight(parseCircuitText('X X AND &1'))).toBe(true);
    expect(parseCircuitText('X X AND & &')).toEqual({
      _tag: 'Left',
      left: [decodeError('syntax', 'text', '11 characters is more than the limit of 10')],
    });
    const json = JSON.stringify(doc([IN]));
    serialLimits.maxChars = json.length;
    expect(isRight(parseCircuitText(json))).toBe(true);
    serialLimits.maxChars = json.length - 1;
    expect(isLeft(parseCircuitText(json))).toBe(true);
  });
  it('serial errors without a location are reported at "text"', () => {
    expect(parseCircuitText('X X', { numOutputs: 3 })).toEqual({
      _tag: 'Left',
      left: [decodeError('serial', 'text', 'numOutputs = 3 but the circuit has only 2 gates')],
    });
    expect(parseCircuitText('X Y')).toEqual({
      _tag: 'Left',
      left: [decodeError('serial', 'token 1 at offset 2', "expected a gate (X, NOT, AND, OR, <=, >=), got 'Y'")],
    });
    const r = parseCircuitText('X NOT &');
    expect(isRight(r) ? Array.from(r.right.outputs) : []).toEqual([1]);
  });
  it('refuses text over the limit before looking at it', () => {
    const text = longText(SERIAL_LIMITS.maxChars + 1, '{');
    expect(text.length).toBe(SERIAL_LIMITS.maxChars + 1);
    expect(parseCircuitText(text)).toEqual({
      _tag: 'Left',
      left: [decodeError('syntax', 'text', `${SERIAL_LIMITS.maxChars + 1} characters is more than the limit of ${SERIAL_LIMITS.maxChars}`)],
    });
  });
});
