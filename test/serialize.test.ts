import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { createBuilder, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import {
  formatSerialError,
  isPrefixForm,
  P1_SERIAL_EXAMPLES,
  parseSerial,
  parseSerialOrThrow,
  printSerial,
  withOutputsLast,
  type SerialError,
} from '../src/core/serialize.js';
import { allAssignments, arbCircuit, sameFunction } from './serialize.fixtures.js';

const ok = <A>(r: Either<SerialError, A>): A => {
  if (isLeft(r)) throw new Error(formatSerialError(r.left));
  return r.right;
};
const err = <A>(r: Either<SerialError, A>): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatSerialError(r.left);
};

/** print → parse → print is the identity, and the parsed circuit is the original. */
const roundTrips = (c: Circuit): boolean => {
  const text = ok(printSerial(c));
  const back = ok(parseSerial(text, { numOutputs: c.outputs.length }));
  expect(ok(printSerial(back))).toBe(text);
  expect(toGateSpecs(back)).toEqual(toGateSpecs(c));
  expect(Array.from(back.outputs)).toEqual(Array.from(c.outputs));
  expect(back.numInputs).toBe(c.numInputs);
  expect(sameFunction(back, c)).toBe(true);
  return true;
};

describe('P1 §3 serialization round trips', () => {
  it('prefix-form circuits: print ∘ parse = id, same gates, same function', () => {
    fc.assert(
      fc.property(arbCircuit({ prefix: true, printable: true }), (c) => {
        expect(isPrefixForm(c)).toBe(true);
        return roundTrips(c);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('non-prefix circuits (X anywhere): print ∘ parse = id, same gates, same function', () => {
    fc.assert(
      fc.property(arbCircuit({ prefix: false, printable: true, maxInputs: 0 }), (c) => roundTrips(c)),
      { seed: 42, numRuns: 300 },
    );
  });

  it('parsing ignores how much whitespace separates tokens', () => {
    fc.assert(
      fc.property(
        arbCircuit({ prefix: false, printable: true }),
        fc.array(fc.constantFrom(' ', '  ', '\n', '\t', ' \r\n '), { minLength: 1, maxLength: 50 }),
        (c, seps) => {
          const text = ok(printSerial(c));
          const messy = '\n ' + text.split(' ').map((tok, i) => tok + seps[i % seps.length]!).join('');
          const back = ok(parseSerial(messy, { numOutputs: c.outputs.length }));
          expect(toGateSpecs(back)).toEqual(toGateSpecs(c));
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it('withOutputsLast makes any circuit printable (AND/OR/NOT/threshold) with the same function, size +k, depth ≤ +1', () => {
    fc.assert(
      fc.property(arbCircuit({ prefix: true, printable: true }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (c0, picks) => {
        // same gates, arbitrary outputs
        const c: Circuit = { ...c0, outputs: Uint32Array.from(picks.map((p) => p % c0.numGates)) };
        const d = withOutputsLast(c);
        const trailing = picks.every((p, j) => p % c0.numGates === c0.numGates - picks.length + j);
        if (trailing) {
          expect(d).toBe(c);
        } else {
          const msg = err(printSerial(c));
          expect(msg).toContain('withOutputsLast');
          expect(metrics(d).size).toBe(metrics(c).size + picks.length);
          expect(metrics(d).depth).toBeLessThanOrEqual(metrics(c).depth + 1);
        }
        expect(sameFunction(d, c)).toBe(true);
        return roundTrips(d);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('prints the expected text for a small circuit', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const n = b.not(y!);
    const t = b.ge([x!, n, z!], 2);
    const u = b.le([t], 0);
    const a = b.and([]);
    const o = b.or([u, a, x!]);
    expect(ok(printSerial(b.build([o])))).toBe('X X X NOT &1 >= 110 & &111 &11 <= 0 &1111 AND OR &11111 &111111 &');
    expect(ok(printSerial(b.build([a, o])))).toBe('X X X NOT &1 >= 110 & &111 &11 <= 0 &1111 AND OR &11111 &111111 &');
  });

  it('isPrefixForm', () => {
    expect(isPrefixForm(parseSerialOrThrow('X X AND & &1'))).toBe(true);
    expect(isPrefixForm(parseSerialOrThrow('X NOT & X AND &1 &11'))).toBe(false);
    expect(isPrefixForm(parseSerialOrThrow('AND X'))).toBe(false);
  });

  it('parses a wide circuit quickly (linear time)', () => {
    const text = 'X X' + ' AND & &1'.repeat(100_000);
    const c = ok(parseSerial(text));
    expect(c.numGates).toBe(100_002);
    expect(ok(printSerial(c))).toBe(text);
  });
});

describe('the paper’s examples (P1 §3)', () => {
  it('X X X NOT &1 OR & &111 &11 is OR(x0, ¬x1, x2)', () => {
    const c = ok(parseSerial(P1_SERIAL_EXAMPLES.orNot));
    expect(toGateSpecs(c)).toEqual([
      { type: 'input' },
      { type: 'input' },
      { type: 'input' },
      { type: 'not', args: [1] },
      { type: 'or', args: [0, 3, 2] },
    ]);
    expect(Array.from(c.outputs)).toEqual([4]);
    for (const x of allAssignments(3)) expect(evaluate(c, x)[0]).toBe(x[0]! | (1 - x[1]!) | x[2]!);
    expect(ok(printSerial(c))).toBe(P1_SERIAL_EXAMPLES.orNot);
  });

  it('erratum: X X <= 00 &1 >= 10 & &11 is ill formed under P1’s own grammar', () => {
    // Tokens: 0 'X', 1 'X', 2 '<=', 3 '00', 4 '&1', 5 '>=' (offset 13), … The threshold string
    // '00' has m = 2 characters, so gate 2 needs 2 pointers, but only '&1' follows before '>='.
    // See docs/errata.md, "P1 §3 serialization examples".
    expect(err(parseSerial(P1_SERIAL_EXAMPLES.threshold))).toBe(
      "token 5 at offset 13: expected pointer 2 of 2 (m = 2 from the threshold string) '&1^j' with j < 2, got '>='",
    );
  });

  it('erratum, corrected: both minimal repairs parse and compute x0 ∨ ¬x1', () => {
    // (a) drop one '0': gate 2 = θ≤0(x1) = ¬x1, gate 3 = θ≥1(x0, gate 2) = x0 ∨ ¬x1 — the
    //     threshold twin of the first example;
    // (b) add the missing pointer '&': gate 2 = θ≤0(x0, x1) = NOR(x0, x1), gate 3 = x0 ∨ NOR = x0 ∨ ¬x1.
    const a = ok(parseSerial(P1_SERIAL_EXAMPLES.thresholdFixedOneArg));
    const b = ok(parseSerial(P1_SERIAL_EXAMPLES.thresholdFixedTwoArgs));
    expect(toGateSpecs(a)).toEqual([
      { type: 'input' },
      { type: 'input' },
      { type: 'le', args: [1], k: 0 },
      { type: 'ge', args: [0, 2], k: 1 },
    ]);
    expect(toGateSpecs(b)[2]).toEqual({ type: 'le', args: [0, 1], k: 0 });
    for (const x of allAssignments(2)) {
      expect(evaluate(a, x)[0]).toBe(x[0]! | (1 - x[1]!));
      expect(evaluate(b, x)[0]).toBe(x[0]! | (1 - x[1]!));
    }
    expect(ok(printSerial(a))).toBe(P1_SERIAL_EXAMPLES.thresholdFixedOneArg);
    expect(ok(printSerial(b))).toBe(P1_SERIAL_EXAMPLES.thresholdFixedTwoArgs);
  });
});

describe('bad serial strings', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['empty text', '', "token 0 at offset 0: expected a gate (X, NOT, AND, OR, <=, >=), got an empty text"],
    ['only whitespace', ' \n\t ', 'token 0 at offset 4: expected a gate (X, NOT, AND, OR, <=, >=), got only whitespace'],
    ['unknown token', 'X X XOR & &1', "token 2 at offset 4: expected a gate (X, NOT, AND, OR, <=, >=), got 'XOR'"],
    ['keywords are case-sensitive', 'X and &', "token 1 at offset 2: expected a gate (X, NOT, AND, OR, <=, >=), got 'and'"],
    ['pointer to itself', 'X AND &1', "token 2 at offset 6: expected a pointer '&1^j' with j < 1, got '&1'"],
    [
      'pointer too far',
      'X X X X AND &11111',
      "token 5 at offset 12: expected a pointer '&1^j' with j < 4, got '&11111'",
    ],
    [
      'malformed pointer',
      'X X OR & &10',
      "token 4 at offset 9: expected a pointer '&1^j' with j < 2 ('&' followed only by 1s), got '&10'",
    ],
    ['pointer as the first token', '&', "token 0 at offset 0: expected a gate (X, NOT, AND, OR, <=, >=), got '&'"],
    ['X with an argument', 'X X &', "token 2 at offset 4: expected a gate (X, NOT, AND, OR, <=, >=) (X takes no arguments), got '&'"],
    ['NOT with no argument', 'X NOT', "token 2 at offset 5: expected the argument of NOT, a pointer '&1^j' with j < 1, got the end of the text"],
    [
      'NOT with two arguments',
      'X X NOT & &1',
      "token 4 at offset 10: expected a gate (X, NOT, AND, OR, <=, >=) (NOT takes exactly one argument), got '&1'",
    ],
    [
      'threshold string not 1^k 0^(m−k)',
      'X X >= 01 & &1',
      "token 3 at offset 7: expected a threshold string '1^k 0^(m−k)' (one or more 1s then 0s, one per argument) after '>=', got '01'",
    ],
    [
      'threshold string missing',
      'X X <= & &1',
      "token 3 at offset 7: expected a threshold string '1^k 0^(m−k)' (one or more 1s then 0s, one per argument) after '<=', got '&'",
    ],
    [
      'threshold string at the end',
      'X >=',
      "token 2 at offset 4: expected a threshold string '1^k 0^(m−k)' (one or more 1s then 0s, one per argument) after '>=', got the end of the text",
    ],
    [
      'too few pointers',
      'X X >= 110 & &1',
      "token 6 at offset 15: expected pointer 3 of 3 (m = 3 from the threshold string) '&1^j' with j < 2, got the end of the text",
    ],
    [
      'too many pointers',
      'X X >= 1 & &1',
      "token 5 at offset 11: expected a gate (X, NOT, AND, OR, <=, >=) (gate 2 has m = 1 arguments by its threshold string), got '&1'",
    ],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => expect(err(parseSerial(text))).toBe(message));
  }

  it('shortens huge tokens in messages and fails fast on a huge pointer', () => {
    const msg = err(parseSerial('X AND &' + '1'.repeat(1_000_000)));
    expect(msg).toBe("token 2 at offset 6: expected a pointer '&1^j' with j < 1, got '&1111111111111111111…' (1000001 characters)");
  });

  it('numOutputs: must be ≥ 1 and at most the number of gates', () => {
    expect(err(parseSerial('X X', { numOutputs: 3 }))).toBe('numOutputs = 3 but the circuit has only 2 gates');
    expect(err(parseSerial('X X', { numOutputs: 0 }))).toBe('parseSerial: numOutputs must be an integer ≥ 1, got 0');
    expect(Array.from(ok(parseSerial('X X NOT &', { numOutputs: 2 })).outputs)).toEqual([1, 2]);
  });
});

describe('printSerial refuses what P1 §3 cannot express', () => {
  it('const gates', () => {
    const b = createBuilder();
    b.input();
    const c = b.build([b.constant(1)]);
    expect(err(printSerial(c))).toMatch(/^gate 1: const 1 has no P1 §3 serialization \(write const 1 as AND with no arguments/);
  });
  it('weighted thresholds', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    expect(err(printSerial(b.build([b.ge([x!, y!], 1, [1, 2])])))).toMatch(/^gate 2: θ≥1 has weight 2 on argument 1; P1 §3 serializes only unweighted/);
    // all-ones weights are fine
    const b2 = createBuilder();
    const [u, v] = b2.inputs(2);
    expect(ok(printSerial(b2.build([b2.ge([u!, v!], 1, [1, 1])])))).toBe('X X >= 10 & &1');
  });
  it('thresholds with no arguments or k outside 0..m', () => {
    const b = createBuilder();
    b.inputs(1);
    const g = b.ge([], 0);
    expect(err(printSerial(b.build([g])))).toMatch(/^gate 1: θ≥0 has no arguments.*the constant 1\)$/);
    const b2 = createBuilder();
    const [y] = b2.inputs(1);
    expect(err(printSerial(b2.build([b2.le([y!], 2)])))).toBe('gate 1: θ≤2 with m = 1 arguments: k must be in 0..m to be written as 1^k 0^(m−k)');
  });
  it('outputs that are not the trailing gates', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([y!, x!]);
    expect(err(printSerial(c))).toBe(
      'the outputs [1, 0] are not the last 2 gates in order, and P1 §3 marks outputs by position; apply withOutputsLast first (it appends 2 buffer AND gates: size +2, depth +1 at most)',
    );
    expect(ok(printSerial(withOutputsLast(c)))).toBe('X X AND &1 AND &');
  });
  it('input gates that do not read their bits in order', () => {
    const c = parseSerialOrThrow('X X AND & &1');
    const swapped: Circuit = { ...c, param: Int32Array.from([1, 0, 0]) };
    expect(err(printSerial(swapped))).toBe(
      'gate 0: input gate reads input bit 1, but P1 §3 numbers inputs by order of appearance (this would be bit 0)',
    );
  });
});

describe('parseSerialOrThrow', () => {
  it('throws the formatted error', () => {
    expect(() => parseSerialOrThrow('X Y')).toThrow("parseSerialOrThrow: token 1 at offset 2: expected a gate (X, NOT, AND, OR, <=, >=), got 'Y'");
  });
});
