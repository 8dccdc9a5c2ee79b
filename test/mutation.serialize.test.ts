// Mutation tests of src/core/serialize.ts: exact messages and locations, whitespace and token
// boundaries, the size limits (lowered for the test: CIRCUIT_LIMITS and SERIAL_LIMITS are plain
// objects read at call time), and the exact text length printSerial measures in its first pass.
import { afterEach, describe, expect, it } from 'vitest';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, GateKind, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import {
  formatSerialError,
  isPrefixForm,
  parseSerial,
  printSerial,
  SERIAL_LIMITS,
  serialError,
  serialErrorLocation,
  withOutputsLast,
  type SerialError,
} from '../src/core/serialize.js';

const ok = <A>(r: Either<SerialError, A>): A => {
  if (isLeft(r)) throw new Error(formatSerialError(r.left));
  return r.right;
};
const err = <A>(r: Either<SerialError, A>): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatSerialError(r.left);
};
const GATE = 'a gate (X, NOT, AND, OR, <=, >=)';

const limits = CIRCUIT_LIMITS as { maxGates: number; maxWires: number };
const serialLimits = SERIAL_LIMITS as { maxChars: number };
const saved = { ...limits, ...serialLimits };
afterEach(() => {
  limits.maxGates = saved.maxGates;
  limits.maxWires = saved.maxWires;
  serialLimits.maxChars = saved.maxChars;
});

describe('SerialError formatting', () => {
  it('token and offset (even 0) make the location; else the gate; else none', () => {
    expect(formatSerialError(serialError('m', { token: 0, offset: 0 }))).toBe('token 0 at offset 0: m');
    expect(formatSerialError(serialError('m', { token: 1, gate: 4 }))).toBe('gate 4: m');
    expect(formatSerialError(serialError('m', { offset: 3, gate: 0 }))).toBe('gate 0: m');
    expect(formatSerialError(serialError('m', { token: 1 }))).toBe('m');
    expect(formatSerialError(serialError('m'))).toBe('m');
    expect(serialErrorLocation(serialError('m', { token: 0, offset: 0 }))).toBe('token 0 at offset 0');
    expect(serialErrorLocation(serialError('m', { token: 2, offset: 5, gate: 1 }))).toBe('token 2 at offset 5');
    expect(serialErrorLocation(serialError('m', { token: 1, gate: 0 }))).toBe('gate 0');
    expect(serialErrorLocation(serialError('m', { offset: 1 }))).toBeUndefined();
    expect(serialErrorLocation(serialError('m'))).toBeUndefined();
    expect(serialError('m')).toEqual({ _tag: 'SerialError', message: 'm' });
  });
});

describe('parseSerial: tokens', () => {
  it('whitespace is exactly space, TAB, LF, VT, FF and CR', () => {
    expect(ok(parseSerial('X\tX\nX\vX\fX\rX X')).numGates).toBe(7);
    expect(err(parseSerial('X\x08X'))).toBe(`token 0 at offset 0: expected ${GATE}, got 'X\x08X'`);
    expect(err(parseSerial('X\x0eX'))).toBe(`token 0 at offset 0: expected ${GATE}, got 'X\x0eX'`);
    expect(err(parseSerial('X\u00a0X'))).toBe(`token 0 at offset 0: expected ${GATE}, got 'X\u00a0X'`);
    expect(err(parseSerial('X X\x1fX'))).toBe(`token 1 at offset 2: expected ${GATE}, got 'X\x1fX'`);
    expect(err(parseSerial('X !'))).toBe(`token 1 at offset 2: expected ${GATE}, got '!'`);
  });
  it('shows tokens of up to 24 characters whole, longer ones shortened', () => {
    const t24 = 'Y'.repeat(24);
    const t25 = 'Z'.repeat(25);
    expect(err(parseSerial(`X ${t24}`))).toBe(`token 1 at offset 2: expected ${GATE}, got '${t24}'`);
    expect(err(parseSerial(`X ${t25}`))).toBe(`token 1 at offset 2: expected ${GATE}, got '${'Z'.repeat(20)}…' (25 characters)`);
  });
  it('keywords are whole tokens', () => {
    for (const bad of ['XX', 'NOTX', 'ANDX', 'ORX', '<', '>=>', 'NO', 'AN', 'O', '=']) {
      expect(err(parseSerial(`X ${bad}`))).toBe(`token 1 at offset 2: expected ${GATE}, got '${bad}'`);
    }
  });
  it('every keyword parses to its gate', () => {
    const c = ok(parseSerial('X X NOT & AND & &1 OR &1 &11 >= 10 & &1 <= 1 &11', { numOutputs: 2 }));
    expect(toGateSpecs(c)).toEqual([
      { type: 'input' },
      { type: 'input' },
      { type: 'not', args: [0] },
      { type: 'and', args: [0, 1] },
      { type: 'or', args: [1, 2] },
      { type: 'ge', args: [0, 1], k: 1 },
      { type: 'le', args: [2], k: 1 },
    ]);
    expect(Array.from(c.outputs)).toEqual([5, 6]);
    expect(c.numInputs).toBe(2);
    expect(toGateSpecs(ok(parseSerial('X AND OR')))).toEqual([
      { type: 'input' },
      { type: 'and', args: [] },
      { type: 'or', args: [] },
    ]);
    expect(toGateSpecs(ok(parseSerial('X >= 0 &')))).toEqual([{ type: 'input' }, { type: 'ge', args: [0], k: 0 }]);
    expect(toGateSpecs(ok(parseSerial('X X <= 11 & &1')))).toEqual([
      { type: 'input' },
      { type: 'input' },
      { type: 'le', args: [0, 1], k: 2 },
    ]);
  });
});

describe('parseSerial: errors', () => {
  it('options and input type', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(err(parseSerial('X', { numOutputs: bad }))).toBe(`parseSerial: numOutputs must be an integer ≥ 1, got ${String(bad)}`);
    }
    expect(err(parseSerial(5 as unknown as string))).toBe('parseSerial: expected a string, got number');
    expect(err(parseSerial('X', { numOutputs: 2 }))).toBe('numOutputs = 2 but the circuit has only 1 gate');
    expect(Array.from(ok(parseSerial('X X X', { numOutputs: 3 })).outputs)).toEqual([0, 1, 2]);
    expect(Array.from(ok(parseSerial('X X X', {})).outputs)).toEqual([2]);
  });
  it('a pointer where a gate is expected names what the previous gate takes', () => {
    expect(err(parseSerial('X X >= 10 & &1 &'))).toBe(
      `token 6 at offset 15: expected ${GATE} (gate 2 has m = 2 arguments by its threshold string), got '&'`,
    );
    expect(err(parseSerial('X X <= 1 & &1'))).toBe(
      `token 5 at offset 11: expected ${GATE} (gate 2 has m = 1 arguments by its threshold string), got '&1'`,
    );
    expect(err(parseSerial('X NOT & X &'))).toBe(`token 4 at offset 10: expected ${GATE} (X takes no arguments), got '&'`);
    expect(err(parseSerial('X NOT & >= 1 &1 NOT &11 &'))).toBe(
      `token 8 at offset 24: expected ${GATE} (NOT takes exactly one argument), got '&'`,
    );
  });
  it('pointers: the bound j < gate, the digits, and the end of the text', () => {
    expect(err(parseSerial('X X NOT &11'))).toBe("token 3 at offset 8: expected the argument of NOT, a pointer '&1^j' with j < 2, got '&11'");
    expect(toGateSpecs(ok(parseSerial('X X NOT &1')))[2]).toEqual({ type: 'not', args: [1] });
    expect(err(parseSerial('X X NOT &0'))).toBe(
      "token 3 at offset 8: expected the argument of NOT, a pointer '&1^j' with j < 2 ('&' followed only by 1s), got '&0'",
    );
    expect(err(parseSerial('X X NOT X'))).toBe("token 3 at offset 8: expected the argument of NOT, a pointer '&1^j' with j < 2, got 'X'");
    expect(err(parseSerial('X X >= 10 & &1x'))).toBe(
      "token 5 at offset 12: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2 ('&' followed only by 1s), got '&1x'",
    );
    expect(err(parseSerial('X X >= 10 & X'))).toBe(
      "token 5 at offset 12: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2, got 'X'",
    );
    expect(err(parseSerial('X X >= 10 &'))).toBe(
      "token 5 at offset 11: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2, got the end of the text",
    );
    expect(err(parseSerial('X X >= 10 &   '))).toBe(
      "token 5 at offset 14: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2, got the end of the text",
    );
    expect(toGateSpecs(ok(parseSerial('X AND & X')))).toEqual([{ type: 'input' }, { type: 'and', args: [0] }, { type: 'input' }]);
  });
  it('threshold strings: 1s then 0s, nothing else', () => {
    const expected = (kw: string): string => `a threshold string '1^k 0^(m−k)' (one or more 1s then 0s, one per argument) after '${kw}'`;
    expect(err(parseSerial('X <= 1x &'))).toBe(`token 2 at offset 5: expected ${expected('<=')}, got '1x'`);
    expect(err(parseSerial('X <= 10x &'))).toBe(`token 2 at offset 5: expected ${expected('<=')}, got '10x'`);
    expect(err(parseSerial('X >= 2 &'))).toBe(`token 2 at offset 5: expected ${expected('>=')}, got '2'`);
    expect(err(parseSerial('X <='))).toBe(`token 2 at offset 4: expected ${expected('<=')}, got the end of the text`);
    expect(err(parseSerial('X <= 01 &'))).toBe(`token 2 at offset 5: expected ${expected('<=')}, got '01'`);
  });
  it('only whitespace and empty text', () => {
    expect(err(parseSerial('   '))).toBe(`token 0 at offset 3: expected ${GATE}, got only whitespace`);
    expect(err(parseSerial(''))).toBe(`token 0 at offset 0: expected ${GATE}, got an empty text`);
  });
});

describe('parseSerial: limits', () => {
  it('refuses a text over SERIAL_LIMITS.maxChars before scanning it', () => {
    serialLimits.maxChars = 10;
    expect(ok(parseSerial('X X AND &1')).numGates).toBe(3);
    expect(err(parseSerial('X X AND & &1'))).toBe('parseSerial: the text has 12 characters, more than the limit of 10');
  });
  it('refuses more gates than CIRCUIT_LIMITS.maxGates, at the first gate too many', () => {
    limits.maxGates = 3;
    expect(ok(parseSerial('X X X')).numGates).toBe(3);
    expect(err(parseSerial('X X X NOT &'))).toBe('token 3 at offset 6: more than 3 gates (the limit)');
  });
  it('refuses more wires than CIRCUIT_LIMITS.maxWires, at the gate that passes it', () => {
    limits.maxWires = 2;
    expect(ok(parseSerial('X X AND & &1')).numGates).toBe(3);
    expect(ok(parseSerial('X X >= 10 & &1')).numGates).toBe(3);
    expect(ok(parseSerial('X NOT & NOT &1')).numGates).toBe(3);
    expect(err(parseSerial('X X AND & &1 NOT &'))).toBe('gate 3: more than 2 wires (the limit)');
    expect(err(parseSerial('X X OR & &1 &'))).toBe('gate 2: more than 2 wires (the limit)');
    expect(err(parseSerial('X X <= 100 & &1 &'))).toBe('gate 2: more than 2 wires (the limit)');
    expect(err(parseSerial('X NOT & NOT &1 NOT &11'))).toBe('gate 3: more than 2 wires (the limit)');
    expect(ok(parseSerial('X X X X AND X'))).toBeDefined();
  });
});

describe('isPrefixForm and withOutputsLast', () => {
  it('const gates count as non-input gates', () => {
    const b = createBuilder();
    b.constant(1);
    b.input();
    expect(isPrefixForm(b.build([0]))).toBe(false);
    const b2 = createBuilder();
    b2.input();
    b2.input();
    b2.constant(0);
    expect(isPrefixForm(b2.build([2]))).toBe(true);
    const b3 = createBuilder();
    b3.constant(0);
    expect(isPrefixForm(b3.build([0]))).toBe(true);
  });
  it('appends one buffer AND per output, extending the weights with 1s', () => {
    const b = createBuilder();
    b.input();
    b.constant(0);
    const x = b.input();
    const g = b.le([x, 0], 1, [3, 1]);
    const c = b.build([g, 0]);
    const d = withOutputsLast(c);
    expect(d.numInputs).toBe(2);
    expect(d.numGates).toBe(6);
    expect(Array.from(d.kind)).toEqual([GateKind.Input, GateKind.Const, GateKind.Input, GateKind.Le, GateKind.And, GateKind.And]);
    expect(Array.from(d.param)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(Array.from(d.faninStart)).toEqual([0, 0, 0, 0, 2, 3, 4]);
    expect(Array.from(d.fanin)).toEqual([2, 0, 3, 0]);
    expect(Array.from(d.weight ?? [])).toEqual([3, 1, 1, 1]);
    expect(Array.from(d.outputs)).toEqual([4, 5]);
  });
  it('keeps weight null for unweighted circuits, and returns c itself when the outputs trail', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([x!]);
    const d = withOutputsLast(c);
    expect(d.weight).toBeNull();
    expect(toGateSpecs(d)).toEqual([{ type: 'input' }, { type: 'input' }, { type: 'and', args: [0] }]);
    const e = b.build([x!, y!]);
    expect(withOutputsLast(e)).toBe(e);
    const f = b.build([y!]);
    expect(withOutputsLast(f)).toBe(f);
    expect(withOutputsLast(b.build([y!, y!])).numGates).toBe(4);
    const g = b.build([]);
    expect(withOutputsLast(g)).toBe(g);
  });
});

describe('printSerial: refusals, exact messages', () => {
  it('const gates', () => {
    const b = createBuilder();
    b.input();
    const c = b.build([b.constant(0)]);
    expect(err(printSerial(c))).toBe(
      'gate 1: const 0 has no P1 §3 serialization (write const 1 as AND with no arguments and const 0 as OR with no arguments, or use the JSON format)',
    );
  });
  it('weighted thresholds: the weight, its argument and θ≥ / θ≤', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    b.ge([x!, y!], 1, [1, 1]);
    const g = b.le([x!, y!], 0, [-2, 1]);
    expect(err(printSerial(b.build([g])))).toBe(
      'gate 3: θ≤0 has weight -2 on argument 0; P1 §3 serializes only unweighted thresholds (expand the weights or use the JSON format)',
    );
    const b2 = createBuilder();
    const [u, v] = b2.inputs(2);
    b2.and([u!, v!]);
    b2.ge([u!], 1, [1]);
    const h = b2.ge([u!, v!, u!], 1, [1, 1, 2]);
    expect(err(printSerial(b2.build([h])))).toBe(
      'gate 4: θ≥1 has weight 2 on argument 2; P1 §3 serializes only unweighted thresholds (expand the weights or use the JSON format)',
    );
  });
  it('thresholds with no arguments: the constant they are', () => {
    const msg = (name: string, gate: number, value: number): string =>
      `gate ${gate}: ${name} has no arguments, so its '1^k 0^(m−k)' string would be empty, which a whitespace-separated token cannot hold (it is the constant ${value})`;
    const one = (make: (b: ReturnType<typeof createBuilder>) => number): string => {
      const b = createBuilder();
      b.input();
      return err(printSerial(b.build([make(b)])));
    };
    expect(one((b) => b.ge([], 0))).toBe(msg('θ≥0', 1, 1));
    expect(one((b) => b.ge([], 1))).toBe(msg('θ≥1', 1, 0));
    expect(one((b) => b.ge([], -1))).toBe(msg('θ≥-1', 1, 1));
    expect(one((b) => b.le([], 0))).toBe(msg('θ≤0', 1, 1));
    expect(one((b) => b.le([], -1))).toBe(msg('θ≤-1', 1, 0));
    expect(one((b) => b.le([], 1))).toBe(msg('θ≤1', 1, 1));
    // after gates with wires (the fan-in is e − s, not e)
    const b = createBuilder();
    const [x] = b.inputs(1);
    b.not(x!);
    expect(err(printSerial(b.build([b.ge([], 0)])))).toBe(msg('θ≥0', 2, 1));
  });
  it('k outside 0..m; k = 0 and k = m print', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(err(printSerial(b.build([b.ge([x!, y!], -1)])))).toBe(
      'gate 2: θ≥-1 with m = 2 arguments: k must be in 0..m to be written as 1^k 0^(m−k)',
    );
    const b1 = createBuilder();
    const [x1, y1] = b1.inputs(2);
    b1.and([x1!, y1!]);
    expect(err(printSerial(b1.build([b1.le([x1!, y1!], 3)])))).toBe(
      'gate 3: θ≤3 with m = 2 arguments: k must be in 0..m to be written as 1^k 0^(m−k)',
    );
    const b2 = createBuilder();
    const [u, v] = b2.inputs(2);
    b2.ge([u!, v!], 0);
    b2.le([u!, v!], 2);
    expect(ok(printSerial(b2.build([3])))).toBe('X X >= 00 & &1 <= 11 & &1');
  });
  it('input gates out of order', () => {
    const c: Circuit = { ...ok(parseSerial('X NOT & X')), param: Int32Array.from([0, 0, 0]) };
    expect(err(printSerial(c))).toBe(
      'gate 2: input gate reads input bit 0, but P1 §3 numbers inputs by order of appearance (this would be bit 1)',
    );
  });
  it('outputs not trailing: one output, and more than 8 shown with …', () => {
    const b = createBuilder();
    const [x] = b.inputs(2);
    expect(err(printSerial(b.build([x!])))).toBe(
      'the outputs [0] are not the last 1 gate in order, and P1 §3 marks outputs by position; apply withOutputsLast first (it appends 1 buffer AND gate: size +1, depth +1 at most)',
    );
    const nine = Array.from({ length: 9 }, () => 0);
    expect(err(printSerial(b.build(nine)))).toBe(
      'the outputs [0, 0, 0, 0, 0, 0, 0, 0, …] are not the last 9 gates in order, and P1 §3 marks outputs by position; apply withOutputsLast first (it appends 9 buffer AND gates: size +9, depth +1 at most)',
    );
    const eight = Array.from({ length: 8 }, () => 1);
    expect(err(printSerial(b.build(eight)))).toContain('the outputs [1, 1, 1, 1, 1, 1, 1, 1] are not the last 8 gates');
  });
  it('a gate kind outside the model (a hand-made Circuit) is refused, not printed', () => {
    const c = ok(parseSerial('X X >= 10 & &1'));
    expect(printSerial({ ...c, kind: Uint8Array.from([GateKind.Input, GateKind.Input, 9]) })).toEqual({
      _tag: 'Left',
      left: serialError('unexpected gate kind 9', { gate: 2 }),
    });
  });
  it('no outputs: prints the gates', () => {
    const b = createBuilder();
    b.inputs(2);
    expect(ok(printSerial(b.build([])))).toBe('X X');
  });
});

describe('printSerial: the measured length is the exact text length', () => {
  const circuits: readonly string[] = [
    'X',
    'X X',
    'X NOT &',
    'X X AND & &1',
    'X X OR &1 &',
    'X X >= 10 & &1',
    'X X X <= 110 &11 & &1',
    'X NOT & X',
    'X AND OR',
    'X X X NOT &1 OR & &111 &11',
    'X X X NOT &1 >= 110 & &111 &11 <= 0 &1111 AND OR &11111 &111111 &',
  ];
  for (const text of circuits) {
    it(`'${text}': accepted at a limit of its length, refused one below`, () => {
      const c = ok(parseSerial(text));
      serialLimits.maxChars = text.length;
      expect(ok(printSerial(c))).toBe(text);
      serialLimits.maxChars = text.length - 1;
      const r = printSerial(c);
      expect(isLeft(r) ? r.left : undefined).toEqual(
        serialError(`the text would be longer than the limit of ${text.length - 1} characters`, { gate: c.numGates - 1 }),
      );
    });
  }
  it('regression: input gates count towards the limit too (printSerial skipped the check after an X)', () => {
    const c = ok(parseSerial('X X AND & &1 X X'));
    serialLimits.maxChars = 15;
    expect(err(printSerial(c))).toBe('gate 4: the text would be longer than the limit of 15 characters');
    serialLimits.maxChars = 16;
    expect(ok(printSerial(c))).toBe('X X AND & &1 X X');
  });
  it('the length check runs gate by gate', () => {
    const c = ok(parseSerial('X X AND & &1 NOT &11'));
    serialLimits.maxChars = 11;
    expect(err(printSerial(c))).toBe('gate 2: the text would be longer than the limit of 11 characters');
    serialLimits.maxChars = 12;
    expect(err(printSerial(c))).toBe('gate 3: the text would be longer than the limit of 12 characters');
  });
});
